import { setTimeout as sleep } from 'node:timers/promises';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { MoveStatus, statusCategory } from '../../errors/dimse-statuses.js';
import type { OutgoingInstance, StoreReport } from '../scu/store-instances.js';

/** How often and how soon the C-MOVE SCP retries failed sub-operations (`moveScpRetries`, `moveScpRetryDelayMs`). */
export interface SubOperationRetries {
  readonly rounds: number;
  readonly delayMs: number;
}

/** One attempt: sends `batch` on a new association to the destination; `onProgress` after each C-STORE. */
export type SendBatch = (batch: readonly OutgoingInstance[], onProgress: (r: StoreReport) => Promise<void>, signal: AbortSignal) => Promise<StoreReport>;

const isFailure = (p: StoreReport['problems'][number]): boolean => statusCategory(p.status) === 'failure';

/**
 * The C-STORE sub-operations of a C-MOVE with the failed ones retried (Canon GCA-9300R
 * conformance statement §4.2.6.4.1.3.5: failures are retried per destination): after an
 * attempt, the instances whose C-STORE failed and those an ended association left unsent are
 * sent again on a new association, after `delayMs`, at most `rounds` more times. `onProgress`
 * gets the counts over all attempts (an instance retried counts once, by its last outcome).
 * @returns the report over all attempts; the problems of the last attempt for what still failed.
 * @throws the last attempt's error when the destination could not be reached and nothing at
 *   all was sent (the caller answers A702); AtriumError `ATRIUM_ERR_NET_CANCELLED` on cancel.
 */
export async function sendWithRetries(instances: readonly OutgoingInstance[], retries: SubOperationRetries, send: SendBatch, onProgress: (r: StoreReport, total: number) => Promise<void>, signal: AbortSignal): Promise<StoreReport> {
  let done = { completed: 0, warning: 0, problems: [] as StoreReport['problems'] };
  let todo = instances;
  for (let round = 0; ; round++) {
    let last: StoreReport = { completed: 0, warning: 0, failed: 0, problems: [] };
    let error: AtriumError | undefined;
    const base = done;
    try {
      last = await send(todo, async (r) => {
        last = r;
        await onProgress({ completed: base.completed + r.completed, warning: base.warning + r.warning, failed: r.failed, problems: [...base.problems, ...r.problems] }, instances.length);
      }, signal);
    } catch (e) {
      if (!isAtriumError(e) || e.code === 'ATRIUM_ERR_NET_CANCELLED') throw e;
      error = e;
    }
    const attempted = last.completed + last.warning + last.failed;
    const failed = new Set(last.problems.filter(isFailure).map((p) => p.SOPInstanceUID));
    const unsent = error ? todo.slice(attempted) : [];
    const again = [...todo.slice(0, attempted).filter((i) => failed.has(i.SOPInstanceUID)), ...unsent];
    done = { completed: done.completed + last.completed, warning: done.warning + last.warning, problems: [...done.problems, ...last.problems.filter((p) => !isFailure(p))] };
    if (again.length === 0) return { ...done, failed: 0 };
    if (round >= retries.rounds || signal.aborted) {
      if (error && done.completed + done.warning === 0) throw error;
      const reason = error ? `not sent: ${error.message}` : '';
      const problems = [...last.problems.filter(isFailure), ...unsent.map((i) => ({ SOPInstanceUID: i.SOPInstanceUID, status: MoveStatus.OutOfResourcesSubOperations.code, comment: reason }))];
      return { ...done, failed: again.length, problems: [...done.problems, ...problems] };
    }
    await onProgress({ ...done, failed: 0, problems: done.problems }, instances.length);
    await sleep(retries.delayMs, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) throw new AtriumError('ATRIUM_ERR_NET_CANCELLED', 'C-MOVE cancelled while waiting to retry its failed sub-operations', {});
    todo = again;
  }
}
