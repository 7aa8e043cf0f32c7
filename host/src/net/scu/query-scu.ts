import { QueryRetrieveSopClass, TransferSyntax } from '@atrium/sdk';
import { AtriumError } from '../../errors/atrium-error.js';
import type { QueryLevel } from '../../db/query-keys.js';
import { CommandField, Priority, type DimseCommand } from '../dimse/dimse-command.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { hexStatus, isOutOfResources, isPending, NO_STATUS, statusCategory } from '../../errors/dimse-statuses.js';
import { encodeIdentifier } from '../services/query-identifier.js';

/** A query or retrieve request: level, information model and keys (keyword → value; '' = return it). */
export interface QueryRequest {
  readonly level: QueryLevel;
  /** Default: PATIENT for a PATIENT-level request, else STUDY. */
  readonly model?: 'PATIENT' | 'STUDY';
  readonly keys: Readonly<Record<string, string>>;
}

/** The Q/R SOP class of a model and operation. */
export function qrSopClass(model: 'PATIENT' | 'STUDY', op: 'Find' | 'Move' | 'Get'): string {
  return QueryRetrieveSopClass[`${model === 'PATIENT' ? 'PatientRoot' : 'StudyRoot'}${op}`];
}

/** The model a request uses. */
export const modelFor = (r: Pick<QueryRequest, 'level' | 'model'>): 'PATIENT' | 'STUDY' => r.model ?? (r.level === 'PATIENT' ? 'PATIENT' : 'STUDY');

/** A presentation context for a Q/R operation (Implicit VR Little Endian first, as the Canon GCA-9300R FIND-SCU). */
export function qrContext(model: 'PATIENT' | 'STUDY', op: 'Find' | 'Move' | 'Get'): { abstractSyntax: string; transferSyntaxes: string[] } {
  return { abstractSyntax: qrSopClass(model, op), transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian] };
}

/**
 * Sends a C-FIND/C-MOVE/C-GET request and yields every response (Pending ones, then the
 * final one). The accepted context for the request's model and `op` must exist.
 */
export async function* qrRequest(connection: DimseConnection, request: QueryRequest, op: 'Find' | 'Move' | 'Get', extra: Partial<DimseCommand> = {}): AsyncGenerator<{ command: DimseCommand; dataset?: Uint8Array; contextId: number; messageId: number; transferSyntax: string }> {
  const sopClass = qrSopClass(modelFor(request), op);
  const context = connection.association.contextFor(sopClass);
  if (!context) throw new AtriumError('ATRIUM_ERR_NET_NO_CONTEXT', `${connection.association.calledAeTitle} did not accept ${sopClass} (${modelFor(request)} root ${op})`);
  const values = new Map<string, string>([['QueryRetrieveLevel', request.level], ...Object.entries(request.keys)]);
  const field = { Find: CommandField.CFindRq, Move: CommandField.CMoveRq, Get: CommandField.CGetRq }[op];
  const messageId = connection.nextMessageId();
  for await (const r of connection.request(context.id, { CommandField: field, MessageID: messageId, AffectedSOPClassUID: sopClass, Priority: Priority.Medium, ...extra }, encodeIdentifier(values, context.transferSyntax))) {
    yield { command: r.command, ...(r.dataset ? { dataset: r.dataset } : {}), contextId: context.id, messageId, transferSyntax: context.transferSyntax };
  }
}

/**
 * Throws for a final status that is a failure (not success, warning or cancel); `more`
 * adds a clause to the message (e.g. the sub-operation counts) and details.
 * @throws AtriumError `ATRIUM_ERR_NET_REMOTE_FAILED` with the status and Error Comment.
 */
export function checkFinal(command: DimseCommand, what: string, peer: string, more: { clause?: string; details?: Record<string, unknown> } = {}): void {
  const status = command.Status ?? NO_STATUS;
  if (isPending(status)) return;
  const category = statusCategory(status);
  if (category === 'failure') {
    const message = `${what} at ${peer} failed with status ${hexStatus(status)}${command.ErrorComment ? `: ${command.ErrorComment}` : ''}${more.clause ? ` (${more.clause})` : ''}`;
    throw new AtriumError('ATRIUM_ERR_NET_REMOTE_FAILED', message, { ...more.details, status, ...(isOutOfResources(status) ? { retryable: true } : {}) });
  }
}
