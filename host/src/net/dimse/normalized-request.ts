import { AtriumError } from '../../errors/atrium-error.js';
import { hexStatus, NActionStatus, NO_STATUS, statusCategory } from '../../errors/dimse-statuses.js';
import type { AcceptedContext } from '../ul/association.js';
import { decodeAttributes, encodeAttributes, type AttributeList } from './attribute-list.js';
import { CommandField, type DimseCommand } from './dimse-command.js';
import type { DimseConnection } from './dimse-connection.js';

/** A DIMSE-N request as the SCU sees it (PS3.7 §10.1). */
export type NormalizedRequest =
  | { readonly op: 'N-GET'; readonly sopClass: string; readonly instance: string; readonly attributes?: readonly number[] }
  | { readonly op: 'N-SET'; readonly sopClass: string; readonly instance: string; readonly modifications: AttributeList }
  | { readonly op: 'N-ACTION'; readonly sopClass: string; readonly instance: string; readonly actionTypeId: number; readonly information?: AttributeList }
  | { readonly op: 'N-CREATE'; readonly sopClass: string; readonly instance?: string; readonly attributes?: AttributeList }
  | { readonly op: 'N-DELETE'; readonly sopClass: string; readonly instance: string }
  | { readonly op: 'N-EVENT-REPORT'; readonly sopClass: string; readonly instance: string; readonly eventTypeId: number; readonly information?: AttributeList };

/** The final response to a DIMSE-N request. */
export interface NormalizedResponse {
  readonly status: number;
  readonly command: DimseCommand;
  /** The response's data set (N-GET's attributes, N-CREATE's / N-SET's, an action or event reply). */
  readonly attributes?: AttributeList;
}

/** The command set of a DIMSE-N request (PS3.7 Tables 10.1-1 … 10.1-6: which UIDs are Affected, which Requested). */
export function normalizedCommand(r: NormalizedRequest): Omit<DimseCommand, 'CommandDataSetType'> {
  switch (r.op) {
    case 'N-GET':
      return { CommandField: CommandField.NGetRq, RequestedSOPClassUID: r.sopClass, RequestedSOPInstanceUID: r.instance, ...(r.attributes?.length ? { AttributeIdentifierList: [...r.attributes] } : {}) };
    case 'N-SET':
      return { CommandField: CommandField.NSetRq, RequestedSOPClassUID: r.sopClass, RequestedSOPInstanceUID: r.instance };
    case 'N-ACTION':
      return { CommandField: CommandField.NActionRq, RequestedSOPClassUID: r.sopClass, RequestedSOPInstanceUID: r.instance, ActionTypeID: r.actionTypeId };
    case 'N-CREATE':
      return { CommandField: CommandField.NCreateRq, AffectedSOPClassUID: r.sopClass, ...(r.instance ? { AffectedSOPInstanceUID: r.instance } : {}) };
    case 'N-DELETE':
      return { CommandField: CommandField.NDeleteRq, RequestedSOPClassUID: r.sopClass, RequestedSOPInstanceUID: r.instance };
    case 'N-EVENT-REPORT':
      return { CommandField: CommandField.NEventReportRq, AffectedSOPClassUID: r.sopClass, AffectedSOPInstanceUID: r.instance, EventTypeID: r.eventTypeId };
  }
}

/** The data set a request carries, if any. */
function requestAttributes(r: NormalizedRequest): AttributeList | undefined {
  if (r.op === 'N-SET') return r.modifications;
  if (r.op === 'N-ACTION' || r.op === 'N-EVENT-REPORT') return r.information;
  if (r.op === 'N-CREATE') return r.attributes;
  return undefined;
}

/**
 * Sends a DIMSE-N request on `context` and returns its response, its data set decoded. A
 * failure status is returned, not thrown: each service decides (a print SCU retries, an
 * MPPS SCU reports). Use {@link requireSuccess} to throw on one.
 */
export async function normalizedRequest(connection: DimseConnection, context: AcceptedContext, request: NormalizedRequest): Promise<NormalizedResponse> {
  const attributes = requestAttributes(request);
  const response = await connection.requestOnce(context.id, normalizedCommand(request), attributes ? encodeAttributes(attributes, context.transferSyntax) : undefined);
  const data = response.dataset;
  return {
    status: response.command.Status ?? NO_STATUS,
    command: response.command,
    ...(data && data.length > 0 ? { attributes: decodeAttributes(data, context.transferSyntax) } : {}),
  };
}

/** The DIMSE-N statuses by code, with the standard's wording (the same for every DIMSE-N service). */
const NORMALIZED_MEANINGS: ReadonlyMap<number, string> = new Map(Object.values(NActionStatus).map((s) => [s.code, s.meaning]));

/**
 * The response when its status is success or warning.
 * @throws AtriumError `ATRIUM_ERR_NET_REMOTE_FAILED` naming the operation, the peer's
 *   status, Error Comment and Error ID (in details: `status`, `retryable` when `retryable(status)`).
 */
export function requireSuccess(response: NormalizedResponse, what: string, retryable: (status: number) => boolean = () => false): NormalizedResponse {
  const category = statusCategory(response.status);
  if (category === 'success' || category === 'warning') return response;
  const { ErrorComment, ErrorID } = response.command;
  // Without an Error Comment, the standard's meaning of the status (PS3.7 Annex C) says what went wrong.
  const meaning = ErrorComment ? undefined : NORMALIZED_MEANINGS.get(response.status);
  throw new AtriumError('ATRIUM_ERR_NET_REMOTE_FAILED', `${what} failed: status ${hexStatus(response.status)}${ErrorID !== undefined ? ` (Error ID ${hexStatus(ErrorID)})` : ''}${ErrorComment ? `: ${ErrorComment}` : ''}${meaning ? ` (${meaning})` : ''}`, {
    status: response.status, ...(ErrorComment ? { errorComment: ErrorComment } : {}), ...(ErrorID !== undefined ? { errorId: ErrorID } : {}), retryable: retryable(response.status),
  });
}
