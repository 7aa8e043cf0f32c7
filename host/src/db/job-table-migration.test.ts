import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations } from './apply-migrations.js';
import { MIGRATIONS } from './migrations.js';
import { openIndex } from './open-database.js';
import { sqliteOf } from './test-support/sqlite-of.js';

// Migration step 4 (the job table), in the style of db/migrations.test.ts.
const JOB_STEP = MIGRATIONS.findIndex((m) => m.description.startsWith('persistent job queue')) + 1;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atrium-jobs-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const insert = (db: Database.Database, cols: string, values: string): void =>
  void db.exec(`INSERT INTO job (type, next_run_at, created_at${cols}) VALUES ('t', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'${values})`);

describe('migration step 4: the job table', () => {
  it('is step 4 and creates the job table with its columns', () => {
    expect(JOB_STEP).toBe(4);
    const idx = openIndex(':memory:');
    expect(sqliteOf(idx).pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect((sqliteOf(idx).pragma('table_info(job)') as { name: string }[]).map((c) => c.name)).toEqual([
      'id', 'type', 'key', 'label', 'payload', 'state', 'progress', 'message', 'attempts', 'max_attempts',
      'next_run_at', 'created_at', 'started_at', 'finished_at', 'result', 'error', 'cancel_requested', 'owner_pid',
    ]);
    expect(sqliteOf(idx).prepare(`SELECT * FROM job`).all()).toEqual([]);
    idx.close();
  });

  it('migrates a version-3 index that holds data, keeping it', () => {
    const path = join(dir, 'index.sqlite');
    const old = new Database(path);
    expect(applyMigrations(old, MIGRATIONS.slice(0, 3))).toEqual({ from: 0, to: 3 });
    old.exec(`INSERT INTO patient (pk, patient_key, "PatientID") VALUES (1, '["id","P1",""]', 'P1');
      INSERT INTO quarantine (received_at, reason_code, reason) VALUES ('2024-01-01T00:00:00Z', 'X', 'kept');`);
    expect(old.prepare(`SELECT name FROM sqlite_master WHERE name = 'job'`).all()).toEqual([]);
    old.close();

    const idx = openIndex(path);
    expect(sqliteOf(idx).pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(sqliteOf(idx).prepare(`SELECT "PatientID" FROM patient`).all()).toEqual([{ PatientID: 'P1' }]);
    expect(idx.listQuarantine().map((q) => q.reason)).toEqual(['kept']);
    insert(sqliteOf(idx), '', '');
    expect(sqliteOf(idx).prepare(`SELECT id, state, progress, attempts, max_attempts, payload, cancel_requested FROM job`).all()).toEqual([
      { id: 1, state: 'pending', progress: 0, attempts: 0, max_attempts: 3, payload: 'null', cancel_requested: 0 },
    ]);
    idx.close();
  });

  it('refuses an unknown state, progress outside 0…1, text that is not JSON, and a second live job per key', () => {
    const idx = openIndex(':memory:');
    const db = sqliteOf(idx);
    expect(() => insert(db, ', state', ", 'paused'")).toThrow(/CHECK constraint failed/);
    expect(() => insert(db, ', progress', ', 1.5')).toThrow(/CHECK constraint failed/);
    expect(() => insert(db, ', payload', ", '{not json'")).toThrow(/CHECK constraint failed/);
    expect(() => insert(db, ', error', ", 'oops'")).toThrow(/CHECK constraint failed/);
    expect(() => insert(db, ', max_attempts', ', 0')).toThrow(/CHECK constraint failed/);
    expect(() => insert(db, ', attempts', ", 'one'")).toThrow(/cannot store TEXT value in INTEGER column/); // STRICT

    insert(db, ', key, state', ", 'k', 'failed'");
    insert(db, ', key, state', ", 'k', 'cancelled'");
    insert(db, ', key, state', ", 'k', 'completed'"); // the one live row of key k
    for (const state of ['pending', 'running', 'retrying', 'completed']) {
      expect(() => insert(db, ', key, state', `, 'k', '${state}'`)).toThrow(/UNIQUE constraint failed: job.key/);
    }
    insert(db, ', key, state', ", 'k', 'failed'");
    insert(db, ', key', ", 'other'");
    expect(db.prepare(`SELECT count(*) AS n FROM job`).get()).toEqual({ n: 5 });
    idx.close();
  });
});
