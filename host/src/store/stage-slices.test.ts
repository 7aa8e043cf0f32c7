import { Tag } from '@atrium/sdk';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { parsePreface } from '../io/parse-part10.js';
import { SliceWindow } from '../io/slice-window.js';
import { part10Header } from '../io/wrap-dataset.js';
import { syntheticCtSeries } from '../testing/synthetic-ct-series.js';
import { openWorkstation, type Workstation } from './open-workstation.js';
import type { StagedInstance } from './instance-store.js';

/** A C-STORE data set as a receiver holds it: the data set cut into PDV-sized slices. */
function asReceived(file: Uint8Array, pdv: number): { header: Uint8Array; slices: Uint8Array[]; sop: { SOPClassUID: string; SOPInstanceUID: string; TransferSyntaxUID: string } } {
  const preface = parsePreface(file);
  const meta = preface.meta!;
  const sop = { SOPClassUID: meta.string(Tag.MediaStorageSOPClassUID)!, SOPInstanceUID: meta.string(Tag.MediaStorageSOPInstanceUID)!, TransferSyntaxUID: preface.transferSyntax.uid };
  const dataset = file.subarray(preface.datasetStart);
  const slices: Uint8Array[] = [];
  for (let at = 0; at < dataset.length; at += pdv) slices.push(dataset.subarray(at, at + pdv));
  return { header: part10Header({ ...sop, sourceAet: 'TESTSCU' }), slices, sop };
}

/**
 * One 64×64 CT slice as received (header, data set, SOP), the length field of its Pixel Data
 * (the last element, Explicit VR Little Endian) set to `length` while the value keeps its 8192 bytes.
 */
function withPixelDataLength(length: number): { header: Uint8Array; whole: Buffer; sop: ReturnType<typeof asReceived>['sop'] } {
  const [file] = syntheticCtSeries({ slices: 1, rows: 64, columns: 64 });
  const { header, slices, sop } = asReceived(file!, 1000);
  const whole = Buffer.concat(slices);
  const tag = Buffer.alloc(4);
  tag.writeUInt16LE(Tag.PixelData >>> 16, 0);
  tag.writeUInt16LE(Tag.PixelData & 0xffff, 2);
  whole.writeUInt32LE(length, whole.lastIndexOf(tag) + 8);
  return { header, whole, sop };
}

function committed(staged: StagedInstance): { path: string; status: string } {
  if ('refused' in staged) throw new Error(`refused: ${JSON.stringify(staged.refused)}`);
  const outcome = staged.commit();
  return { path: staged.path, status: outcome.status };
}

describe('SliceWindow', () => {
  it('reads ranges inside one slice as views and across slices as copies, the same bytes as the whole', () => {
    const whole = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);
    const cuts = [0, 3, 3, 250, 251, 600, 1000];
    const window = new SliceWindow(cuts.slice(1).map((end, i) => whole.subarray(cuts[i], end)));
    expect(window.size).toBe(1000);
    for (const [at, n] of [[0, 3], [1, 10], [249, 4], [250, 1], [0, 1000], [990, 50], [600, 0], [1200, 4], [5, 900]] as const) {
      expect(Array.from(window.bytes(at, n))).toEqual(Array.from(whole.subarray(at, at + n)));
      expect(Array.from(window.read(at, n))).toEqual(Array.from(whole.subarray(at, at + n)));
    }
  });
});

