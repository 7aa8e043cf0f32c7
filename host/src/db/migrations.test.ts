import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAtriumError } from '../errors/atrium-error.js';
import { applyMigrations } from './apply-migrations.js';
import { MIGRATIONS } from './migrations.js';
import { openIndex } from './open-database.js';
import { query } from './query-engine.js';
import { RECORD_FIELDS } from './record-fields.js';
import { sampleRecord } from './sample-record.js';
import { sqliteOf } from './test-support/sqlite-of.js';

const LATEST = MIGRATIONS.length;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atrium-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('migrations', () => {
  it('creates the schema from version 0 with the DICOM keywords as columns', () => {
    const idx = openIndex(':memory:');
    expect(sqliteOf(idx).pragma('user_version', { simple: true })).toBe(LATEST);
    const columns = (table: string): string[] =>
      (sqliteOf(idx).pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    expect(columns('patient')).toEqual(['pk', 'patient_key', ...RECORD_FIELDS.PATIENT, 'patient_name_fold']);
    expect(columns('study')).toEqual(['pk', 'patient_pk', ...RECORD_FIELDS.STUDY]);
    expect(columns('series')).toEqual(['pk', 'study_pk', ...RECORD_FIELDS.SERIES]);
    expect(columns('instance')).toEqual([
      'pk',
      'series_pk',
      ...RECORD_FIELDS.IMAGE,
      'path',
      'size',
      'sha256',
      'stored_at',
      'received_from',
      'warnings',
    ]);
    expect(columns('quarantine')).toEqual(['id', 'received_at', 'reason_code', 'reason', 'details', 'path', 'sha256', 'source']);
    expect(columns('setting')).toEqual(['key', 'value']);
    expect(columns('remote_ae')).toEqual(['title', 'host', 'port', 'alias', 'roles', 'updated_at', 'verify_before_send']);
    const strict = sqliteOf(idx).prepare(`SELECT name FROM pragma_table_list WHERE name IN ('setting', 'remote_ae') AND strict = 1 ORDER BY name`).all();
    expect(strict).toEqual([{ name: 'remote_ae' }, { name: 'setting' }]);
    expect(sqliteOf(idx).pragma('foreign_keys', { simple: true })).toBe(1);
    idx.close();
  });

  it('indexes every matching key of seed Table 4-26', () => {
    const idx = openIndex(':memory:');
    const indexed = new Set(
      (sqliteOf(idx).prepare(`SELECT il.name AS col FROM sqlite_master m, pragma_index_list(m.name) l,
                         pragma_index_info(l.name) il WHERE m.type = 'table'`).all() as { col: string }[]).map((r) => r.col),
    );
    const table426 = [
      'StudyDate', 'StudyTime', 'AccessionNumber', 'ReferringPhysicianName', 'StudyDescription', 'PatientName',
      'PatientID', 'StudyInstanceUID', 'StudyID', 'PatientBirthDate', 'PatientSex', 'SeriesDate', 'SeriesTime',
      'Modality', 'SeriesDescription', 'ProtocolName', 'SeriesInstanceUID', 'SeriesNumber', 'SOPClassUID',
      'SOPInstanceUID', 'InstanceNumber',
    ];
    expect(table426.filter((k) => !indexed.has(k))).toEqual([]);
    idx.close();
  });

  it('migrates a version-1 database that holds data', () => {
    const path = join(dir, 'index.sqlite');
    const old = new Database(path);
    expect(applyMigrations(old, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
    old.exec(`INSERT INTO patient (pk, patient_key, "PatientID", "PatientName") VALUES (1, '["id","P9",""]', 'P9', 'OLD^TIMER');
      INSERT INTO study (pk, patient_pk, "StudyInstanceUID", "StudyDate") VALUES (1, 1, '9.1', '19990101');
      INSERT INTO series (pk, study_pk, "SeriesInstanceUID", "Modality") VALUES (1, 1, '9.1.1', 'MR');
      INSERT INTO instance (series_pk, "SOPInstanceUID", "SOPClassUID", path, size, sha256, stored_at)
        VALUES (1, '9.1.1.1', '1.2.840.10008.5.1.4.1.1.4', 'old.dcm', 10, 'x', '1999-01-01T00:00:00Z');`);
    old.close();

    const idx = openIndex(path);
    expect(sqliteOf(idx).pragma('user_version', { simple: true })).toBe(LATEST);
    expect(idx.getInstance('9.1.1', '9.1.1.1')?.patient).toEqual({ PatientID: 'P9', PatientName: 'OLD^TIMER' });
    // Step 6 filled the folded name of the existing patient: a case-insensitive PN match finds it through the index.
    expect(sqliteOf(idx).prepare('SELECT patient_name_fold FROM patient WHERE pk = 1').pluck().get()).toBe('old^timer');
    expect(query(idx, 'PATIENT', { PatientName: 'old^tim*', PatientID: '' })).toEqual([{ PatientName: 'OLD^TIMER', PatientID: 'P9' }]);
    const plan = sqliteOf(idx).prepare(`EXPLAIN QUERY PLAN SELECT pk FROM patient p WHERE p.patient_name_fold = ?`).all('old^timer') as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/USING (COVERING )?INDEX patient_name_fold/);
    expect(query(idx, 'STUDY', { StudyDate: '19990101', ModalitiesInStudy: '' })).toEqual([
      { StudyInstanceUID: '9.1', StudyDate: '19990101', ModalitiesInStudy: 'MR' },
    ]);
    // The old patient key format is the current one: a new instance joins the patient.
    expect(idx.upsertInstance(sampleRecord({ patient: { PatientID: 'P9' } })).created.patient).toBe(false);
    expect(idx.addQuarantine({ reasonCode: 'X', reason: 'table from step 3' })).toBe(1);
    sqliteOf(idx).prepare(`INSERT INTO setting (key, value) VALUES ('network.aeTitle', 'WS')`).run();
    sqliteOf(idx).prepare(`INSERT INTO remote_ae (title, host, port, updated_at) VALUES ('PACS', 'h', 104, '2025-01-01T00:00:00Z')`).run();
    expect(sqliteOf(idx).prepare('SELECT roles FROM remote_ae').pluck().get()).toBe('["store","query","call"]');
    expect(() => sqliteOf(idx).prepare(`INSERT INTO remote_ae (title, host, port, updated_at) VALUES ('X', 'h', 70000, 'now')`).run()).toThrow(/CHECK/);
    idx.close();
  });

  it('re-opens an index without changes (idempotent), in WAL mode', () => {
    const path = join(dir, 'index.sqlite');
    const first = openIndex(path);
    expect(sqliteOf(first).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqliteOf(first).pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    first.upsertInstance(sampleRecord());
    first.close();
    const second = openIndex(path, { synchronous: 'FULL' });
    expect(sqliteOf(second).pragma('user_version', { simple: true })).toBe(LATEST);
    expect(sqliteOf(second).pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(applyMigrations(sqliteOf(second))).toEqual({ from: LATEST, to: LATEST });
    expect(second.listInstancePaths()).toEqual(['1.2.826.0.1.1/1.2.826.0.1.1.1/1.2.826.0.1.1.1.1.dcm']);
    second.close();
  });

  it('rolls back all pending steps when one fails', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS.slice(0, 1), { version: 2, description: 'broken', sql: 'CREATE TABLE t2 (a); SELEC nonsense;' }];
    const e = errorOf(() => applyMigrations(db, broken));
    expect(isAtriumError(e, 'ATRIUM_ERR_INDEX_MIGRATION_FAILED')).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all()).toEqual([]);
    db.close();
  });

  it('refuses a database from a newer Atrium, misordered steps and non-database files', () => {
    const path = join(dir, 'newer.sqlite');
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST + 1}`);
    db.close();
    expect(isAtriumError(errorOf(() => openIndex(path)), 'ATRIUM_ERR_INDEX_SCHEMA_TOO_NEW')).toBe(true);

    const mem = new Database(':memory:');
    const misordered = [{ version: 2, description: 'x', sql: '' }];
    expect(isAtriumError(errorOf(() => applyMigrations(mem, misordered)), 'ATRIUM_ERR_INDEX_MIGRATION_ORDER')).toBe(true);
    mem.close();

    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database, just text that is long enough to fill a header'.repeat(10));
    expect(isAtriumError(errorOf(() => openIndex(junk)), 'ATRIUM_ERR_INDEX_OPEN')).toBe(true);
  });
});
