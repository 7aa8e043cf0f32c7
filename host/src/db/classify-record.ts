import type { SqlDatabase } from './sql-database.js';
import type { Classification } from './dicom-index.js';
import type { InstanceRecord } from './instance-record.js';
import { recordValues } from './record-values.js';
import { stmt } from './statement-cache.js';

interface InstanceFileRow {
  pk: number;
  path: string;
  size: number;
  sha256: string;
  stored_at: string;
  received_from: string | null;
}

/**
 * Applies the duplicate-UID rules of seed §4.1.3.3.3 (and the re-receive rule of
 * §4.1.3.3.2) to a record, reading but not writing the index:
 *
 * 1. Series Instance UID known under a different Study Instance UID → quarantine.
 * 2. SOP Instance UID known in the same series → replace.
 * 3. Otherwise → store (new study, new series of a known study, or a SOP Instance UID
 *    that is only known in other series).
 *
 * A record whose file path is indexed for another instance is `path-in-use`.
 *
 * @returns the classification and, for `replace`, the primary key of the stored row.
 */
export function classifyRecord(
  db: SqlDatabase,
  record: InstanceRecord,
): { classification: Classification; instancePk?: number } {
  recordValues.validate(record);
  const result = classifyUids(db, record);
  const holder = stmt<{ pk: number; SeriesInstanceUID: string; SOPInstanceUID: string }>(
    db,
    `SELECT i.pk, se."SeriesInstanceUID", i."SOPInstanceUID" FROM instance i JOIN series se ON se.pk = i.series_pk WHERE i.path = ?`,
  ).get(record.file.path);
  if (holder !== undefined && holder.pk !== result.instancePk && result.classification.action !== 'quarantine-duplicate-series') {
    return { classification: { action: 'path-in-use', existing: { SeriesInstanceUID: holder.SeriesInstanceUID, SOPInstanceUID: holder.SOPInstanceUID } } };
  }
  return result;
}

function classifyUids(db: SqlDatabase, record: InstanceRecord): { classification: Classification; instancePk?: number } {
  const { SeriesInstanceUID } = record.series;
  const { SOPInstanceUID } = record.instance;
  const series = stmt<{ pk: number; StudyInstanceUID: string }>(
    db,
    `SELECT se.pk, st."StudyInstanceUID" FROM series se JOIN study st ON st.pk = se.study_pk
      WHERE se."SeriesInstanceUID" = ?`,
  ).get(SeriesInstanceUID);

  if (series !== undefined && series.StudyInstanceUID !== record.study.StudyInstanceUID) {
    return {
      classification: {
        action: 'quarantine-duplicate-series',
        existing: { SeriesInstanceUID, StudyInstanceUID: series.StudyInstanceUID },
      },
    };
  }
  if (series !== undefined) {
    const row = stmt<InstanceFileRow>(
      db,
      `SELECT pk, path, size, sha256, stored_at, received_from FROM instance
        WHERE series_pk = ? AND "SOPInstanceUID" = ?`,
    ).get(series.pk, SOPInstanceUID);
    if (row !== undefined) {
      return {
        classification: {
          action: 'replace',
          existing: {
            path: row.path,
            size: row.size,
            sha256: row.sha256,
            storedAt: row.stored_at,
            ...(row.received_from === null ? {} : { receivedFrom: row.received_from }),
          },
        },
        instancePk: row.pk,
      };
    }
  }
  const others = stmt<{ SeriesInstanceUID: string }>(
    db,
    `SELECT se."SeriesInstanceUID" FROM instance i JOIN series se ON se.pk = i.series_pk
      WHERE i."SOPInstanceUID" = ? AND se."SeriesInstanceUID" <> ? ORDER BY se.pk`,
  )
    .all(SOPInstanceUID, SeriesInstanceUID)
    .map((r) => r.SeriesInstanceUID);
  return {
    classification:
      others.length > 0 ? { action: 'store', existing: { sameSopInSeries: others } } : { action: 'store' },
  };
}
