/**
 * Bounded memory, measured from outside (peak RSS of the `atrium` process): import, show
 * and render of an N-byte object stay under 256 MB + 1.5 N — for a 10,000-frame Enhanced
 * MR (which must import: the limits are not made tiny), for objects at the element and
 * item limits, for the reproducer's 40 MB of empty items (refused, coded), for `show`
 * of an object past every limit, read through a slow pipe, and for a deflated object of
 * 490 KB that inflates to 500 MB of Pixel Data (and one of 600 MB, refused). The very large
 * objects (1 GiB, over 2 GiB, 96 MB of items) are in large-objects.slow.test.ts.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticEnhancedMr, type SyntheticEnhancedMr } from '../../host/src/testing/synthetic-enhanced-mr.js';
import { DEFAULT_PARSE_LIMITS, allowedCount } from '../../host/src/io/parse-limits.js';
import { emptyItemsObject, manyElementsObject } from '../support/bulk-objects.js';
import { deflatedFrames } from '../support/deflated-object.js';
import { memoryBound, runMeasured } from '../support/measured-cli.js';
import { useTempDir } from '../support/temp-dir.js';

const dir = useTempDir('atrium-memory-');
const MiB = 1024 * 1024;

function write(name: string, bytes: Uint8Array): { path: string; size: number } {
  const path = join(dir(), name);
  writeFileSync(path, bytes);
  return { path, size: bytes.length };
}

describe('a 10,000-frame Enhanced MR (16×16 frames, 45 elements and items per frame)', () => {
  let mr: SyntheticEnhancedMr & { path: string };
  const store = (): string => join(dir(), 'mr-store');
  beforeAll(() => {
    const path = join(dir(), 'mr10k.dcm');
    mr = { ...writeSyntheticEnhancedMr(path, { frames: 10_000 }), path };
  });

  it('imports within 256 MB + 1.5 N', async () => {
    const run = await runMeasured(store(), ['--json', 'import', mr.path]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ stored: 1, rejected: 0 });
    expect(run.maxRssBytes).toBeLessThan(memoryBound(mr.size));
  });

  it('show streams its 450,000 lines to a slow reader within the bound', async () => {
    const run = await runMeasured(store(), ['show', mr.sopInstanceUID], { slowReader: true, countLinesOnly: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toBeGreaterThan(450_000);
    expect(run.lastLine).toMatch(/^\(7FE0,0010\) OW 00\\00\\01\\00.* # 5120000, PixelData$/);
    expect(run.maxRssBytes).toBeLessThan(memoryBound(mr.size));
  });

  it('render --frame 9999 reads that frame (its own window proves it) within the bound', async () => {
    const png = join(dir(), 'frame-9999.png');
    const run = await runMeasured(store(), ['--json', 'render', mr.sopInstanceUID, '--frame', '9999', '--out', png]);
    expect(run.code, run.stderr).toBe(0);
    // Frame index 9998 holds (9998·7 + 3r + c) mod 4096 = 354 … 414: the min-max window.
    expect(JSON.parse(run.stdout).written[0]).toMatchObject({ width: 16, height: 16, window: { center: 384.5, width: 61 } });
    expect(statSync(png).size).toBeGreaterThan(0);
    expect(run.maxRssBytes).toBeLessThan(memoryBound(mr.size));
  });
});

describe('objects made to cost memory', () => {
  it('40 MB of empty items (the reproducer): import refuses it, coded, within the bound', async () => {
    const file = write('items-5m.dcm', emptyItemsObject(5_000_000));
    const run = await runMeasured(join(dir(), 'items-store'), ['--json', 'import', file.path]);
    expect(run.code).toBe(1);
    const [item] = JSON.parse(run.stdout).items;
    expect(item).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_PARSE_LIMIT' });
    expect(item.reason).toMatch(/^more than \d+ sequence items in one object \(limit maxItems = 250000, plus one per 1024 bytes of the object\) in \(0009,1010\) at byte offset \d+/);
    expect(run.maxRssBytes).toBeLessThan(memoryBound(file.size));
  });

  it('an object of as many elements as allowed imports within the bound', async () => {
    // Each element 10 bytes: the densest object the limit lets through.
    const n = allowedCount(DEFAULT_PARSE_LIMITS, 'maxElements', 10 * DEFAULT_PARSE_LIMITS.maxElements) - 100;
    const file = write('elements.dcm', manyElementsObject(n));
    const run = await runMeasured(join(dir(), 'elements-store'), ['--json', 'import', file.path]);
    expect(JSON.parse(run.stdout), run.stderr).toMatchObject({ stored: 1 });
    expect(run.maxRssBytes).toBeLessThan(memoryBound(file.size));
  });

  it('an object of as many items as allowed imports within the bound', async () => {
    const n = allowedCount(DEFAULT_PARSE_LIMITS, 'maxItems', 8 * DEFAULT_PARSE_LIMITS.maxItems) - 10;
    const file = write('items.dcm', emptyItemsObject(n));
    const run = await runMeasured(join(dir(), 'items-ok-store'), ['--json', 'import', file.path]);
    expect(JSON.parse(run.stdout), run.stderr).toMatchObject({ stored: 1 });
    expect(run.maxRssBytes).toBeLessThan(memoryBound(file.size));
  });

  it('show lists an object stored past every limit (a site raised them) within the bound', async () => {
    const store = join(dir(), 'raised-store');
    const file = write('items-500k.dcm', emptyItemsObject(500_000, '2.25.8811'));
    for (const [k, v] of [['maxItems', '5000000'], ['maxElements', '5000000']]) expect((await runMeasured(store, ['config', 'set', k!, v!])).code).toBe(0);
    expect((await runMeasured(store, ['import', file.path])).code).toBe(0);
    for (const k of ['maxItems', 'maxElements']) expect((await runMeasured(store, ['config', 'unset', k])).code).toBe(0);
    const run = await runMeasured(store, ['show', '2.25.8811.3'], { slowReader: true, countLinesOnly: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toBeGreaterThan(500_000);
    expect(run.maxRssBytes).toBeLessThan(memoryBound(file.size));
    expect(run.maxRssBytes).toBeLessThan(200 * MiB);
  });
});

describe('a deflated object of 490 KB whose data set inflates to 500 MB of Pixel Data (1000 frames of 500×1000)', () => {
  const store = (): string => join(dir(), 'deflated-store');
  let file: { path: string; size: number };
  let sop: string;
  beforeAll(async () => {
    const made = await deflatedFrames({ rows: 500, columns: 1000, frames: 1000 });
    file = write('deflated-500mb.dcm', made.bytes);
    sop = made.sopInstanceUID;
  });

  it('imports within 256 MB + 1.5 N, leaving no temporary file', async () => {
    expect(file.size).toBeLessThan(MiB);
    const run = await runMeasured(store(), ['--json', 'import', file.path]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ stored: 1, rejected: 0 });
    expect(run.maxRssBytes).toBeLessThan(memoryBound(file.size));
    expect(readdirSync(join(store(), 'tmp'))).toEqual([]);
  });

  it('show lists it to its Pixel Data within the bound', async () => {
    const run = await runMeasured(store(), ['show', sop]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\n\(7FE0,0010\) OB 00\\00\\00.* # 500000000, PixelData\n/);
    expect(run.maxRssBytes).toBeLessThan(memoryBound(file.size));
  });

  it('render --frame 1000 reads the last frame (its own window proves it) within the bound', async () => {
    const png = join(dir(), 'deflated-1000.png');
    const run = await runMeasured(store(), ['--json', 'render', sop, '--frame', '1000', '--out', png]);
    expect(run.code, run.stderr).toBe(0);
    // Only the last frame holds (row + column) mod 256: 0 … 255.
    expect(JSON.parse(run.stdout).written[0]).toMatchObject({ width: 1000, height: 500, window: { center: 128, width: 256 } });
    expect(run.maxRssBytes).toBeLessThan(memoryBound(file.size));
  });

  it('one that inflates to 600 MB is refused past maxInflatedBytes (512 MiB), coded, within the bound', async () => {
    const bomb = write('deflated-600mb.dcm', (await deflatedFrames({ rows: 500, columns: 1000, frames: 1200, uidRoot: '2.25.8806' })).bytes);
    const run = await runMeasured(join(dir(), 'bomb-store'), ['--json', 'import', bomb.path]);
    expect(run.code).toBe(1);
    const [item] = JSON.parse(run.stdout).items;
    expect(item).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_PARSE_LIMIT' });
    expect(item.reason).toMatch(/^the deflated data set inflates to more than 536870912 bytes \(limit maxInflatedBytes = 536870912\)/);
    expect(run.maxRssBytes).toBeLessThan(memoryBound(bomb.size));
  });
});
