import { lookupKeyword } from '@atrium/sdk/dictionary';
import { AtriumError } from '../errors/atrium-error.js';
import { closestName } from '@atrium/sdk/core';
import { matchCondition } from './match-condition.js';
import { LEVEL_DEPTH, QUERY_KEYS, type QueryLevel } from './query-keys.js';

const LEVEL_NAMES: Readonly<Record<QueryLevel, string>> = { PATIENT: 'patient', STUDY: 'study', SERIES: 'series', IMAGE: 'instance' };

/** The keys a query at `level` can match: those of the level and the levels above it, computed counts left out. */
export function matchableKeys(level: QueryLevel): string[] {
  return Object.entries(QUERY_KEYS)
    .filter(([, key]) => LEVEL_DEPTH[key.level] <= LEVEL_DEPTH[level] && key.returnOnly !== true)
    .map(([keyword]) => keyword);
}

/**
 * Check the matching keys of a local query (the CLI's `ls`, `batch --where`, `deid --where`)
 * before it runs. The query engine itself ignores keys it does not hold, as a C-FIND SCP does
 * with keys it does not support; on the command line an ignored key would match the whole store, so here
 * every key must be one the index can match at `level`, with a value of its VR:
 *
 * - `ATRIUM_ERR_QUERY_UNKNOWN_KEY`: not a key of the index (a misspelling, with the closest
 *   valid name, or a DICOM attribute the index does not hold);
 * - `ATRIUM_ERR_QUERY_KEY_LEVEL`: a key of a level below `level` (e.g. SOPInstanceUID in a
 *   series query), or a computed count, which can only be returned;
 * - `ATRIUM_ERR_QUERY_EMPTY_VALUE`: no value (Universal Matching would select everything;
 *   `*` says so on purpose);
 * - `ATRIUM_ERR_QUERY_BAD_VALUE`: a value or range that is not valid for the key's VR, or a
 *   date range whose start is after its end.
 */
export function checkQueryKeys(level: QueryLevel, keys: Readonly<Record<string, string>>): void {
  const matchable = matchableKeys(level);
  for (const [keyword, value] of Object.entries(keys)) {
    const key = Object.hasOwn(QUERY_KEYS, keyword) ? QUERY_KEYS[keyword] : undefined;
    if (key === undefined) throw unknownKey(keyword, matchable, level);
    if (LEVEL_DEPTH[key.level] > LEVEL_DEPTH[level] || key.returnOnly === true) {
      const why = key.returnOnly === true ? 'is computed and can only be returned, not matched' : `is a key of the ${LEVEL_NAMES[key.level]} level`;
      throw new AtriumError('ATRIUM_ERR_QUERY_KEY_LEVEL', `query key ${keyword} ${why}; ${LEVEL_NAMES[level]} queries match ${matchable.join(', ')}`, { keyword, level });
    }
    if (value.trim() === '') {
      throw new AtriumError('ATRIUM_ERR_QUERY_EMPTY_VALUE', `query key ${keyword} has no value: give one (wildcards * and ? allowed; * alone matches any)`, { keyword });
    }
    matchCondition(keyword, key, value);
    if (key.vr === 'DA') checkDateOrder(keyword, value);
  }
}

/**
 * Check the value of a key sent to a remote AE (`atrium find`): a DA, TM or DT value must be a
 * valid value or range of its VR (PS3.4 §C.2.2.2.5), and a date range must not start after it
 * ends; other VRs are the peer's to match. @throws AtriumError `ATRIUM_ERR_QUERY_BAD_VALUE`.
 */
export function checkRemoteQueryValue(keyword: string, vr: string, value: string): void {
  if (vr !== 'DA' && vr !== 'TM' && vr !== 'DT') return;
  matchCondition(keyword, { level: 'STUDY', vr, sql: '' }, value);
  if (vr === 'DA') checkDateOrder(keyword, value);
}

function unknownKey(keyword: string, matchable: readonly string[], level: QueryLevel): AtriumError {
  // A key of the index in another letter case (`modality`) is that key, whatever its level: named as such.
  const sameName = Object.keys(QUERY_KEYS).find((k) => k.toLowerCase() === keyword.toLowerCase());
  const suggestion = sameName ?? closestName(keyword, matchable);
  const known = lookupKeyword(keyword) !== undefined;
  const what = known ? `${keyword} is a DICOM attribute the index does not hold` : `unknown query key "${keyword}"`;
  const where = sameName !== undefined && !matchable.includes(sameName) ? ` (a key of the ${LEVEL_NAMES[QUERY_KEYS[sameName]!.level]} level; ${LEVEL_NAMES[level]} queries match ${matchable.join(', ')})` : '';
  const hint = suggestion !== undefined ? `did you mean ${suggestion}?${where}` : `${LEVEL_NAMES[level]} queries match ${matchable.join(', ')}`;
  return new AtriumError('ATRIUM_ERR_QUERY_UNKNOWN_KEY', `${what}: ${hint}`, { keyword, ...(suggestion !== undefined ? { suggestion } : {}) });
}

/** A DA range `a-b` with a after b matches nothing: a typo, refused. */
function checkDateOrder(keyword: string, value: string): void {
  const [lo, hi] = value.trim().replace(/\./g, '').split('-');
  if (lo && hi && lo > hi) {
    throw new AtriumError('ATRIUM_ERR_QUERY_BAD_VALUE', `query key ${keyword}: the range "${value}" starts after it ends`, { keyword, value });
  }
}
