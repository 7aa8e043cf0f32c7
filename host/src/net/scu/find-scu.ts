import type { DimseConnection } from '../dimse/dimse-connection.js';
import { isPending } from '../dimse/dimse-status.js';
import { identifierValues } from '../services/query-identifier.js';
import { checkFinal, qrRequest, type QueryRequest } from './query-scu.js';

/** What a C-FIND returned. */
export interface FindResult {
  readonly matches: Record<string, string>[];
  /** Final status (FE00 when we cancelled past the limit). */
  readonly status: number;
  /** We sent C-CANCEL because the limit was reached. */
  readonly truncated: boolean;
}

/**
 * C-FIND as SCU (PS3.4 §C.4.1): collects the matches; past `maxResults` (0: no limit) sends C-CANCEL (seed
 * 001 §4.2.3: the query stops at the configured limit, default 100) and waits for the
 * final response.
 * @throws AtriumError `ATRIUM_ERR_NET_REMOTE_FAILED` for a failure status, or the association's error.
 */
export async function findOn(connection: DimseConnection, request: QueryRequest, maxResults: number): Promise<FindResult> {
  const limit = maxResults > 0 ? maxResults : Number.POSITIVE_INFINITY; // 0: never cancel
  const matches: Record<string, string>[] = [];
  let truncated = false;
  let status = 0;
  for await (const r of qrRequest(connection, request, 'Find')) {
    status = r.command.Status ?? 0;
    if (isPending(status)) {
      if (matches.length < limit && r.dataset) matches.push(identifierValues(r.dataset, r.transferSyntax));
      if (matches.length >= limit && !truncated) {
        truncated = true;
        await connection.cancel(r.contextId, r.messageId);
      }
      continue;
    }
    checkFinal(r.command, 'C-FIND', connection.association.calledAeTitle);
  }
  return { matches, status, truncated };
}
