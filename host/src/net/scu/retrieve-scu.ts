import { Tag } from '@atrium/sdk';
import type { DimseCommand } from '../dimse/dimse-command.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { AtriumError } from '../../errors/atrium-error.js';
import { isPending, MoveStatus, NO_STATUS } from '../../errors/dimse-statuses.js';
import { identifierValues } from '../services/query-identifier.js';
import { checkFinal, qrRequest, type QueryRequest } from './query-scu.js';

/** Sub-operation counters of a C-MOVE / C-GET. */
export interface RetrieveCounts {
  readonly remaining: number;
  readonly completed: number;
  readonly failed: number;
  readonly warning: number;
}

/** What a C-MOVE / C-GET achieved. */
export interface RetrieveResult extends RetrieveCounts {
  readonly status: number;
  readonly failedSOPInstanceUIDs: readonly string[];
}

/**
 * The Failed SOP Instance UID List (PS3.4 §C.4.2.1.4.2) of a final response: in its
 * Identifier, or in its command set where a DCMTK-based SCP (Orthanc) puts it.
 */
function failedUids(command: DimseCommand, dataset: Uint8Array | undefined, transferSyntax: string): string[] {
  const fromIdentifier = dataset ? identifierValues(dataset, transferSyntax).FailedSOPInstanceUIDList : undefined;
  const inCommand = command.statusDetail?.get(Tag.FailedSOPInstanceUIDList);
  const list = fromIdentifier ?? (inCommand ? Buffer.from(inCommand).toString('latin1') : '');
  return list.split('\\').map((u) => u.replace(/[\0 ]+$/, '').trim()).filter((u) => u !== '');
}

const countsOf = (c: DimseCommand): RetrieveCounts => ({
  remaining: c.NumberOfRemainingSuboperations ?? 0,
  completed: c.NumberOfCompletedSuboperations ?? 0,
  failed: c.NumberOfFailedSuboperations ?? 0,
  warning: c.NumberOfWarningSuboperations ?? 0,
});

/**
 * The C-MOVE final failures the Canon GCA-9300R conformance statement retries (Table 4-35,
 * "Retrieval is terminated; Retries will occur"): A701, A702 (out of resources), A801 (move
 * destination unknown), A900 (identifier does not match), Cxxx (unable to process); and (in
 * {@link retrieveOn}) FE00 the peer chose and B000 with failed sub-operations.
 */
function moveRetries(status: number): boolean {
  return status === MoveStatus.OutOfResourcesMatches.code || status === MoveStatus.OutOfResourcesSubOperations.code
    || status === MoveStatus.MoveDestinationUnknown.code || status === MoveStatus.IdentifierDoesNotMatchSopClass.code || (status & 0xf000) === 0xc000;
}

/**
 * C-MOVE (`destination` set) or C-GET as SCU (PS3.4 §C.4.2 / §C.4.3): follows the
 * Pending responses (`onProgress` gets their counters) to the final one; `signal`
 * sends C-CANCEL. For C-GET the connection's C-STORE handler receives the instances.
 * @throws AtriumError `ATRIUM_ERR_NET_REMOTE_FAILED` for a failure status (A801 unknown
 *   destination, A702, C000 …; A7xx retryable) with the counts in the message and
 *   `details.result` (the association stays open), or the association's error.
 */
export async function retrieveOn(
  connection: DimseConnection,
  request: QueryRequest,
  options: { destination?: string; signal?: AbortSignal; onProgress?: (c: RetrieveCounts) => void },
): Promise<RetrieveResult> {
  const op = options.destination === undefined ? 'Get' : 'Move';
  let cancelSent = false;
  for await (const r of qrRequest(connection, request, op, options.destination === undefined ? {} : { MoveDestination: options.destination })) {
    const status = r.command.Status ?? 0;
    if (isPending(status)) {
      options.onProgress?.(countsOf(r.command));
      if (options.signal?.aborted && !cancelSent) {
        cancelSent = true;
        await connection.cancel(r.contextId, r.messageId);
      }
      continue;
    }
    const result: RetrieveResult = { status, ...countsOf(r.command), failedSOPInstanceUIDs: failedUids(r.command, r.dataset, r.transferSyntax) };
    const attempted = result.completed + result.failed + result.warning > 0;
    const clause = attempted ? `${result.completed} completed, ${result.failed} failed, ${result.warning} warning` : undefined;
    const what = op === 'Get' ? 'C-GET' : `C-MOVE to ${options.destination}`;
    checkFinal(r.command, what, connection.association.calledAeTitle, { ...(clause ? { clause } : {}), details: { result, ...(op === 'Move' && moveRetries(status) ? { retryable: true } : {}) } });
    if (op === 'Move' && status === MoveStatus.SubOperationsWarning.code && result.failed > 0) {
      // Canon GCA-9300R Table 4-35: "Sub-operations Complete - One or more Failures": "Retry will occur".
      throw new AtriumError('ATRIUM_ERR_NET_REMOTE_FAILED', `${what} at ${connection.association.calledAeTitle} ended B000 with failed sub-operations (${clause ?? ''})`, { status, result, retryable: true });
    }
    if (op === 'Move' && status === MoveStatus.Cancel.code && !cancelSent) {
      // Canon GCA-9300R Table 4-35: sub-operations the peer cancelled on its own: "Retries will occur".
      throw new AtriumError('ATRIUM_ERR_NET_REMOTE_FAILED', `${what} at ${connection.association.calledAeTitle} was cancelled by the peer (FE00)${clause ? ` (${clause})` : ''}`, { status, result, retryable: true });
    }
    return result;
  }
  return { status: NO_STATUS, remaining: 0, completed: 0, failed: 0, warning: 0, failedSOPInstanceUIDs: [] };
}
