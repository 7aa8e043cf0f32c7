import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAtriumError } from '../errors/atrium-error.js';
import { MIGRATIONS } from './migrations.js';
import { openDatabase } from './open-database.js';
import { openReadOnlyDatabase } from './open-read-only-database.js';
import { query } from './query-engine.js';
import { sampleRecord } from './sample-record.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atrium-read-only-'));
  path = join(dir, 'index.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openReadOnlyDatabase', () => {
  it('reads what is indexed and writes nothing: the database file unchanged, no heartbeat, a write refused', () => {
    const writer = openDatabase(path);
    writer.index.upsertInstance(sampleRecord());
    writer.close();
    const before = readFileSync(path);

    const reader = openReadOnlyDatabase(path)!;
    expect(reader).toBeDefined();
    const studies = query(reader.index, 'STUDY', { PatientID: 'P1', StudyInstanceUID: undefined, NumberOfStudyRelatedInstances: undefined });
    expect(studies).toEqual([expect.objectContaining({ PatientID: 'P1', StudyInstanceUID: '1.2.826.0.1.1', NumberOfStudyRelatedInstances: 1 })]);
    expect(reader.intents.list()).toEqual([]);
    expect(() => reader.intents.record('x/y.dcm', process.pid, 'here')).toThrow(/readonly/i);
    reader.close();

    expect(readFileSync(path).equals(before)).toBe(true);
    const writer2 = openDatabase(path);
    // No heartbeat but the one of the connection opened just now.
    expect(writer2.heartbeats.list().map((h) => h.pid)).toEqual([process.pid]);
    writer2.close();
  });

  it('leaves an index at an older schema version to openDatabase (undefined, not migrated)', () => {
    const old = new Database(path);
    old.exec('CREATE TABLE t (x)');
    old.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    old.close();

    expect(openReadOnlyDatabase(path)).toBeUndefined();
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length - 1);
    check.close();
  });

  it('refuses a file that is not SQLite with ATRIUM_ERR_INDEX_OPEN naming it', () => {
    writeFileSync(path, 'not a database, long enough to have a header of its own: '.repeat(4));
    let thrown: unknown;
    try {
      openReadOnlyDatabase(path);
    } catch (e) {
      thrown = e;
    }
    expect(isAtriumError(thrown, 'ATRIUM_ERR_INDEX_OPEN')).toBe(true);
    expect((thrown as Error).message).toContain(path);
  });
});
