/**
 * Objects over 64 MiB are stored by streaming (receive-large-object.ts): byte for byte,
 * hashed on the way, checked to the end without being held; refused when larger than
 * maxObjectBytes or when the disk would be left with less than minFreeBytes — before any
 * byte is written, whatever the size (the free-space probe is replaced to simulate a full
 * disk).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { readSample } from '../../../test/support/samples.js';
import { makeTempDir, removeTempDir, useTempDir } from '../../../test/support/temp-dir.js';
import { importPaths } from './import-paths.js';
import { parseDicom } from '../io/parse-part10.js';
import { writeSyntheticEnhancedMr, type SyntheticEnhancedMr } from '../testing/synthetic-enhanced-mr.js';
import { openWorkstation, type Workstation } from '../store/open-workstation.js';
import { IN_MEMORY_MAX_BYTES } from '../store/receive-large-object.js';
import { reconcileStore } from '../store/reconcile-store.js';
import { setStoreSetting } from '../store/store-settings.js';
import { sqliteOf } from '../db/test-support/sqlite-of.js';

const inputs = useTempDir('atrium-large-in-');
/** A 70 MB Enhanced MR: 540 frames of 256×256, stored by streaming. */
let large: SyntheticEnhancedMr & { path: string };

beforeAll(() => {
  const path = join(inputs(), 'large.dcm');
  large = { ...writeSyntheticEnhancedMr(path, { frames: 540, rows: 256, columns: 256 }), path };
  expect(large.size).toBeGreaterThan(IN_MEMORY_MAX_BYTES);
});

const stores: Workstation[] = [];
const dirs: string[] = [];
afterEach(() => {
  stores.splice(0).forEach((ws) => ws.close());
  dirs.splice(0).forEach(removeTempDir);
});

