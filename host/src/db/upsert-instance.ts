import type BetterSqlite3 from 'better-sqlite3';
import { AtriumError } from '../errors/atrium-error.js';
import { classifyRecord } from './classify-record.js';
import type { Classification, FieldChange, UpsertResult } from './dicom-index.js';
import type { InstanceRecord } from './instance-record.js';
import type { PatientIdentity } from './patient-key.js';
import { patientKey } from './patient-key.js';
import { foldCase } from './sql-functions.js';
import { RECORD_FIELDS } from './record-fields.js';
import { recordValues, type Row } from './record-values.js';
import { stmt } from './statement-cache.js';

const q = (f: string): string => `"${f}"`;
const insertSql = (table: string, cols: readonly string[]): string =>
  `INSERT INTO ${table} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
const updateSql = (table: string, cols: readonly string[]): string =>
  `UPDATE ${table} SET ${cols.map((c) => `${q(c)} = ?`).join(', ')} WHERE pk = ?`;

const PATIENT_COLS = ['patient_key', 'patient_name_fold', ...RECORD_FIELDS.PATIENT];
/** Patient columns an update rewrites: the record fields and the folded name that follows PatientName. */
const PATIENT_UPDATE_COLS = ['patient_name_fold', ...RECORD_FIELDS.PATIENT];
const nameFold = (p: Row): string | null => (typeof p.PatientName === 'string' ? foldCase(p.PatientName) : null);
const STUDY_COLS = ['patient_pk', ...RECORD_FIELDS.STUDY];
const SERIES_COLS = ['study_pk', ...RECORD_FIELDS.SERIES];
const FILE_COLS = ['path', 'size', 'sha256', 'stored_at', 'received_from'];
const INSTANCE_COLS = ['series_pk', ...RECORD_FIELDS.IMAGE, ...FILE_COLS, 'warnings'];

/**
 * Writes one instance and the demographic update of the Canon GCA-9300R conformance
 * statement §4.1.3.3.2: for patient, study and series the values of the latest received
 * instance win (absent attributes keep the stored value, empty ones clear it); a
 * re-received instance is replaced entirely. When a study's patient identity changes, the
 * study is re-linked to the (possibly new) patient row and the old patient row is deleted
 * if no study is left on it.
 *
 * Must run inside a transaction (the caller's); it throws on the first problem so the
 * transaction rolls back.
 */
export function upsertInstance(db: BetterSqlite3.Database, record: InstanceRecord): UpsertResult {
  const { classification, instancePk } = classifyRecord(db, record);
  refuseUnstorable(classification, record);
  const changes: FieldChange[] = [];
  const patient = upsertPatient(db, record, changes);
  const study = upsertStudy(db, record, patient, changes);
  const series = upsertSeries(db, record, study.pk, changes);
  writeInstance(db, record, series.pk, instancePk);
  return {
    action: classification.action === 'replace' ? 'replaced' : 'stored',
    ...(classification.action === 'replace' ? { previousFile: classification.existing } : {}),
    changes,
    ...(study.relinked === undefined ? {} : { relinked: study.relinked }),
    created: { patient: patient.created, study: study.created, series: series.created },
  };
}

/** The classifications that store nothing: a path held by another instance, a series of another study. */
function refuseUnstorable(classification: Classification, record: InstanceRecord): void {
  if (classification.action === 'path-in-use') {
    const { existing } = classification;
    throw new AtriumError(
      'ATRIUM_ERR_INDEX_PATH_IN_USE',
      `File path ${record.file.path} is already indexed for instance ${existing.SOPInstanceUID} of series ${existing.SeriesInstanceUID}`,
      { path: record.file.path, SOPInstanceUID: record.instance.SOPInstanceUID, heldBy: existing },
    );
  }
  if (classification.action === 'quarantine-duplicate-series') {
    const { existing } = classification;
    throw new AtriumError(
      'ATRIUM_ERR_INDEX_DUPLICATE_SERIES',
      `Series ${existing.SeriesInstanceUID} already belongs to study ${existing.StudyInstanceUID}; ` +
        `instance ${record.instance.SOPInstanceUID} of study ${record.study.StudyInstanceUID} must be quarantined`,
      { ...existing, receivedStudyInstanceUID: record.study.StudyInstanceUID, path: record.file.path },
    );
  }
}

const row = (db: BetterSqlite3.Database, sql: string, ...params: unknown[]): Row | undefined => stmt<Row>(db, sql).get(...params);

/** The patient row the record belongs to (its identity's row, made or updated); the changes the record's study sees. */
interface PatientStep {
  readonly pk: number;
  readonly values: Row;
  /** The patient the record's study was linked to before (or the identity's row for a new study). */
  readonly previous: Row | undefined;
  readonly study: Row | undefined;
  readonly created: boolean;
}

function upsertPatient(db: BetterSqlite3.Database, record: InstanceRecord, changes: FieldChange[]): PatientStep {
  const key = patientKey(record.patient);
  const study = row(db, 'SELECT * FROM study WHERE "StudyInstanceUID" = ?', record.study.StudyInstanceUID);
  const target = row(db, 'SELECT * FROM patient WHERE patient_key = ?', key);
  const previous = study === undefined ? target : row(db, 'SELECT * FROM patient WHERE pk = ?', study.patient_pk);
  const values = recordValues.merge(RECORD_FIELDS.PATIENT, record.patient, target);
  let pk: number;
  if (target === undefined) {
    pk = insert(db, 'patient', PATIENT_COLS, { patient_key: key, patient_name_fold: nameFold(values), ...values });
  } else {
    pk = target.pk as number;
    if (recordValues.diff('PATIENT', RECORD_FIELDS.PATIENT, target, values).length > 0) {
      update(db, 'patient', PATIENT_UPDATE_COLS, { patient_name_fold: nameFold(values), ...values }, pk);
    }
  }
  if (previous !== undefined) changes.push(...recordValues.diff('PATIENT', RECORD_FIELDS.PATIENT, previous, values));
  return { pk, values, previous, study, created: target === undefined };
}

/** The study row, made or updated and linked to the record's patient (re-linked when its identity changed). */
function upsertStudy(db: BetterSqlite3.Database, record: InstanceRecord, patient: PatientStep, changes: FieldChange[]): { pk: number; created: boolean; relinked?: UpsertResult['relinked'] } {
  const { study } = patient;
  const values = recordValues.merge(RECORD_FIELDS.STUDY, record.study, study);
  if (study === undefined) return { pk: insert(db, 'study', STUDY_COLS, { patient_pk: patient.pk, ...values }), created: true };
  const pk = study.pk as number;
  const studyChanges = recordValues.diff('STUDY', RECORD_FIELDS.STUDY, study, values);
  changes.push(...studyChanges);
  const oldPatientPk = study.patient_pk as number;
  if (studyChanges.length > 0 || oldPatientPk !== patient.pk) update(db, 'study', STUDY_COLS, { patient_pk: patient.pk, ...values }, pk);
  if (oldPatientPk === patient.pk || patient.previous === undefined) return { pk, created: false };
  const orphan = row(db, 'SELECT 1 AS x FROM study WHERE patient_pk = ? LIMIT 1', oldPatientPk) === undefined;
  if (orphan) stmt(db, 'DELETE FROM patient WHERE pk = ?').run(oldPatientPk);
  const relinked = { StudyInstanceUID: record.study.StudyInstanceUID, from: identity(patient.previous), to: identity(patient.values), oldPatientRemoved: orphan };
  return { pk, created: false, relinked };
}

/** The series row, made or updated (classification guarantees a known series belongs to this study). */
function upsertSeries(db: BetterSqlite3.Database, record: InstanceRecord, studyPk: number, changes: FieldChange[]): { pk: number; created: boolean } {
  const series = row(db, 'SELECT * FROM series WHERE "SeriesInstanceUID" = ?', record.series.SeriesInstanceUID);
  const values = recordValues.merge(RECORD_FIELDS.SERIES, record.series, series);
  if (series === undefined) return { pk: insert(db, 'series', SERIES_COLS, { study_pk: studyPk, ...values }), created: true };
  const pk = series.pk as number;
  const seriesChanges = recordValues.diff('SERIES', RECORD_FIELDS.SERIES, series, values);
  changes.push(...seriesChanges);
  if (seriesChanges.length > 0) update(db, 'series', RECORD_FIELDS.SERIES, values, pk);
  return { pk, created: false };
}

/** The instance row: a re-received instance replaces the stored one entirely. */
function writeInstance(db: BetterSqlite3.Database, record: InstanceRecord, seriesPk: number, instancePk: number | undefined): void {
  const instance: Row = {
    series_pk: seriesPk,
    ...recordValues.merge(RECORD_FIELDS.IMAGE, record.instance, undefined),
    path: record.file.path,
    size: record.file.size,
    sha256: record.file.sha256,
    stored_at: record.file.storedAt ?? new Date().toISOString(),
    received_from: record.file.receivedFrom ?? null,
    warnings: record.warnings?.length ? JSON.stringify(record.warnings) : null,
  };
  try {
    if (instancePk === undefined) insert(db, 'instance', INSTANCE_COLS, instance);
    else update(db, 'instance', INSTANCE_COLS, instance, instancePk);
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AtriumError(
        'ATRIUM_ERR_INDEX_PATH_IN_USE',
        `File path ${record.file.path} is already indexed for another instance`,
        { path: record.file.path, SOPInstanceUID: record.instance.SOPInstanceUID },
        { cause: e },
      );
    }
    throw e;
  }
}

function insert(db: BetterSqlite3.Database, table: string, cols: readonly string[], values: Row): number {
  const result = stmt(db, insertSql(table, cols)).run(...cols.map((c) => values[c] ?? null));
  return Number(result.lastInsertRowid);
}

function update(db: BetterSqlite3.Database, table: string, cols: readonly string[], values: Row, pk: number): void {
  stmt(db, updateSql(table, cols)).run(...cols.map((c) => values[c] ?? null), pk);
}

function identity(p: Row): PatientIdentity {
  const out: PatientIdentity = {};
  for (const f of ['PatientID', 'IssuerOfPatientID', 'PatientName', 'PatientBirthDate'] as const) {
    const v = p[f];
    if (typeof v === 'string') out[f] = v;
  }
  return out;
}
