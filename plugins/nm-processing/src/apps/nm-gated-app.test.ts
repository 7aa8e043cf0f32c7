import { expectDerivedToMatchGolden, testPlugin } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { derivedVolumes } from '../test-support/derived-volume.js';
import { gatedPhantom } from '../test-support/gated-phantom.js';
import { correlation } from '../test-support/image-metrics.js';
import type { NmObject } from '../test-support/nm-object.js';
import { nmStudyIds } from '../test-support/nm-study-ids.js';
import { nmTestSeries } from '../test-support/nm-test-series.js';
import { tomoAcquisition } from '../test-support/tomo-acquisition.js';
import { Tag } from '@atrium/sdk';

// A GATED TOMO of 8 time slots: 48 × 24 frames of 6 mm, two heads, 20 views each of 9° (360°), CW.
const AXIS = [5, 10] as const;
const phantom = gatedPhantom(8);
const acquisition = tomoAcquisition({
  ids: nmStudyIds(11),
  phantom: phantom.slots,
  columns: 48,
  rows: 24,
  pixel: 6,
  detectors: [0, 180],
  viewsPerDetector: 20,
  step: 9,
  direction: 'CW',
  axis: AXIS,
  countsPerView: 400_000,
  seriesInstanceUID: '2.25.1101',
  sopInstanceUID: '2.25.1102',
});
const lvRegion = JSON.stringify({ center: [phantom.center[0] + AXIS[0], phantom.center[1] + AXIS[1], phantom.center[2]], radius: phantom.regionRadius });

interface GatedData { windows: { slotCounts: number[]; flaggedSlots: number[]; lvCurve: number[] | null }[] }

/** The plugin as the host loads it: its manifest checked, the code joined with it. */
const kit = testPlugin(new URL('../..', import.meta.url), plugin);

async function run(object: NmObject, raw: Record<string, unknown>) {
  const r = await kit.run('nm-gated', nmTestSeries([object]), raw);
  return { ...r, data: r.result.data as unknown as GatedData };
}

