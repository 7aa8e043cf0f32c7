/**
 * Very large objects through the CLI, measured from outside the process (peak RSS, bytes
 * read): a multi-frame image over 2 GiB is stored by streaming, byte for byte (or refused
 * past maxObjectBytes); `show` reads its header and `render --frame n` the header and that
 * frame, not the pixels; 96 MB of empty items are refused, coded, within the bound. Files
 * are made at run time in a temp folder and removed after each group (about 4.5 GB of disk).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSha256 } from '../../host/src/store/receive-large-object.js';
import { writeSyntheticEnhancedMr, type SyntheticEnhancedMr } from '../../host/src/testing/synthetic-enhanced-mr.js';
import { emptyItemsObject } from '../support/bulk-objects.js';
import { memoryBound, runMeasured } from '../support/measured-cli.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

const MB = 1e6;

/** Where the store keeps an instance: files/<study>/<series>/<sop>.dcm. */
async function storedPath(store: string, sop: string): Promise<string> {
  const ls = await runMeasured(store, ['--json', 'ls', 'instances', '--sop', sop]);
  const [row] = JSON.parse(ls.stdout) as { StudyInstanceUID: string; SeriesInstanceUID: string }[];
  return join(store, 'files', row!.StudyInstanceUID, row!.SeriesInstanceUID, `${sop}.dcm`);
}

/** A synthetic Enhanced MR of 512×512 frames in a fresh folder, with a store beside it. */
function largeMr(frames: number): { dir: () => string; mr: () => SyntheticEnhancedMr & { path: string; sha256: string } } {
  let dir: string | undefined;
  let mr: (SyntheticEnhancedMr & { path: string; sha256: string }) | undefined;
  beforeAll(() => {
    dir = makeTempDir('atrium-large-');
    const path = join(dir, 'large.dcm');
    const written = writeSyntheticEnhancedMr(path, { frames, rows: 512, columns: 512, seed: frames });
    mr = { ...written, path, sha256: fileSha256(path) };
  }, 300_000);
  afterAll(() => {
    if (dir) removeTempDir(dir);
  });
  return { dir: () => dir!, mr: () => mr! };
}

describe('a multi-frame image over 2 GiB (4,100 frames of 512×512)', () => {
  const { dir, mr } = largeMr(4100);
  const store = (): string => join(dir(), 'store');

  it('is refused past maxObjectBytes, nothing written', async () => {
    expect(mr().size).toBeGreaterThan(2 ** 31);
    expect((await runMeasured(store(), ['config', 'set', 'maxObjectBytes', '2GiB'])).code).toBe(0);
    const run = await runMeasured(store(), ['--json', 'import', mr().path]);
    expect(JSON.parse(run.stdout).items[0]).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_STORE_TOO_LARGE' });
    expect((await runMeasured(store(), ['config', 'unset', 'maxObjectBytes'])).code).toBe(0);
  }, 300_000);

  it('is stored by streaming up to maxObjectBytes (default 32 GiB), byte for byte, in far less memory than its size', async () => {
    const run = await runMeasured(store(), ['--json', 'import', mr().path]);
    expect(JSON.parse(run.stdout), run.stderr).toMatchObject({ stored: 1 });
    expect(run.maxRssBytes).toBeLessThan(256 * MB);
    expect(fileSha256(await storedPath(store(), mr().sopInstanceUID))).toBe(mr().sha256);
  }, 600_000);

  it('show reads the header, not the pixels', async () => {
    const run = await runMeasured(store(), ['show', mr().sopInstanceUID], { countLinesOnly: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.lastLine).toMatch(new RegExp(`# ${4100 * 512 * 512 * 2}, PixelData$`));
    expect(run.readBytes).toBeLessThan(100 * MB);
    expect(run.maxRssBytes).toBeLessThan(256 * MB);
  }, 300_000);

  it('render --frame 4100 reads the header and that frame', async () => {
    const run = await runMeasured(store(), ['--json', 'render', mr().sopInstanceUID, '--frame', '4100', '--out', join(dir(), 'last.png')]);
    expect(run.code, run.stderr).toBe(0);
    // Frame index 4099 holds (4099·7 + 3r + c) mod 4096: 21 … 21 + 3·511 + 511, its min-max window.
    expect(JSON.parse(run.stdout).written[0]).toMatchObject({ width: 512, height: 512, window: { center: 1043.5, width: 2045 } });
    expect(run.readBytes).toBeLessThan(100 * MB);
    expect(run.maxRssBytes).toBeLessThan(256 * MB);
  }, 300_000);
});

describe('96 MB of empty items (the reproducer that crashed show)', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir('atrium-items-');
  });
  afterAll(() => removeTempDir(dir));

  it('import refuses it, coded, within 256 MB + 1.5 N', async () => {
    const path = join(dir, 'items-12m.dcm');
    const bytes = emptyItemsObject(12_000_000);
    writeFileSync(path, bytes);
    const run = await runMeasured(join(dir, 'store'), ['--json', 'import', path]);
    expect(JSON.parse(run.stdout).items[0]).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_PARSE_LIMIT' });
    expect(run.maxRssBytes).toBeLessThan(memoryBound(bytes.length));
  }, 300_000);
});
