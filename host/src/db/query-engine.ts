import type BetterSqlite3 from 'better-sqlite3';
import { AtriumError } from '../errors/atrium-error.js';
import type { Index } from './dicom-index.js';
import { matchCondition } from './match-condition.js';
import { LEVEL_DEPTH, QUERY_KEYS, UNIQUE_KEYS, type QueryLevel } from './query-keys.js';

/** One match: DICOM keyword → value (`undefined` = no value / unknown key). */
export type QueryResult = Record<string, string | number | undefined>;

/** Options of {@link query}. */
export interface QueryOptions {
  /** Maximum number of results (C-FIND SCP limit, CLI paging). */
  limit?: number;
  /** Number of results to skip (CLI paging). */
  offset?: number;
  /**
   * Information model (PS3.4 §C.6.1 Patient Root, §C.6.2 Study Root). Default: `PATIENT`
   * for a PATIENT-level query, `STUDY` otherwise. Decides which unique keys of the
   * levels above are returned (Study Root has no PATIENT level).
   */
  model?: 'PATIENT' | 'STUDY';
  /** Only entities with at least one instance stored with validation warnings (`atrium ls --warnings`). */
  withWarnings?: boolean;
  /**
   * SERIES and IMAGE levels: leave out every series holding an instance that was stored from
   * this source (the index's record of where an instance came from; `app:<plugin>.<app>` for
   * the derived objects of an app), so that a batch never selects what the same app wrote.
   */
  excludeStoredFrom?: string;
}

/** The condition of {@link QueryOptions.withWarnings} at each level. */
const WITH_WARNINGS: Record<QueryLevel, string> = {
  PATIENT: `EXISTS (SELECT 1 FROM instance w JOIN series ws ON ws.pk = w.series_pk JOIN study wt ON wt.pk = ws.study_pk
              WHERE wt.patient_pk = p.pk AND w.warnings IS NOT NULL)`,
  STUDY: `EXISTS (SELECT 1 FROM instance w JOIN series ws ON ws.pk = w.series_pk WHERE ws.study_pk = st.pk AND w.warnings IS NOT NULL)`,
  SERIES: 'EXISTS (SELECT 1 FROM instance w WHERE w.series_pk = se.pk AND w.warnings IS NOT NULL)',
  IMAGE: 'i.warnings IS NOT NULL',
};

const FROM: Record<QueryLevel, string> = {
  PATIENT: 'patient p',
  STUDY: 'study st JOIN patient p ON p.pk = st.patient_pk',
  SERIES: 'series se JOIN study st ON st.pk = se.study_pk JOIN patient p ON p.pk = st.patient_pk',
  IMAGE: `instance i JOIN series se ON se.pk = i.series_pk JOIN study st ON st.pk = se.study_pk
          JOIN patient p ON p.pk = st.patient_pk`,
};

const ORDER: Record<QueryLevel, string> = {
  PATIENT: 'p.pk',
  STUDY: 'st.pk',
  SERIES: 'se.study_pk, se."SeriesNumber", se.pk',
  IMAGE: 'i.series_pk, i."InstanceNumber", i.pk',
};

/**
 * Hierarchical C-FIND matching (PS3.4 §C.4.1.3.1, matching rules §C.2.2.2) over the index;
 * shared by the C-FIND SCP and the CLI.
 *
 * `keys` is the Identifier: keyword → value; an empty value (or `undefined`) asks for the
 * attribute to be returned (Universal Matching), any other value also restricts the
 * result (see `matchCondition` for the kinds of matching; PN matching is
 * case-insensitive). Keys of the query level and the levels above it are matched; keys
 * of lower levels and keys the index does not hold are not matched and come back
 * `undefined` (seed §4.2.4.4.1.3.1: "unsupported attributes ... are ignored").
 * `QueryRetrieveLevel` is answered with `level`.
 *
 * Each result holds the requested keys plus the unique keys of the query level and the
 * levels above it in `model` (PatientID is only added in the Patient Root model).
 * Computed keys: NumberOfPatientRelated{Studies,Series,Instances},
 * NumberOfStudyRelated{Series,Instances}, NumberOfSeriesRelatedInstances (returned only)
 * and ModalitiesInStudy (a study matches when any of its series has the modality).
 *
 * Values are bound parameters; the SQL text is built from constants only.
 *
 * @throws AtriumError `ATRIUM_ERR_QUERY_BAD_LEVEL`, `ATRIUM_ERR_QUERY_BAD_OPTION`,
 *   `ATRIUM_ERR_QUERY_BAD_VALUE`.
 */
