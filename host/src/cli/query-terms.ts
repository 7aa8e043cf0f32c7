import { checkQueryKeys } from '../db/check-query-keys.js';
import type { QueryLevel } from '../db/query-keys.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { UsageError } from './usage-error.js';

/**
 * The matching keys of a local query given on the command line (`ls --key`, `batch --where`,
 * `deid --where`): `Keyword=value` terms, checked against the keys the index can match at
 * `level` (see `checkQueryKeys`: an unknown or misspelt key, a key of a lower level, an empty
 * value or a malformed value is an error, never "match everything"). With `split`, one option
 * value may hold several terms separated by spaces or `&`. Throws {@link UsageError} with the
 * query error's code, or `ATRIUM_ERR_CLI_BAD_KEY` for a term that is not `Keyword=value`.
 */
export function queryTerms(option: string, terms: readonly string[], level: QueryLevel, options: { split?: boolean } = {}): Record<string, string> {
  const keys: Record<string, string> = Object.create(null) as Record<string, string>;
  const all = options.split ? terms.flatMap((t) => t.split(/[\s&]+/)).filter(Boolean) : terms;
  for (const term of all) {
    const eq = term.indexOf('=');
    if (eq <= 0) throw new UsageError('ATRIUM_ERR_CLI_BAD_KEY', `${option} expects Keyword=value, got "${term}"`, { option, term });
    const keyword = term.slice(0, eq);
    if (Object.hasOwn(keys, keyword)) throw new UsageError('ATRIUM_ERR_CLI_BAD_KEY', `${option}: ${keyword} is given twice`, { option, keyword });
    keys[keyword] = term.slice(eq + 1);
  }
  checkLocalQuery(option, level, keys);
  return keys;
}

/** {@link checkQueryKeys} with its errors as usage errors naming the option. */
export function checkLocalQuery(option: string, level: QueryLevel, keys: Readonly<Record<string, string>>): void {
  try {
    checkQueryKeys(level, keys);
  } catch (e) {
    if (isAtriumError(e) && e.code.startsWith('ATRIUM_ERR_QUERY_')) throw UsageError.relay(e.code, 'ATRIUM_ERR_CLI_BAD_KEY', `${option}: ${e.message}`, e.details);
    throw e;
  }
}
