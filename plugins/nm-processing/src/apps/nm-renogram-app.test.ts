import type { DicomItem } from '@atrium/sdk';
import { expectDerivedToMatchGolden, testPlugin } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { dynamicRenogram } from '../test-support/dynamic-acquisition.js';
import type { NmObject } from '../test-support/nm-object.js';
import { nmStudyIds } from '../test-support/nm-study-ids.js';
import { nmTestSeries } from '../test-support/nm-test-series.js';

interface KidneyData { splitPercent: number; tmaxMin: number; tHalfMin: number | null; tHalfDiureticMin: number | null; ratio20: number | null }

/** The plugin as the host loads it: its manifest checked, the code joined with it. */
const kit = testPlugin(new URL('../..', import.meta.url), plugin);

async function run(object: NmObject, raw: Record<string, unknown> = {}) {
  const r = await kit.run('nm-renogram', nmTestSeries([object]), raw);
  return { ...r, data: r.result.data as unknown as { left: KidneyData; right: KidneyData; rois: { source: string }; diuretic: { minute: number } | null } };
}

const frameOf = (times: readonly number[], minute: number) => times.findIndex((t) => Math.abs(t / 60 - minute) < 1e-9);

describe('nm-renogram on a synthetic dynamic study with gamma-variate kidneys of known split 40 / 60', () => {
  const study = dynamicRenogram({ ids: nmStudyIds(9), seriesInstanceUID: '2.25.901', sopInstanceUID: '2.25.902' });
  const noisy = dynamicRenogram({ ids: nmStudyIds(9), seriesInstanceUID: '2.25.901', sopInstanceUID: '2.25.903', noiseSeed: 4 });

  it.each([
    ['noise-free, ROIs proposed automatically', study],
    ['with Poisson noise, ROIs proposed automatically', noisy],
  ])('%s: split within 1 percentage point, Tmax within one frame, T½ after the diuretic found', async (label, s) => {
    const { data, objects } = await run(s.object);
    console.log(`renogram ${label}: split L ${data.left.splitPercent.toFixed(2)} % / R ${data.right.splitPercent.toFixed(2)} % (expected ${s.expectedSplitLeft} / ${100 - s.expectedSplitLeft}); Tmax L ${data.left.tmaxMin.toFixed(2)} R ${data.right.tmaxMin.toFixed(2)} min`);
    expect(data.rois.source).toBe('automatic');
    expect(Math.abs(data.left.splitPercent - s.expectedSplitLeft)).toBeLessThanOrEqual(1);
    expect(Math.abs(data.right.splitPercent - (100 - s.expectedSplitLeft))).toBeLessThanOrEqual(1);
    expect(Math.abs(frameOf(s.times, data.left.tmaxMin) - s.expectedTmaxFrame.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(frameOf(s.times, data.right.tmaxMin) - s.expectedTmaxFrame.right)).toBeLessThanOrEqual(1);
    expect(data.diuretic?.minute).toBe(10);
    expect(data.right.tHalfDiureticMin).not.toBeNull();
    expect(objects.map((o) => o.output)).toEqual(['page', 'sr']);
  });

  it('gives the same split with the regions given in mm (ellipses around the kidneys, a background ellipse)', async () => {
    const mm = (p: number) => p * 6.8;
    const rois = JSON.stringify({
      left: { shape: 'ellipse', center: [mm(42), mm(34)], radii: [mm(6.5), mm(9.5)], units: 'mm' },
      right: { shape: 'ellipse', center: [mm(21), mm(33)], radii: [mm(6.5), mm(9.5)], units: 'mm' },
      background: { shape: 'ellipse', center: [mm(31.5), mm(52)], radii: [mm(6), mm(3)], units: 'mm' },
    });
    const { data } = await run(study.object, { rois });
    expect(data.rois.source).toBe('given');
    expect(Math.abs(data.left.splitPercent - 40)).toBeLessThanOrEqual(1);
  });

  it('writes an SR with each kidney\'s split, Tmax and T½ as NUMs in UCUM units, a missing value qualified, never zero', async () => {
    const sr = (await run(study.object, { diuretic: 'none' })).output('sr')[0]!;
    const kids = (sr.attribute('ContentSequence') as readonly DicomItem[]).slice(0, 2);
    const code = (i: DicomItem) => ((i.ConceptNameCodeSequence as readonly DicomItem[])[0]!.CodeValue as string);
    expect(kids.map(code)).toEqual(['18639004', '9846003']);
    const nums = (kids[0]!.ContentSequence as readonly DicomItem[]);
    expect(nums.map(code)).toEqual(['RENO-SPLIT', 'RENO-TMAX', 'RENO-THALF', 'RENO-THALF-DIUR', 'RENO-R20']);
    const split = (nums[0]!.MeasuredValueSequence as readonly DicomItem[])[0]!;
    expect((split.MeasurementUnitsCodeSequence as readonly DicomItem[])[0]!.CodeValue).toBe('%');
    expect(Math.abs((split.NumericValue as number) - 40)).toBeLessThanOrEqual(1);
    // No diuretic: T½ after it is a NUM without value, qualified "Measurement not attempted".
    expect(nums[3]!.MeasuredValueSequence ?? []).toHaveLength(0);
    expect((nums[3]!.NumericValueQualifierCodeSequence as readonly DicomItem[])[0]!.CodeValue).toBe('114007');
  });

  it('refuses regions that overlap, a misspelt region and a study without phase information, naming why', async () => {
    const e = { shape: 'ellipse', center: [30, 30], radii: [5, 5] };
    await expect(run(study.object, { rois: JSON.stringify({ left: e, right: e, background: e }) })).rejects.toThrow(/overlap/);
    await expect(run(study.object, { rois: JSON.stringify({ left: e, rigth: e, background: e }) })).rejects.toThrow(/unknown region\(s\) rigth/);
    await expect(run(study.object, { rois: '{not json' })).rejects.toThrow(/rois is not JSON/);
    const { PhaseInformationSequence: _, ...rest } = study.object.attributes;
    await expect(run({ attributes: rest, frames: study.object.frames })).rejects.toMatchObject({ code: 'ATRIUM_ERR_APP_LOAD_MANDATORY', message: expect.stringContaining('Mandatory attribute PhaseInformationSequence (0054,0032) is missing') });
  });

  it('refuses an image whose Image Type holds DYNAMIC in another value than the third, which the input selector lets through', async () => {
    const lying = { attributes: { ...study.object.attributes, ImageType: ['ORIGINAL', 'DYNAMIC', 'STATIC', 'EMISSION'] }, frames: study.object.frames };
    await expect(run(lying)).rejects.toMatchObject({ code: 'ATRIUM_ERR_NM_REFUSED', message: expect.stringMatching(/Image Type value 3 STATIC; nm-renogram takes DYNAMIC/) });
    const stat = { attributes: { ...study.object.attributes, ImageType: ['ORIGINAL', 'PRIMARY', 'STATIC', 'EMISSION'] }, frames: study.object.frames };
    await expect(run(stat)).rejects.toMatchObject({ code: 'ATRIUM_ERR_APP_INPUT', message: expect.stringContaining('does not match "DYNAMIC"') });
  });

  it('writes what the golden files hold: the renogram page and the structured report', async () => {
    const r = await testPlugin(new URL('../..', import.meta.url), plugin).run('nm-renogram', nmTestSeries([study.object]), {});
    expectDerivedToMatchGolden(r.output('page')[0]!, 'golden/nm-renogram-page.json');
    expectDerivedToMatchGolden(r.output('sr')[0]!, 'golden/nm-renogram-sr.json');
  });
});