export function query(
  index: Pick<Index, 'query'>,
  level: QueryLevel,
  keys: Readonly<Record<string, string | undefined>>,
  options: QueryOptions = {},
): QueryResult[] {
  return index.query(level, keys, options);
}

/** {@link query} on the SQLite connection of an index (`IndexImpl.query`). */
export function queryIndex(
  db: BetterSqlite3.Database,
  level: QueryLevel,
  keys: Readonly<Record<string, string | undefined>>,
  options: QueryOptions = {},
): QueryResult[] {
  if (!(level in LEVEL_DEPTH)) {
    throw new AtriumError('ATRIUM_ERR_QUERY_BAD_LEVEL', `Unknown query level "${String(level)}"`, { level });
  }
  const model = options.model ?? (level === 'PATIENT' ? 'PATIENT' : 'STUDY');
  if (model === 'STUDY' && level === 'PATIENT') {
    throw new AtriumError(
      'ATRIUM_ERR_QUERY_BAD_LEVEL',
      'The Study Root model has no PATIENT level (PS3.4 §C.6.2)',
      { level, model },
    );
  }
  const depth = LEVEL_DEPTH[level];
  const uniques = (Object.keys(LEVEL_DEPTH) as QueryLevel[])
    .filter((l) => LEVEL_DEPTH[l] <= depth && (model === 'PATIENT' || l !== 'PATIENT'))
    .map((l) => UNIQUE_KEYS[l]);

  const returned = [...new Set([...uniques, ...Object.keys(keys)])];
  const select: string[] = [];
  const aliasOf = new Map<string, string>();
  const where: string[] = [];
  const params: unknown[] = [];
  for (const keyword of returned) {
    const key = QUERY_KEYS[keyword];
    if (key === undefined || LEVEL_DEPTH[key.level] > depth) continue;
    const alias = `k${select.length}`;
    select.push(`${key.sql} AS ${alias}`);
    aliasOf.set(keyword, alias);
    const cond = matchCondition(keyword, key, keys[keyword] ?? '');
    if (cond !== undefined) {
      where.push(cond.sql);
      params.push(...cond.params);
    }
  }

  if (options.withWarnings) where.push(WITH_WARNINGS[level]);
  if (options.excludeStoredFrom !== undefined) {
    if (depth < LEVEL_DEPTH.SERIES) {
      throw new AtriumError('ATRIUM_ERR_QUERY_BAD_OPTION', `Query option excludeStoredFrom applies to SERIES and IMAGE queries, not ${level}`, { level });
    }
    where.push('NOT EXISTS (SELECT 1 FROM instance x WHERE x.series_pk = se.pk AND x.received_from = ?)');
    params.push(options.excludeStoredFrom);
  }

  let sql = `SELECT ${select.join(', ')} FROM ${FROM[level]}`;
  if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
  sql += ` ORDER BY ${ORDER[level]}`;
  if (options.limit !== undefined || options.offset !== undefined) {
    sql += ' LIMIT ? OFFSET ?';
    params.push(count('limit', options.limit, -1), count('offset', options.offset, 0));
  }

  const rows = db.prepare<unknown[], Record<string, string | number | null>>(sql).all(...params);
  return rows.map((row) => {
    const out: QueryResult = {};
    for (const keyword of returned) {
      const alias = aliasOf.get(keyword);
      out[keyword] = keyword === 'QueryRetrieveLevel' ? level : alias === undefined ? undefined : (row[alias] ?? undefined);
    }
    return out;
  });
}

function count(name: string, v: number | undefined, absent: number): number {
  if (v === undefined) return absent;
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new AtriumError('ATRIUM_ERR_QUERY_BAD_OPTION', `Query option ${name} must be a non-negative integer, got ${v}`, {
      option: name,
      value: v,
    });
  }
  return v;
}
