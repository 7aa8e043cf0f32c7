import type { DimseConnection } from '../dimse/dimse-connection.js';
import { FindStatus, isPending } from '../../errors/dimse-statuses.js';
import { identifierValues } from '../services/query-identifier.js';
import type { FindModel } from './find-model.js';
import { checkFinal, qrRequest, type QueryRequest } from './query-scu.js';

/** What a C-FIND returned. */
export interface FindResult {
  readonly matches: Record<string, string>[];
  /** Final status (FE00 when the peer stopped on our C-CANCEL). */
  readonly status: number;
  /** The peer had more matches than the limit: more Pending responses came, or it stopped on our C-CANCEL. */
  readonly truncated: boolean;
  /** We sent C-CANCEL on reaching the limit (not when the final response had already arrived). */
  readonly cancelled: boolean;
  /** The information model queried, and whether the peer agreed to relational queries (absent: not negotiated). */
  readonly queried?: FindModel;
}

/**
 * C-FIND as SCU (PS3.4 §C.4.1): collects the matches; on reaching `maxResults` (0: no
 * limit) sends C-CANCEL (Canon GCA-9300R conformance statement §4.2.3: the query stops at
 * the configured limit, default 100) unless the final response is already in — never a
 * C-CANCEL for a finished query — and waits for the final response.
 * @throws AtriumError `ATRIUM_ERR_NET_REMOTE_FAILED` for a failure status, or the association's error.
 */
export async function findOn(connection: DimseConnection, request: QueryRequest, maxResults: number): Promise<FindResult> {
  const limit = maxResults > 0 ? maxResults : Number.POSITIVE_INFINITY; // 0: never cancel
  const matches: Record<string, string>[] = [];
  let beyond = false;
  let cancelled = false;
  let status = 0;
  for await (const r of qrRequest(connection, request, 'Find')) {
    status = r.command.Status ?? 0;
    if (isPending(status)) {
      if (matches.length >= limit) beyond = true;
      else if (r.dataset) matches.push(identifierValues(r.dataset, r.transferSyntax));
      if (matches.length >= limit && !cancelled && !beyond) cancelled = await connection.cancel(r.contextId, r.messageId);
      continue;
    }
    checkFinal(r.command, 'C-FIND', connection.association.calledAeTitle);
  }
  return { matches, status, truncated: beyond || status === FindStatus.Cancel.code, cancelled };
}