describe('nm-gated on a beating left ventricle (8 time slots)', () => {
  it('writes a RECON GATED TOMO of 8 × 24 frames (R-R Interval, Time Slot, Slice Vectors), a summed RECON TOMO and a QC page', async () => {
    const r = await run(acquisition, { method: 'osem', iterations: 3 });
    const gated = r.output('gated')[0]!;
    expect(gated.numberOfFrames).toBe(8 * 24);
    expect(gated.attribute('ImageType')).toEqual(['DERIVED', 'PRIMARY', 'RECON GATED TOMO', 'EMISSION']);
    expect(gated.attribute('FrameIncrementPointer')).toEqual([Tag.RRIntervalVector, Tag.TimeSlotVector, Tag.SliceVector]);
    expect(gated.numbers('TimeSlotVector').slice(22, 26)).toEqual([1, 1, 2, 2]);
    expect(gated.numbers('SliceVector').slice(22, 26)).toEqual([23, 24, 1, 2]);
    expect(gated.number('NumberOfTimeSlots')).toBe(8);
    expect(r.output('summed')[0]!.attribute('ImageType')).toEqual(['DERIVED', 'PRIMARY', 'RECON TOMO', 'EMISSION']);
    expect(r.output('qc')).toHaveLength(1);
    // The summed volume holds the counts of all slots: Σ slots ≈ sum (the same reconstruction, linear in the data for MLEM sums within 2 %).
    const slots = await derivedVolumes(gated);
    const [sum] = await derivedVolumes(r.output('summed')[0]!);
    const total = (d: Float32Array) => d.reduce((a, b) => a + b, 0);
    expect(Math.abs(slots.reduce((a, v) => a + total(v.data), 0) / total(sum!.data) - 1)).toBeLessThan(0.02);
  });

  it('follows the wall through the LV region: the curve correlates with the truth (r ≥ 0.9), end-systole in the right slot', async () => {
    const { data } = await run(acquisition, { method: 'osem', iterations: 3, lvRegion });
    const curve = data.windows[0]!.lvCurve!;
    const r = correlation(curve, phantom.regionTruth, curve.map(() => 1));
    console.log(`gated LV curve: ${curve.map((c) => Math.round(c)).join(' ')}; truth ${phantom.regionTruth.map((c) => Math.round(c)).join(' ')}; r ${r.toFixed(3)}`);
    expect(r).toBeGreaterThanOrEqual(0.9);
    expect(curve.indexOf(Math.max(...curve))).toBe(phantom.regionTruth.indexOf(Math.max(...phantom.regionTruth)));
    expect(data.windows[0]!.flaggedSlots).toEqual([]);
  });

  it('flags a time slot with 30 % fewer counts (beats lost to arrhythmia) and nothing else', async () => {
    const slotOf = acquisition.attributes.TimeSlotVector as number[];
    const frames = acquisition.frames.map((f, i) => (slotOf[i] === 6 ? Uint16Array.from(f, (v) => Math.round(v * 0.7)) : f));
    const { data, result } = await run({ attributes: acquisition.attributes, frames }, { method: 'fbp' });
    expect(data.windows[0]!.flaggedSlots).toEqual([6]);
    expect(result.summary).toMatch(/time slot\(s\) 6 flagged/);
  });

  it('refuses a TOMO (not gated) input, a malformed LV region and more subsets than views, naming why', async () => {
    const tomo = tomoAcquisition({ ids: nmStudyIds(11), phantom: phantom.slots[0]!, columns: 16, rows: 8, pixel: 12, detectors: [0], viewsPerDetector: 20, step: 18, direction: 'CW', countsPerView: 1000, seriesInstanceUID: '2.25.1', sopInstanceUID: '2.25.2' });
    await expect(run(tomo, {})).rejects.toMatchObject({ code: 'ATRIUM_ERR_APP_INPUT', message: expect.stringContaining('does not match "GATED TOMO"') });
    await expect(run(acquisition, { lvRegion: '{"centre":[0,0,0],"radius":10}' })).rejects.toThrow(/unknown key\(s\) centre/);
    await expect(run(acquisition, { subsets: 41 })).rejects.toThrow(/parameter "subsets" must be at most the number of views, 40 \(got 41\)/);
  });

  it('refuses an image whose Image Type holds GATED TOMO in another value than the third, which the input selector lets through', async () => {
    const lying = { attributes: { ...acquisition.attributes, ImageType: ['GATED TOMO', 'PRIMARY', 'TOMO', 'EMISSION'] }, frames: acquisition.frames };
    await expect(run(lying, {})).rejects.toMatchObject({ code: 'ATRIUM_ERR_NM_REFUSED', message: expect.stringMatching(/Image Type value 3 TOMO; nm-gated takes GATED TOMO/) });
  });
});

describe('nm-gated: the objects it writes, pinned by golden files', () => {
  // A small GATED TOMO: 4 time slots, 24 × 8 frames of 12 mm, 2 × 10 views of 18°, the rotation axis at the patient's origin.
  const four = gatedPhantom(4);
  const small = tomoAcquisition({
    ids: nmStudyIds(12), phantom: four.slots, columns: 24, rows: 8, pixel: 12, detectors: [0, 180], viewsPerDetector: 10, step: 18, direction: 'CW',
    countsPerView: 40_000, noiseSeed: 4, seriesInstanceUID: '2.25.1201', sopInstanceUID: '2.25.1202',
  });

  it('writes what the golden files hold: the gated volumes, the summed volume and the quality-control page', async () => {
    const r = await testPlugin(new URL('../..', import.meta.url), plugin).run('nm-gated', nmTestSeries([small]), {
      method: 'osem', iterations: 2, subsets: 5, lvRegion: JSON.stringify({ center: four.center, radius: four.regionRadius }),
    });
    expect(r.objects.map((o) => o.output)).toEqual(['gated', 'summed', 'qc']);
    expectDerivedToMatchGolden(r.output('gated')[0]!, 'golden/nm-gated-gated.json');
    expectDerivedToMatchGolden(r.output('summed')[0]!, 'golden/nm-gated-summed.json');
    expectDerivedToMatchGolden(r.output('qc')[0]!, 'golden/nm-gated-qc.json');
  });
});
