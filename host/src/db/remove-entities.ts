import type { SqlDatabase } from './sql-database.js';
import type { RemovalResult } from './dicom-index.js';
import { patientKey, type PatientIdentity } from './patient-key.js';
import { stmt } from './statement-cache.js';

type Db = SqlDatabase;

const INSTANCES_OF = {
  series: 'SELECT pk, path FROM instance WHERE series_pk = ?',
  study: `SELECT i.pk, i.path FROM instance i JOIN series se ON se.pk = i.series_pk WHERE se.study_pk = ?`,
  patient: `SELECT i.pk, i.path FROM instance i JOIN series se ON se.pk = i.series_pk
              JOIN study st ON st.pk = se.study_pk WHERE st.patient_pk = ?`,
} as const;

/**
 * Deletes index rows top-down and reports the files the caller must delete. Parents left
 * without children are deleted too (an empty series, study or patient is never kept).
 * Each function must run inside a transaction (the caller's).
 */
export const removeEntities = {
  instance(db: Db, ref: { SOPInstanceUID: string; SeriesInstanceUID?: string }): RemovalResult {
    const result = empty();
    // Two statements, not `? IS NULL OR ...`: PostgreSQL cannot tell the type of a parameter
    // that is only compared with NULL, and refuses the statement.
    type Row = { pk: number; path: string; series_pk: number };
    const rows =
      ref.SeriesInstanceUID === undefined
        ? stmt<Row>(db, `SELECT pk, path, series_pk FROM instance WHERE "SOPInstanceUID" = ?`).all(ref.SOPInstanceUID)
        : stmt<Row>(
            db,
            `SELECT i.pk, i.path, i.series_pk FROM instance i JOIN series se ON se.pk = i.series_pk
              WHERE i."SOPInstanceUID" = ? AND se."SeriesInstanceUID" = ?`,
          ).all(ref.SOPInstanceUID, ref.SeriesInstanceUID);
    deleteInstances(db, rows, result);
    for (const seriesPk of new Set(rows.map((r) => r.series_pk))) pruneSeries(db, seriesPk, result);
    return finish(result);
  },

  series(db: Db, SeriesInstanceUID: string): RemovalResult {
    const result = empty();
    const se = stmt<{ pk: number }>(db, 'SELECT pk FROM series WHERE "SeriesInstanceUID" = ?').get(SeriesInstanceUID);
    if (se === undefined) return result;
    deleteInstances(db, stmt<{ pk: number; path: string }>(db, INSTANCES_OF.series).all(se.pk), result);
    pruneSeries(db, se.pk, result);
    return finish(result);
  },

  study(db: Db, StudyInstanceUID: string): RemovalResult {
    const result = empty();
    const st = stmt<{ pk: number }>(db, 'SELECT pk FROM study WHERE "StudyInstanceUID" = ?').get(StudyInstanceUID);
    if (st === undefined) return result;
    deleteInstances(db, stmt<{ pk: number; path: string }>(db, INSTANCES_OF.study).all(st.pk), result);
    for (const se of stmt<{ pk: number }>(db, 'SELECT pk FROM series WHERE study_pk = ?').all(st.pk)) {
      pruneSeries(db, se.pk, result);
    }
    pruneStudy(db, st.pk, result);
    return finish(result);
  },

  patient(db: Db, identity: PatientIdentity): RemovalResult {
    const result = empty();
    const p = stmt<{ pk: number }>(db, 'SELECT pk FROM patient WHERE patient_key = ?').get(patientKey(identity));
    if (p === undefined) return result;
    deleteInstances(db, stmt<{ pk: number; path: string }>(db, INSTANCES_OF.patient).all(p.pk), result);
    for (const st of stmt<{ pk: number }>(db, 'SELECT pk FROM study WHERE patient_pk = ?').all(p.pk)) {
      for (const se of stmt<{ pk: number }>(db, 'SELECT pk FROM series WHERE study_pk = ?').all(st.pk)) {
        pruneSeries(db, se.pk, result);
      }
      pruneStudy(db, st.pk, result);
    }
    prunePatient(db, p.pk, result);
    return finish(result);
  },
};

function empty(): RemovalResult {
  return { paths: [], instances: 0, series: 0, studies: 0, patients: 0 };
}

function finish(result: RemovalResult): RemovalResult {
  result.paths.sort();
  return result;
}

function deleteInstances(db: Db, rows: { pk: number; path: string }[], result: RemovalResult): void {
  const del = stmt(db, 'DELETE FROM instance WHERE pk = ?');
  for (const r of rows) {
    del.run(r.pk);
    result.paths.push(r.path);
    result.instances++;
  }
}

function pruneSeries(db: Db, pk: number, result: RemovalResult): void {
  if (stmt(db, 'SELECT 1 FROM instance WHERE series_pk = ? LIMIT 1').get(pk) !== undefined) return;
  const se = stmt<{ study_pk: number }>(db, 'SELECT study_pk FROM series WHERE pk = ?').get(pk);
  if (se === undefined) return;
  stmt(db, 'DELETE FROM series WHERE pk = ?').run(pk);
  result.series++;
  pruneStudy(db, se.study_pk, result);
}

function pruneStudy(db: Db, pk: number, result: RemovalResult): void {
  if (stmt(db, 'SELECT 1 FROM series WHERE study_pk = ? LIMIT 1').get(pk) !== undefined) return;
  const st = stmt<{ patient_pk: number }>(db, 'SELECT patient_pk FROM study WHERE pk = ?').get(pk);
  if (st === undefined) return;
  stmt(db, 'DELETE FROM study WHERE pk = ?').run(pk);
  result.studies++;
  prunePatient(db, st.patient_pk, result);
}

function prunePatient(db: Db, pk: number, result: RemovalResult): void {
  if (stmt(db, 'SELECT 1 FROM study WHERE patient_pk = ? LIMIT 1').get(pk) !== undefined) return;
  if (stmt(db, 'DELETE FROM patient WHERE pk = ?').run(pk).changes > 0) result.patients++;
}
