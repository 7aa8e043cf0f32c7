import type { CommitmentRecord, CommitmentTable } from '../../db/commitment-table.js';
import { CommandField } from '../dimse/dimse-command.js';
import type { DimseConnection, RequestHandler } from '../dimse/dimse-connection.js';
import { commitmentReportHandler } from '../services/commitment-report-service.js';
import { newTransactionUid, requestCommitment, type CommitmentRequestItem } from '../scu/commitment-scu.js';

/** Where a send job's commitment request stands when the job ends (the table has the rest). */
export interface CommitmentOutcome {
  readonly transactionUid: string;
  /** `requested`: no report on the sending association within the wait; it reaches `atrium serve` later. */
  readonly state: CommitmentRecord['state'];
  readonly committed: number;
  readonly failed: number;
  readonly pending: number;
  /** Failed instances with the Failure Reason (0008,1197) given. */
  readonly failures: readonly { readonly SOPInstanceUID: string; readonly failureReason?: number }[];
  /** Local copies deleted after the report (the `deleteCommitted` policy). */
  readonly deleted?: number;
}

/** The outcome of a recorded request, counted. */
export function commitmentOutcome(record: CommitmentRecord): CommitmentOutcome {
  const count = (result: string): number => record.items.filter((i) => i.result === result).length;
  return {
    transactionUid: record.transactionUid, state: record.state, committed: count('committed'), failed: count('failed'), pending: count('pending'),
    failures: record.items.filter((i) => i.result === 'failed').map((i) => ({ SOPInstanceUID: i.SOPInstanceUID, ...(i.failureReason === undefined ? {} : { failureReason: i.failureReason }) })),
  };
}

/** How often a send waiting for its report looks for one another process recorded. */
export const COMMITMENT_POLL_MS = 250;

/**
 * Storage commitment after a send (Shimadzu DAR-9500f conformance statement, Storage
 * Commitment SCU): `handlers` receive the N-EVENT-REPORT on the sending association;
 * `request` records the Transaction UID (the job's, with this host as its owner), sends the
 * N-ACTION for what was sent and waits up to `waitMs` for the report. A report arriving on an
 * association the SCP opens is recorded by `atrium serve` — of any host answering the
 * cluster's AE title, since the table is in the shared index — under the same Transaction UID;
 * the waiting send sees it there (it looks every {@link COMMITMENT_POLL_MS} ms) and stops waiting.
 */
export function commitmentOnSend(commitments: CommitmentTable, jobId: number): {
  readonly handlers: Partial<Record<number, RequestHandler>>;
  request(connection: DimseConnection, aeTitle: string, sent: readonly CommitmentRequestItem[], waitMs: number): Promise<CommitmentOutcome>;
} {
  const waiting = new Map<string, () => void>();
  const handler = commitmentReportHandler({ commitments, onReport: (report) => waiting.get(report.transactionUid)?.() });
  return {
    handlers: { [CommandField.NEventReportRq]: handler },
    async request(connection, aeTitle, sent, waitMs) {
      const transactionUid = newTransactionUid();
      const items = sent.map((i) => ({ SOPClassUID: i.SOPClassUID, SOPInstanceUID: i.SOPInstanceUID }));
      commitments.request(transactionUid, aeTitle, jobId, items, new Date().toISOString());
      let timer: NodeJS.Timeout | undefined;
      let poll: NodeJS.Timeout | undefined;
      const stopWaiting = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        waiting.delete(transactionUid);
      };
      const reported = new Promise<void>((resolve) => {
        waiting.set(transactionUid, resolve);
        timer = setTimeout(resolve, waitMs);
        if (waitMs > 0) {
          poll = setInterval(() => {
            if (commitments.get(transactionUid)?.state === 'reported') resolve();
          }, COMMITMENT_POLL_MS);
        }
      });
      try {
        await requestCommitment(connection, transactionUid, items);
      } catch (e) {
        // No wait goes on after a refused request: its timers would outlive the job (and the database).
        stopWaiting();
        commitments.remove(transactionUid);
        throw e;
      }
      try {
        await Promise.race([reported, connection.association.ended]);
      } finally {
        stopWaiting();
      }
      return commitmentOutcome(commitments.get(transactionUid)!);
    },
  };
}
