import type BetterSqlite3 from 'better-sqlite3';
import { dicomTime } from './dicom-time.js';
import { wildcard } from './wildcard.js';

/**
 * Case folding used for PN matching: Unicode-aware lower-casing, so `müller` matches
 * `MÜLLER` (SQLite's own NOCASE / LIKE fold ASCII only).
 */
export function foldCase(value: string): string {
  return value.toLowerCase();
}

const regexCache = new Map<string, RegExp>();

function cachedRegExp(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    if (regexCache.size > 256) regexCache.clear();
    re = wildcard.toRegExp(pattern);
    regexCache.set(pattern, re);
  }
  return re;
}

/**
 * Registers the deterministic SQL functions the query engine uses:
 *
 * - `atrium_tm(x)`: TM → microseconds since midnight (first instant of a partial time).
 * - `atrium_dt(x)`: DT → microseconds since 1970 UTC (first instant of a partial value).
 * - `atrium_fold(x)`: Unicode lower-casing for case-insensitive PN matching.
 * - `atrium_values_match(stored, pattern, fold)`: 1 when any backslash-separated value of
 *   a multi-valued attribute matches the DICOM value/wildcard `pattern` (PS3.4 §C.2.2.3).
 *
 * - `atrium_pn_groups_match(stored, pattern)`: 1 when each component group of the PN
 *   `pattern` (alphabetic = ideographic = phonetic) that is not empty matches the same group
 *   of `stored` (case-folded, wildcards allowed); an empty group matches any (a query
 *   `=山田*` asks for the ideographic group only).
 *
 * They are never used in the schema, so the database stays readable by any SQLite tool.
 */
export function registerSqlFunctions(db: BetterSqlite3.Database): void {
  const opts = { deterministic: true };
  db.function('atrium_tm', opts, (x: unknown) =>
    typeof x === 'string' ? (dicomTime.time(x, 'floor') ?? null) : null,
  );
  db.function('atrium_dt', opts, (x: unknown) =>
    typeof x === 'string' ? (dicomTime.dateTime(x, 'floor') ?? null) : null,
  );
  db.function('atrium_fold', opts, (x: unknown) => (typeof x === 'string' ? foldCase(x) : null));
  db.function('atrium_pn_groups_match', opts, (stored: unknown, pattern: unknown) => {
    if (typeof stored !== 'string' || typeof pattern !== 'string') return 0;
    const groups = stored.split('=');
    return pattern.split('=').every((g, i) => g === '' || /^\*+$/.test(g) || cachedRegExp(foldCase(g)).test(foldCase(groups[i] ?? ''))) ? 1 : 0;
  });
  db.function('atrium_values_match', opts, (stored: unknown, pattern: unknown, fold: unknown) => {
    if (typeof stored !== 'string' || typeof pattern !== 'string') return 0;
    const re = cachedRegExp(pattern);
    for (const v of stored.split('\\')) {
      if (re.test(fold === 1 ? foldCase(v) : v)) return 1;
    }
    return 0;
  });
}