describe('InstanceStore.stageSlices (the C-STORE receive path)', () => {
  const dirs: string[] = [];
  const open: Workstation[] = [];
  afterEach(() => {
    open.splice(0).forEach((ws) => ws.close());
    dirs.splice(0).forEach(removeTempDir);
  });
  const workstation = (): Workstation => {
    const dir = makeTempDir('stage-slices-');
    dirs.push(dir);
    const ws = openWorkstation(dir);
    open.push(ws);
    return ws;
  };

  it('stores the data set byte for byte behind the generated File Meta Information, whatever the PDV size', async () => {
    const ws = workstation();
    const [file] = syntheticCtSeries({ slices: 1, rows: 64, columns: 64 });
    for (const pdv of [1, 17, 4096, 1 << 20]) {
      const { header, slices, sop } = asReceived(file!, pdv);
      const staged = await ws.store.stageSlices(header, slices, 'test', { expect: sop });
      const { path } = committed(staged);
      expect(Buffer.from(ws.files.read(path)).equals(Buffer.concat([header, ...slices]))).toBe(true);
      const [row] = ws.index.getInstances({ SOPInstanceUID: sop.SOPInstanceUID });
      expect(row?.instance.Rows).toBe(64);
    }
  });

  it('refuses Pixel Data shorter than the pixel description says, read by its length only, and keeps the bytes in quarantine', async () => {
    const ws = workstation();
    // 64×64×2 bytes of Pixel Data: the element's length field says 8192; make it 4096 and cut the value.
    const { header, whole, sop } = withPixelDataLength(4096);
    const cut = whole.subarray(0, whole.length - 4096);
    const staged = await ws.store.stageSlices(header, [cut.subarray(0, 500), cut.subarray(500)], 'test', { expect: sop });
    expect('refused' in staged && staged.refused).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_VALIDATE_BAD_PIXELS' });
    if (!('refused' in staged) || !('quarantinePath' in staged.refused)) throw new Error('not quarantined');
    expect(Buffer.from(ws.files.read(staged.refused.quarantinePath!)).equals(Buffer.concat([header, cut]))).toBe(true);
    expect(ws.index.getInstances({})).toHaveLength(0);
  });

  it('refuses a data set whose structure breaks after the header (a length past the end), nothing stored', async () => {
    const ws = workstation();
    const { header, whole, sop } = withPixelDataLength(1 << 20);
    const staged = await ws.store.stageSlices(header, [whole], 'test', { expect: sop });
    expect('refused' in staged && staged.refused.status).toBe('rejected');
    expect('refused' in staged && 'code' in staged.refused && staged.refused.code).toMatch(/^ATRIUM_ERR_PARSE_/);
    expect(ws.files.listInstanceFiles()).toEqual([]);
  });

  it('an answered object whose indexing never ran (crash) is indexed by the next start; sync off stores the same bytes', async () => {
    const dir = makeTempDir('stage-slices-crash-');
    dirs.push(dir);
    const [synced, unsynced] = syntheticCtSeries({ slices: 2, rows: 32, columns: 32, seed: 5 }).map((f) => asReceived(f, 1500));
    const first = openWorkstation(dir);
    const staged = await first.store.stageSlices(synced!.header, synced!.slices, 'test', { expect: synced!.sop });
    expect('commit' in staged).toBe(true);
    const quick = await first.store.stageSlices(unsynced!.header, unsynced!.slices, 'test', { expect: unsynced!.sop, sync: false });
    expect(committed(quick).status).toBe('stored');
    first.close(); // the first never committed: as if the process died right after answering Success
    const next = openWorkstation(dir);
    open.push(next);
    expect(next.startup.recovered).toHaveLength(1);
    for (const { header, slices, sop } of [synced!, unsynced!]) {
      const [row] = next.index.getInstances({ SOPInstanceUID: sop.SOPInstanceUID });
      expect(Buffer.from(next.files.read(row!.file.path)).equals(Buffer.concat([header, ...slices]))).toBe(true);
    }
  });

  it('makes the files of concurrent receivers durable in groups, and refuses a series arriving in two studies at once', async () => {
    const ws = workstation();
    const a = syntheticCtSeries({ slices: 12, rows: 32, columns: 32, seed: 1 }).map((f) => asReceived(f, 2048));
    const before = { ...ws.store.group.stats };
    const results = await Promise.all(a.map(({ header, slices, sop }) => ws.store.stageSlices(header, slices, 'test', { expect: sop })));
    const groups = ws.store.group.stats.groups - before.groups;
    expect(ws.store.group.stats.files - before.files).toBe(12);
    expect(groups).toBeLessThan(12);
    expect(results.map((r) => committed(r).status)).toEqual(Array(12).fill('stored'));
    expect(readFileSync(ws.files.absolute(ws.files.listInstanceFiles()[0]!)).length).toBeGreaterThan(32 * 32 * 2);

    // The same Series Instance UID in another study, staged while the first is not yet indexed.
    const clash = syntheticCtSeries({ slices: 1, rows: 32, columns: 32, seed: 3, seriesInstanceUID: '1.2.826.0.1.3680043.10.1188.77.1' })
      .map((f) => asReceived(f, 4096))[0]!;
    const held = syntheticCtSeries({ slices: 1, rows: 32, columns: 32, seed: 2, seriesInstanceUID: '1.2.826.0.1.3680043.10.1188.77.1' }).map((f) => asReceived(f, 4096))[0]!;
    const [x, y] = await Promise.all([held, clash].map(({ header, slices, sop }) => ws.store.stageSlices(header, slices, 'test', { expect: sop })));
    expect(committed(x!).status).toBe('stored');
    expect('refused' in y! && y.refused).toMatchObject({ status: 'duplicate', code: 'ATRIUM_ERR_INDEX_DUPLICATE_SERIES' });
  });

  it('without sync, places the files of concurrent receivers one by one (no group commit): byte for byte, nothing left in tmp/, a series clash still refused', async () => {
    const ws = workstation();
    const a = syntheticCtSeries({ slices: 12, rows: 32, columns: 32, seed: 7 }).map((f) => asReceived(f, 2048));
    const before = { ...ws.store.group.stats };
    const results = await Promise.all(a.map(({ header, slices, sop }) => ws.store.stageSlices(header, slices, 'test', { expect: sop, sync: false })));
    expect(ws.store.group.stats).toEqual(before);
    expect(results.map((r) => committed(r).status)).toEqual(Array(12).fill('stored'));
    for (const { header, slices, sop } of a) {
      const [row] = ws.index.getInstances({ SOPInstanceUID: sop.SOPInstanceUID });
      expect(Buffer.from(ws.files.read(row!.file.path)).equals(Buffer.concat([header, ...slices]))).toBe(true);
    }
    ws.store.close(); // the temp files made ahead are removed at close; none of the received ones may be left
    expect(readdirSync(ws.files.tmpDir)).toEqual([]);

    const uid = '1.2.826.0.1.3680043.10.1188.77.2';
    const objects = [8, 9].map((seed) => syntheticCtSeries({ slices: 1, rows: 32, columns: 32, seed, seriesInstanceUID: uid }).map((f) => asReceived(f, 4096))[0]!);
    const other = workstation();
    const [x, y] = await Promise.all(objects.map(({ header, slices, sop }) => other.store.stageSlices(header, slices, 'test', { expect: sop, sync: false })));
    expect(committed(x!).status).toBe('stored');
    expect('refused' in y! && y.refused).toMatchObject({ status: 'duplicate', code: 'ATRIUM_ERR_INDEX_DUPLICATE_SERIES' });
  });
});
