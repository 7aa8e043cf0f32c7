import { AtriumError } from '../errors/atrium-error.js';
import { dicomTime } from './dicom-time.js';
import type { QueryKey } from './query-keys.js';
import { foldCase } from './sql-functions.js';
import { wildcard } from './wildcard.js';

/** A SQL boolean expression with its bound parameters. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

const TOKENS = {
  DA: String.raw`\d{4}\.?\d{2}\.?\d{2}`,
  TM: String.raw`[\d:.]+`,
  DT: String.raw`\d{4,14}(?:\.\d{1,6})?(?:[+-]\d{4})?`,
} as const;

/** VRs whose values Wild Card Matching applies to only because a seed offers it (see {@link single}). */
const WILDCARD_VRS = new Set(['DA', 'TM', 'DT', 'UI']);

/** VRs whose leading spaces are significant (only trailing padding is removed). */
const TRAILING_ONLY = new Set(['PN', 'LT', 'ST', 'UT']);

/**
 * The SQL condition for one C-FIND key (PS3.4 §C.2.2.2), or `undefined` when the key
 * does not restrict the result:
 *
 * - Universal Matching (§C.2.2.2.3): empty value, or only `*` (§C.2.2.2.4 Note 1).
 * - List of UID Matching (§C.2.2.2.2): UI value, backslash-separated list.
 * - Range Matching (§C.2.2.2.5): DA, TM, DT values `a-b`, `-b`, `a-`, inclusive; partial
 *   times name intervals (`-10` includes 10:59:59.999999). Range crossing midnight is not
 *   supported. No combined date-time matching (it needs Extended Negotiation).
 * - Wild Card Matching (§C.2.2.2.4): `*` and `?`, via GLOB on SQLite, LIKE with escapes on
 *   PostgreSQL (so `%`, `_` are literal on both); also on DA, TM, DT and UI values, as the
 *   Canon GCA-9300R conformance statement's Table 4-26 offers.
 * - Single Value Matching (§C.2.2.2.1): case-sensitive equality, except PN which this
 *   engine matches **case-insensitively** (Unicode lower-casing), as §C.2.2.2.1 allows.
 *   IS/US compare as integers. DA/TM/DT compare as instants (`1030` equals `103000`).
 * - Multi-valued attributes match when any of their values matches (§C.2.2.3).
 *
 * @throws AtriumError `ATRIUM_ERR_QUERY_BAD_VALUE` when a DA/TM/DT/IS value is malformed.
 */
export function matchCondition(
  keyword: string,
  key: QueryKey,
  raw: string,
  dialect: 'sqlite' | 'postgres' = 'sqlite',
): SqlFragment | undefined {
  const value = TRAILING_ONLY.has(key.vr) ? raw.replace(/ +$/, '') : raw.trim();
  if (value === '' || /^\*+$/.test(value) || key.returnOnly === true) return undefined;
  const bad = (): never => {
    throw new AtriumError(
      'ATRIUM_ERR_QUERY_BAD_VALUE',
      `Query key ${keyword}: "${raw}" is not a valid ${key.vr} value or range`,
      { keyword, value: raw, vr: key.vr },
    );
  };

  const over = key.matchAny;
  if (over !== undefined) {
    // Several values (e.g. ModalitiesInStudy CT\MR) match studies having any of them;
    // without Extended Negotiation their meaning is undefined (§C.2.2.2.8 Note 4).
    const parts = value
      .split('\\')
      .filter((v) => v !== '')
      .map((v) => single(over.column, { ...key, multi: false }, v, bad, dialect));
    if (parts.length === 0) return undefined;
    return {
      sql: `EXISTS (SELECT 1 FROM ${over.from} AND (${parts.map((p) => p.sql).join(' OR ')}))`,
      params: parts.flatMap((p) => p.params),
    };
  }
  return single(key.sql, key, value, bad, dialect);
}

function single(expr: string, key: QueryKey, value: string, bad: () => never, dialect: 'sqlite' | 'postgres'): SqlFragment {
  // Wild Card Matching on dates, times and UIDs, which PS3.4 §C.2.2.2.4 leaves to the other
  // kinds but the Canon GCA-9300R conformance statement (Table 4-26, "S,*U,R" for Study Date
  // and Time, "S,*U" for SOP Class UID) offers: `2004*` matches the dates of 2004, on the
  // value as stored. A range or a UID list keeps its own matching.
  if (WILDCARD_VRS.has(key.vr) && wildcard.has(value) && !value.includes('\\') && !(key.vr !== 'UI' && value.includes('-'))) {
    return wildcard.condition(expr, value.trim(), dialect);
  }
  switch (key.vr) {
    case 'UI': {
      const uids = value.split('\\').map((u) => u.trim()).filter((u) => u !== '');
      if (uids.length === 1) return { sql: `${expr} = ?`, params: uids };
      return { sql: `${expr} IN (${uids.map(() => '?').join(', ')})`, params: uids };
    }
    case 'DA':
      return range(expr, TOKENS.DA, value, (v) => dicomTime.date(v), (v) => dicomTime.date(v), bad);
    case 'TM':
      return range(`atrium_tm(${expr})`, TOKENS.TM, value, (v) => dicomTime.time(v, 'floor'), (v) => dicomTime.time(v, 'ceil'), bad);
    case 'DT':
      return range(
        `atrium_dt(${expr})`,
        TOKENS.DT,
        value,
        (v) => dicomTime.dateTime(v, 'floor'),
        (v) => dicomTime.dateTime(v, 'ceil'),
        bad,
      );
  }
  const fold = key.vr === 'PN';
  // A PN value naming component groups (`=山田*`, `Yamada*=山田*`) matches group by group.
  if (fold && key.multi !== true && value.includes('=')) return { sql: `atrium_pn_groups_match(${expr}, ?) = 1`, params: [value] };
  const v = fold ? foldCase(value) : value;
  if (key.multi === true) {
    return { sql: `atrium_values_match(${expr}, ?, ${fold ? 1 : 0}) = 1`, params: [v] };
  }
  if (key.integer === true) {
    if (wildcard.has(v)) return wildcard.condition(`CAST(${expr} AS TEXT)`, v, dialect);
    if (!/^[+-]?\d+$/.test(v)) bad();
    return { sql: `${expr} = ?`, params: [Number(v)] };
  }
  const target = fold ? (key.foldedSql ?? `atrium_fold(${expr})`) : expr;
  if (wildcard.has(v)) return wildcard.condition(target, v, dialect);
  return { sql: `${target} = ?`, params: [v] };
}

function range<T>(
  expr: string,
  token: string,
  value: string,
  floor: (v: string) => T | undefined,
  ceil: (v: string) => T | undefined,
  bad: () => never,
): SqlFragment {
  const parse = (v: string, f: (v: string) => T | undefined): T => f(v) ?? bad();
  if (new RegExp(`^${token}$`).test(value)) {
    // Single Value Matching: equal as instants (the first instant of a partial value).
    return { sql: `${expr} = ?`, params: [parse(value, floor)] };
  }
  const m = new RegExp(`^(${token})?-(${token})?$`).exec(value);
  if (m === null || (m[1] === undefined && m[2] === undefined)) bad();
  const [, lo, hi] = m as RegExpExecArray;
  if (lo !== undefined && hi !== undefined) {
    return { sql: `${expr} BETWEEN ? AND ?`, params: [parse(lo, floor), parse(hi, ceil)] };
  }
  if (lo !== undefined) return { sql: `${expr} >= ?`, params: [parse(lo, floor)] };
  return { sql: `${expr} <= ?`, params: [parse(hi as string, ceil)] };
}
