import type BetterSqlite3 from 'better-sqlite3';
import type { InstanceFilter, StoredInstance } from './dicom-index.js';
import type { RecordWarning } from './instance-record.js';
import { RECORD_FIELDS } from './record-fields.js';
import type { Row } from './record-values.js';
import { stmt } from './statement-cache.js';

const SELECT = `SELECT ${[
  ...RECORD_FIELDS.PATIENT.map((f) => `p."${f}"`),
  ...RECORD_FIELDS.STUDY.map((f) => `st."${f}"`),
  ...RECORD_FIELDS.SERIES.map((f) => `se."${f}"`),
  ...RECORD_FIELDS.IMAGE.map((f) => `i."${f}"`),
  'i.path',
  'i.size',
  'i.sha256',
  'i.stored_at',
  'i.received_from',
  'i.warnings',
].join(', ')}
FROM instance i JOIN series se ON se.pk = i.series_pk
  JOIN study st ON st.pk = se.study_pk JOIN patient p ON p.pk = st.patient_pk`;

const ORDER = 'ORDER BY st.pk, se.pk, i."InstanceNumber", i.pk';

const FILTERS: Record<keyof InstanceFilter, string> = {
  StudyInstanceUID: 'st."StudyInstanceUID" = ?',
  SeriesInstanceUID: 'se."SeriesInstanceUID" = ?',
  SOPInstanceUID: 'i."SOPInstanceUID" = ?',
};

/** Reads instances back from the index as full records. */
export const readInstances = {
  one(db: BetterSqlite3.Database, SeriesInstanceUID: string, SOPInstanceUID: string): StoredInstance | undefined {
    const row = stmt<Row>(db, `${SELECT} WHERE ${FILTERS.SeriesInstanceUID} AND ${FILTERS.SOPInstanceUID}`).get(
      SeriesInstanceUID,
      SOPInstanceUID,
    );
    return row === undefined ? undefined : toStored(row);
  },

  many(db: BetterSqlite3.Database, filter: InstanceFilter): StoredInstance[] {
    const where: string[] = [];
    const params: string[] = [];
    for (const k of Object.keys(FILTERS) as (keyof InstanceFilter)[]) {
      const v = filter[k];
      if (v !== undefined) {
        where.push(FILTERS[k]);
        params.push(v);
      }
    }
    const sql = `${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ${ORDER}`;
    return stmt<Row>(db, sql).all(...params).map(toStored);
  },

  paths(db: BetterSqlite3.Database): string[] {
    return stmt<{ path: string }>(db, 'SELECT path FROM instance ORDER BY path')
      .all()
      .map((r) => r.path);
  },

  seriesSource(db: BetterSqlite3.Database, SeriesInstanceUID: string): string | undefined {
    const row = stmt<{ source: string | null }>(db, 'SELECT i.received_from AS source FROM instance i JOIN series se ON se.pk = i.series_pk WHERE se."SeriesInstanceUID" = ? ORDER BY i.pk LIMIT 1').get(SeriesInstanceUID);
    return row?.source ?? undefined;
  },
};

function pick(row: Row, fields: readonly string[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    const v = row[f];
    if (v !== null && v !== undefined) out[f] = v;
  }
  return out;
}

function toStored(row: Row): StoredInstance {
  return {
    patient: pick(row, RECORD_FIELDS.PATIENT),
    study: pick(row, RECORD_FIELDS.STUDY) as unknown as StoredInstance['study'],
    series: pick(row, RECORD_FIELDS.SERIES) as unknown as StoredInstance['series'],
    instance: pick(row, RECORD_FIELDS.IMAGE) as unknown as StoredInstance['instance'],
    file: {
      path: row.path as string,
      size: row.size as number,
      sha256: row.sha256 as string,
      storedAt: row.stored_at as string,
      ...(row.received_from === null ? {} : { receivedFrom: row.received_from as string }),
    },
    ...(row.warnings === null ? {} : { warnings: JSON.parse(row.warnings as string) as RecordWarning[] }),
  };
}
