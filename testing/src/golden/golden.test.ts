import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SopClass } from '@atrium/sdk';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import plugin from '../test-support/grey-plugin/index.js';
import { testPlugin } from '../test-plugin.js';
import { testSeries } from '../test-series.js';
import { expectDerivedToMatchGolden, UPDATE_GOLDEN_VARIABLE } from './expect-derived-to-match-golden.js';
import { normaliseDerived } from './normalise-derived.js';

const kit = testPlugin(fileURLToPath(new URL('../test-support/grey-plugin/', import.meta.url)), plugin);
const scratch = mkdtempSync(join(tmpdir(), 'atrium-testing-golden-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const series = testSeries({ rows: 4, columns: 4, images: [new Int16Array(16).fill(7)], attributes: { StudyDate: '20200304', StudyTime: '101500' } });
const derived = async (now = new Date(2025, 5, 6, 7, 8, 9), size = 8) => (await kit.run('grey', series, { size }, { now })).objects[0]!;

describe('normaliseDerived', () => {
  it('names UIDs by first appearance, keeps the standard\'s, masks the run\'s dates and times, keeps the sources\', hashes bulk data', async () => {
    const object = await derived();
    const { attributes, provenance, output, sopClassUID } = normaliseDerived(object);
    expect([output, sopClassUID]).toEqual(['image', SopClass.SecondaryCaptureImageStorage]);
    expect(attributes['(0008,0016) UI SOPClassUID']).toBe(SopClass.SecondaryCaptureImageStorage);
    expect(attributes['(0008,0018) UI SOPInstanceUID']).toBe('<uid 1>');
    expect(attributes['(0020,000D) UI StudyInstanceUID']).toMatch(/^<uid \d>$/);
    const source = (attributes['(0008,2112) SQ SourceImageSequence'] as Record<string, unknown>[])[0]!;
    expect(source['(0008,1150) UI ReferencedSOPClassUID']).toBe(SopClass.CTImageStorage);
    expect(source['(0008,1155) UI ReferencedSOPInstanceUID']).toMatch(/^<uid \d>$/);
    expect([attributes['(0008,0021) DA SeriesDate'], attributes['(0008,0031) TM SeriesTime'], attributes['(0008,0020) DA StudyDate'], attributes['(0008,0030) TM StudyTime']])
      .toEqual(['<run date>', '<run time>', '20200304', '101500']);
    const equipment = (attributes['(0018,A001) SQ ContributingEquipmentSequence'] as Record<string, unknown>[])[0]!;
    expect(equipment['(0018,A002) DT ContributionDateTime']).toBe('<run date-time>');
    expect(attributes['(7FE0,0010) OB PixelData']).toEqual({ bytes: 64, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(provenance).toMatchObject({ ImageComments: 'Content', SOPInstanceUID: 'Generated:SOPInstanceUID' });
    expect(Object.keys(provenance)).toEqual(Object.keys(provenance).sort());
  });

  it('holds the bulk data of the attributes named lengthOnly by length alone (a GPU rendering\'s pixels)', async () => {
    const { attributes } = normaliseDerived(await derived(), { lengthOnly: ['PixelData'] });
    expect(attributes['(7FE0,0010) OB PixelData']).toEqual({ bytes: 64 });
    const other = await kit.run('grey', testSeries({ rows: 4, columns: 4, images: [new Int16Array(16).fill(9)], attributes: { StudyDate: '20200304', StudyTime: '101500' } }), { size: 8 }, { now: new Date(2025, 5, 6, 7, 8, 9) });
    const [a, b] = [normaliseDerived(await derived(), { lengthOnly: ['PixelData'] }), normaliseDerived(other.objects[0]!, { lengthOnly: ['PixelData'] })];
    expect(a.attributes['(7FE0,0010) OB PixelData']).toEqual(b.attributes['(7FE0,0010) OB PixelData']);
    expect(normaliseDerived(await derived()).attributes['(7FE0,0010) OB PixelData']).not.toEqual(normaliseDerived(other.objects[0]!).attributes['(7FE0,0010) OB PixelData']);
  });

  it('is the same for runs at other times', async () => {
    expect(normaliseDerived(await derived(new Date(2031, 11, 30, 23, 59, 58)))).toEqual(normaliseDerived(await derived()));
  });
});

describe('expectDerivedToMatchGolden', () => {
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    saved = { CI: process.env.CI, [UPDATE_GOLDEN_VARIABLE]: process.env[UPDATE_GOLDEN_VARIABLE] };
    delete process.env.CI;
    delete process.env[UPDATE_GOLDEN_VARIABLE];
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    vi.restoreAllMocks();
  });

  it('writes a missing golden on the first run, then compares with it', async () => {
    const path = join(mkdtempSync(join(scratch, 'g-')), 'golden', 'grey.json');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expectDerivedToMatchGolden(await derived(), path);
    expect(warn).toHaveBeenCalledWith(`golden file written: ${path} (review and commit it)`);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(normaliseDerived(await derived()));
    expectDerivedToMatchGolden(await derived(new Date(2030, 0, 1)), path);
  });

  it('fails on a difference, naming the file and how to update it', async () => {
    const path = join(scratch, 'grey-8.json');
    writeFileSync(path, JSON.stringify(normaliseDerived(await derived())));
    const other = await derived(undefined, 9);
    expect(() => expectDerivedToMatchGolden(other, path)).toThrow(`image ${other.sopInstanceUID} differs from ${path}; if the change is intended, run with ATRIUM_UPDATE_GOLDEN=1 (npm run golden:update) and commit the file`);
  });

  it('with ATRIUM_UPDATE_GOLDEN=1 writes the golden instead of comparing', async () => {
    const path = join(scratch, 'grey-update.json');
    writeFileSync(path, '{}');
    process.env[UPDATE_GOLDEN_VARIABLE] = '1';
    expectDerivedToMatchGolden(await derived(undefined, 9), path);
    expect(JSON.parse(readFileSync(path, 'utf8')).attributes['(0028,0010) US Rows']).toBe(9);
  });

  it('under CI=true, a missing golden fails and nothing is written', async () => {
    process.env.CI = 'true';
    const path = join(scratch, 'never.json');
    const object = await derived();
    expect(() => expectDerivedToMatchGolden(object, path)).toThrow(/is missing: run the tests with ATRIUM_UPDATE_GOLDEN=1 .*CI never writes goldens/);
    expect(existsSync(path)).toBe(false);
  });

  it('resolves a relative path against the package folder of the calling test file', async () => {
    const name = `golden-relative-${process.pid}.json`;
    const path = fileURLToPath(new URL(`../../${name}`, import.meta.url));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expectDerivedToMatchGolden(await derived(), name);
      expect(existsSync(path)).toBe(true);
    } finally {
      rmSync(path, { force: true });
    }
  });
});
