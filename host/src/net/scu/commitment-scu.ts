import { SopClass } from '@atrium/sdk';
import { AtriumError } from '../../errors/atrium-error.js';
import type { CommitmentItem } from '../../db/commitment-table.js';
import { isOutOfResources, StorageCommitmentStatus } from '../../errors/dimse-statuses.js';
import { itemsOf, textOf, type AttributeList } from '../dimse/attribute-list.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { normalizedRequest, requireSuccess } from '../dimse/normalized-request.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import { uuidUid } from '../uuid-uid.js';
import type { ContextProposal } from '../ul/request-association.js';

/** The well-known Storage Commitment Push Model SOP Instance (PS3.4 §J.3.5, PS3.6 Annex A). */
export const STORAGE_COMMITMENT_INSTANCE = '1.2.840.10008.1.20.1.1';

/** Action Type ID of "Request Storage Commitment" (PS3.4 Table J.3-1). */
const REQUEST_COMMITMENT = 1;

/** Event Type IDs of the report (PS3.4 Table J.3-2): all committed, or some failed. */
export const CommitmentEvent = { AllSuccessful: 1, SomeFailed: 2 } as const;

/** The presentation context of the Storage Commitment Push Model (PS3.4 §J.3.1). */
export const COMMITMENT_CONTEXT: ContextProposal = { abstractSyntax: SopClass.StorageCommitmentPushModel, transferSyntaxes: [UNCOMPRESSED_SYNTAXES[0]!, UNCOMPRESSED_SYNTAXES[1]!] };

/** A new Transaction UID: a UUID-derived UID (PS3.5 §B.2), unique per request (PS3.4 §J.3.2.1.1.1). */
export const newTransactionUid = uuidUid;

/** An instance to commit. */
export type CommitmentRequestItem = Pick<CommitmentItem, 'SOPClassUID' | 'SOPInstanceUID'>;

/**
 * Sends the N-ACTION "Request Storage Commitment" (PS3.4 §J.3.2) for `items` under
 * `transactionUid`: Referenced SOP Sequence of what was sent. Shimadzu DAR-9500f
 * conformance statement (Storage Commitment SCU): one request per sent study.
 * @throws AtriumError `ATRIUM_ERR_NET_NO_CONTEXT` when the peer did not accept the SOP class;
 *   `ATRIUM_ERR_NET_REMOTE_FAILED` on a failure status (retryable for A7xx / 0213).
 */
export async function requestCommitment(connection: DimseConnection, transactionUid: string, items: readonly CommitmentRequestItem[]): Promise<void> {
  const context = connection.association.contextFor(SopClass.StorageCommitmentPushModel);
  if (!context) throw new AtriumError('ATRIUM_ERR_NET_NO_CONTEXT', `${connection.association.calledAeTitle} did not accept the Storage Commitment Push Model SOP Class: it is not a storage commitment SCP`, { sopClass: SopClass.StorageCommitmentPushModel });
  const response = await normalizedRequest(connection, context, {
    op: 'N-ACTION', sopClass: SopClass.StorageCommitmentPushModel, instance: STORAGE_COMMITMENT_INSTANCE, actionTypeId: REQUEST_COMMITMENT,
    information: { TransactionUID: transactionUid, ReferencedSOPSequence: items.map((i) => ({ ReferencedSOPClassUID: i.SOPClassUID, ReferencedSOPInstanceUID: i.SOPInstanceUID })) },
  });
  const peer = connection.association.calledAeTitle;
  if (NOT_A_COMMITMENT_SCP.has(response.status)) {
    throw new AtriumError('ATRIUM_ERR_NET_REMOTE_FAILED', `Storage commitment request to ${peer} failed: status ${response.status.toString(16).toUpperCase().padStart(4, '0')}${response.command.ErrorComment ? ` (${response.command.ErrorComment})` : ''}: ${peer} accepted the Storage Commitment context but does not commit (not a Storage Commitment SCP; atrium serve only receives reports). The instances were sent; send without --commit, and without the role commit for ${peer}`, { status: response.status, retryable: false });
  }
  requireSuccess(response, `Storage commitment request to ${peer}`, (s) => isOutOfResources(s) || s === 0x0213);
}

/** N-ACTION statuses of a peer that takes the context but performs no commitment: unrecognized operation, no such SOP class, no such action type (PS3.7 Annex C). */
const NOT_A_COMMITMENT_SCP: ReadonlySet<number> = new Set([StorageCommitmentStatus.UnrecognizedOperation.code, StorageCommitmentStatus.NoSuchSopClass.code, StorageCommitmentStatus.NoSuchActionType.code]);

/** What an N-EVENT-REPORT of the Storage Commitment Push Model says (PS3.4 Table J.3-2). */
export interface CommitmentReport {
  readonly transactionUid: string;
  readonly results: readonly Pick<CommitmentItem, 'SOPInstanceUID' | 'result' | 'failureReason'>[];
}

/**
 * Reads an N-EVENT-REPORT's Event Information: Referenced SOP Sequence (committed),
 * Failed SOP Sequence (failed, with Failure Reason).
 * @throws AtriumError `ATRIUM_ERR_NET_BAD_REQUEST` when it has no Transaction UID.
 */
export function readCommitmentReport(info: AttributeList): CommitmentReport {
  const transactionUid = textOf(info, 'TransactionUID');
  if (!transactionUid) throw new AtriumError('ATRIUM_ERR_NET_BAD_REQUEST', 'A storage commitment report without Transaction UID (0008,1195)');
  const results: CommitmentReport['results'][number][] = [];
  for (const i of itemsOf(info, 'ReferencedSOPSequence')) {
    const uid = textOf(i, 'ReferencedSOPInstanceUID');
    if (uid) results.push({ SOPInstanceUID: uid, result: 'committed' });
  }
  for (const i of itemsOf(info, 'FailedSOPSequence')) {
    const uid = textOf(i, 'ReferencedSOPInstanceUID');
    const reason = i.FailureReason;
    if (uid) results.push({ SOPInstanceUID: uid, result: 'failed', ...(typeof reason === 'number' ? { failureReason: reason } : {}) });
  }
  return { transactionUid, results };
}