function store(): Workstation {
  const dir = makeTempDir('atrium-large-store-');
  dirs.push(dir);
  const ws = openWorkstation(dir);
  stores.push(ws);
  return ws;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const listing = (ws: Workstation, sub: string): string[] => readdirSync(join(ws.root, sub), { recursive: true }).map(String);

describe('objects over 64 MiB', () => {
  it('are stored byte for byte by streaming, with the hash of what was written', () => {
    const ws = store();
    const outcome = ws.store.receiveFile(large.path, 'test');
    expect(outcome).toMatchObject({ status: 'stored', SOPInstanceUID: large.sopInstanceUID });
    const [row] = ws.index.getInstances({ SOPInstanceUID: large.sopInstanceUID });
    const stored = readFileSync(ws.files.absolute(row!.file.path));
    const original = readFileSync(large.path);
    expect(stored.equals(original)).toBe(true);
    expect(row!.file.sha256).toBe(sha256(original));
    expect(row!.file.size).toBe(original.length);
    expect(listing(ws, 'tmp')).toEqual([]);
  });

  it('a large file left unindexed by a crash is indexed again by reconcile, hash read in chunks', () => {
    const ws = store();
    expect(ws.store.receiveFile(large.path, 'test')).toMatchObject({ status: 'stored' });
    const [row] = ws.index.getInstances({ SOPInstanceUID: large.sopInstanceUID });
    sqliteOf(ws.index).prepare('DELETE FROM instance').run();
    const report = reconcileStore(ws.files, ws.index, ws.intents, true, ws.store.limits);
    expect(report).toMatchObject({ recovered: [row!.file.path], unreadable: [] });
    const [again] = ws.index.getInstances({ SOPInstanceUID: large.sopInstanceUID });
    expect(again!.file).toMatchObject({ path: row!.file.path, size: large.size, sha256: row!.file.sha256 });
  });

  it('without File Meta Information: one is generated, the data set bytes follow unchanged', () => {
    const original = readFileSync(large.path);
    const file = parseDicom(original, { headerOnly: true });
    const datasetStart = original.length - file.datasetBytes.length;
    const bare = join(inputs(), 'bare.dcm');
    writeFileSync(bare, original.subarray(datasetStart));
    const ws = store();
    expect(ws.store.receiveFile(bare, 'test')).toMatchObject({ status: 'stored' });
    const [row] = ws.index.getInstances({ SOPInstanceUID: large.sopInstanceUID });
    const stored = readFileSync(ws.files.absolute(row!.file.path));
    const meta = parseDicom(stored, { headerOnly: true });
    expect(meta.meta?.string(Tag.TransferSyntaxUID)).toBe('1.2.840.10008.1.2.1');
    expect(stored.subarray(stored.length - (original.length - datasetStart)).equals(original.subarray(datasetStart))).toBe(true);
    expect(row!.file.sha256).toBe(sha256(stored));
  });

  it('a large object cut short is refused with the parse error naming where, and kept in quarantine', () => {
    const cut = join(inputs(), 'cut.dcm');
    writeFileSync(cut, readFileSync(large.path));
    truncateSync(cut, large.size - 1000);
    const ws = store();
    const outcome = ws.store.receiveFile(cut, 'test');
    expect(outcome).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_PARSE_TRUNCATED' });
    expect('reason' in outcome && outcome.reason).toMatch(/^value length \d+ runs past the end of the data \(\d+ bytes left\) in \(7FE0,0010\) at byte offset \d+$/);
    const kept = readFileSync(ws.files.absolute((outcome as { quarantinePath: string }).quarantinePath));
    expect(kept.equals(readFileSync(cut))).toBe(true);
    expect(listing(ws, 'files')).toEqual([]);
  });

  it('larger than maxObjectBytes: refused, nothing written or copied (the original stays where it is)', () => {
    const ws = store();
    setStoreSetting(ws.database.settings, 'maxObjectBytes', '32MiB');
    const limited = openWorkstation(ws.root);
    stores.push(limited);
    const outcome = limited.store.receiveFile(large.path, 'test');
    expect(outcome).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_STORE_TOO_LARGE' });
    expect('reason' in outcome && outcome.reason).toContain(`the object is ${large.size} bytes, more than the largest stored (maxObjectBytes = ${32 * 1024 * 1024}`);
    expect(outcome).not.toHaveProperty('quarantinePath');
    expect([...listing(limited, 'files'), ...listing(limited, 'quarantine'), ...listing(limited, 'tmp')]).toEqual([]);
    // The same limit holds for objects received in memory (C-STORE).
    expect(limited.store.receive(new Uint8Array(33 * 1024 * 1024), 'test')).toMatchObject({ code: 'ATRIUM_ERR_STORE_TOO_LARGE' });
  });
});

describe('objects over 64 MiB go through the one store path', () => {
  it('an identity UID that cannot name a file is refused before any path is built; the file is kept in quarantine', () => {
    const bad = join(inputs(), 'bad-uid.dcm');
    const bytes = readFileSync(large.path);
    const uid = Buffer.from(large.sopInstanceUID, 'latin1');
    const forged = Buffer.from(large.sopInstanceUID.slice(0, -1) + '/', 'latin1'); // same length: `.../1.2.3/`
    for (let at = bytes.indexOf(uid); at >= 0 && at < 64 * 1024; at = bytes.indexOf(uid, at + 1)) forged.copy(bytes, at);
    writeFileSync(bad, bytes);
    const ws = store();
    const outcome = ws.store.receiveFile(bad, 'test');
    expect(outcome).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_VALIDATE_BAD_UID' });
    expect('reason' in outcome && outcome.reason).toContain('SOPInstanceUID (0008,0018) is not a valid UID');
    const [kept] = ws.index.listQuarantine();
    expect(kept).toMatchObject({ reasonCode: 'ATRIUM_ERR_VALIDATE_BAD_UID', sha256: sha256(bytes) });
    expect(readFileSync(ws.files.absolute(kept!.path!)).equals(bytes)).toBe(true);
    expect([...listing(ws, 'files'), ...listing(ws, 'tmp')]).toEqual([]);
  });

  it('a path the index holds for another instance is never replaced by a large object', () => {
    const ws = store();
    expect(ws.store.receiveFile(large.path, 'test')).toMatchObject({ status: 'stored' });
    const [row] = ws.index.getInstances({ SOPInstanceUID: large.sopInstanceUID });
    // An index from before identity validation: the same path held by another SOP Instance UID.
    sqliteOf(ws.index).prepare('UPDATE instance SET SOPInstanceUID = ? WHERE SOPInstanceUID = ?').run('undefined', large.sopInstanceUID);
    const legacy = new TextEncoder().encode('the bytes of another instance');
    ws.files.writeAtomic(row!.file.path, legacy);
    const outcome = ws.store.receiveFile(large.path, 'test');
    expect(outcome).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_INDEX_PATH_IN_USE' });
    expect(ws.files.read(row!.file.path).equals(legacy)).toBe(true);
    expect(listing(ws, 'tmp')).toEqual([]);
    expect(sqliteOf(ws.index).prepare('SELECT count(*) AS n FROM store_intent').get()).toEqual({ n: 0 });
  });

  it('fires instanceStored from the commit path, and seriesComplete at the end of the import', async () => {
    const ws = store();
    const heard: string[] = [];
    ws.store.events.listen({ instanceStored: (i) => heard.push(`stored ${i.SOPInstanceUID} from ${i.source}`), seriesComplete: (s) => heard.push(`complete ${s.SeriesInstanceUID} (${s.instances})`) });
    expect((await importPaths(ws.store, [large.path])).stored).toBe(1);
    expect(heard).toEqual([`stored ${large.sopInstanceUID} from import:${large.path}`, `complete ${large.seriesInstanceUID} (1)`]);
  });
});

describe('a full disk', () => {
  it('refuses small and large objects before any byte is written, and stores them once there is room', async () => {
    const ws = store();
    const small = join(inputs(), 'MR_small.dcm');
    writeFileSync(small, readSample('mr/MR_small.dcm'));
    let free = 32 * 1024 * 1024; // under the 64 MiB kept free
    ws.files.freeBytes = () => free;
    const summary = await importPaths(ws.store, [small, large.path]);
    expect(summary.items.map((i) => [i.file, i.status, 'code' in i ? i.code : ''])).toEqual([
      [small, 'rejected', 'ATRIUM_ERR_STORE_DISK_FULL'],
      [large.path, 'rejected', 'ATRIUM_ERR_STORE_DISK_FULL'],
    ]);
    expect('reason' in summary.items[1]! && summary.items[1].reason).toBe(
      `disk space low: the object takes ${large.size} bytes, ${free} bytes are free and ${64 * 1024 * 1024} are kept free (minFreeBytes); nothing was written`,
    );
    expect(summary.items.every((i) => !('quarantinePath' in i))).toBe(true);
    expect([...listing(ws, 'files'), ...listing(ws, 'quarantine'), ...listing(ws, 'tmp')]).toEqual([]);
    expect(sqliteOf(ws.index).prepare('SELECT count(*) AS n FROM store_intent').get()).toEqual({ n: 0 });
    // Just enough room for the small one only.
    free = 64 * 1024 * 1024 + statSync(small).size;
    expect((await importPaths(ws.store, [small, large.path])).items.map((i) => i.status)).toEqual(['stored', 'rejected']);
    free = Number.MAX_SAFE_INTEGER;
    expect((await importPaths(ws.store, [large.path])).items.map((i) => i.status)).toEqual(['stored']);
  });

  it('an invalid object on a full disk is refused with its reason, and says its bytes could not be kept', () => {
    const ws = store();
    ws.files.freeBytes = () => 0;
    const outcome = ws.store.receive(new TextEncoder().encode('not DICOM at all'), 'test');
    expect(outcome).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_PARSE_NOT_DICOM' });
    expect('reason' in outcome && outcome.reason).toMatch(/\(not kept in quarantine: disk space low: .*nothing was written\)$/);
    expect(listing(ws, 'quarantine')).toEqual([]);
  });
});
