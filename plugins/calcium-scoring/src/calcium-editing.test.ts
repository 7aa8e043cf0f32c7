import { describe, expect, it } from 'vitest';
import { calciumSeries, pixelToPatient, type CalciumBox } from './test-support/calcium-series.js';
import { runCalcium } from './test-support/run-calcium.js';

// 64×64 slices of 0.5 mm (0.25 mm² a pixel), 3 mm apart. A plaque across the LM / LAD bifurcation
// on slices 3 and 4 (instances 4 and 5), one connected component on each slice:
//   LM part:  rows 20–23, columns 10–17: 4 × 8 = 32 px = 8 mm² at 300 HU (weight 3)
//   LAD part: rows 20–23, columns 18–27: 4 × 10 = 40 px = 10 mm² at 450 HU (weight 4)
// Hand computation, split at column 17/18: LM 8 mm² × 3 × 2 slices = 48, volume 8 × 3 × 2 = 48 mm³;
//                                          LAD 10 mm² × 4 × 2 slices = 80, volume 10 × 3 × 2 = 60 mm³.
// Whole (one seed): 18 mm², peak 450 → weight 4: 18 × 4 × 2 = 144.
const LM_PART: CalciumBox = { slices: [3, 4], row: 20, column: 10, height: 4, width: 8, hu: 300 };
const LAD_PART: CalciumBox = { slices: [3, 4], row: 20, column: 18, height: 4, width: 10, hu: 450 };
// A calcified valve ring nobody should score: 6×6 px at 500 HU on slice 7 (instance 8).
const VALVE: CalciumBox = { slices: [7], row: 50, column: 40, height: 6, width: 6, hu: 500 };
const input = calciumSeries({ boxes: [LM_PART, LAD_PART, VALVE] });

// The LM roi in patient mm: columns 10–17 → x −3 … 0.5, rows 20–23 → y 2 … 3.5 (x = −8 + 0.5 c, y = −8 + 0.5 r).
const LM_ROI = { box: [-3, 2, 0.5, 3.5] };
// The LAD roi in pixels: [column0, row0, column1, row1].
const LAD_ROI = { units: 'pixels', box: [18, 20, 27, 23] };
const lm = { artery: 'LM', at: pixelToPatient(3, 21, 12), roi: LM_ROI };
const lad = { artery: 'LAD', instanceNumber: 4, row: 21, column: 25, roi: LAD_ROI };
const scores = (data: Awaited<ReturnType<typeof runCalcium>>['data']) => Object.fromEntries(data.arteries.map((a) => [a.artery, [a.agatston, a.volumeMm3, a.lesions]]));

describe('calcium scoring: editing lesions as a reader does', () => {
  it('one seed takes the whole bifurcation plaque; a second seed of another artery on it conflicts', async () => {
    const whole = await runCalcium(input, { seeds: JSON.stringify([{ artery: 'LM', at: pixelToPatient(3, 21, 12) }]) });
    expect(scores(whole.data).LM).toEqual([144, 108, 1]);
    await expect(runCalcium(input, { seeds: JSON.stringify([{ artery: 'LM', at: pixelToPatient(3, 21, 12) }, { artery: 'LAD', instanceNumber: 4, row: 21, column: 25 }]) }))
      .rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_SEED_CONFLICT', message: expect.stringContaining('give the seeds rois to split the region') });
  });

  it('two seeds with rois (a box in mm, a box in pixels) split it into LM and LAD, as computed by hand', async () => {
    const { data, sr } = await runCalcium(input, { seeds: JSON.stringify([lm, lad]) });
    expect(scores(data)).toEqual({ LM: [48, 48, 1], LAD: [80, 60, 1], LCX: [0, 0, 0], RCA: [0, 0, 0] });
    expect(data.total).toEqual({ agatston: 128, volumeMm3: 108, lesions: 2 });
    expect(data.lesions.filter((l) => l.scored).map((l) => [l.artery, l.instanceNumber, l.areaMm2, l.peakHu, l.weight, l.agatston])).toEqual([
      ['LM', 4, 8, 300, 3, 24], ['LAD', 4, 10, 450, 4, 40], ['LM', 5, 8, 300, 3, 24], ['LAD', 5, 10, 450, 4, 40],
    ]);
    expect(sr.string('CompletionFlag')).toBe('COMPLETE');
  });

  it('a seed without roi takes what another artery\'s seed left; a polygon roi limited to one slice takes that slice only', async () => {
    const rest = await runCalcium(input, { seeds: JSON.stringify([lm, { artery: 'LAD', instanceNumber: 4, row: 21, column: 25 }]) });
    expect(scores(rest.data).LAD).toEqual([80, 60, 1]);
    const polygon = { units: 'pixels', polygon: [[17.5, 19], [28, 19], [28, 24], [17.5, 24]], slices: [4, 4] };
    const one = await runCalcium(input, { seeds: JSON.stringify([lm, { ...lad, roi: polygon }]) });
    expect(scores(one.data).LAD).toEqual([40, 30, 1]);
    expect(scores(one.data).LM).toEqual([48, 48, 1]);
  });

  it('an exclusion seed removes calcium from scoring; a seed on excluded calcium misses', async () => {
    // Exclude the LAD part (its roi): one LM seed without roi then takes only the LM part.
    const excluded = await runCalcium(input, { seeds: JSON.stringify([{ exclude: true, instanceNumber: 4, row: 21, column: 25, roi: LAD_ROI }, { artery: 'LM', at: pixelToPatient(3, 21, 12) }]) });
    expect(scores(excluded.data).LM).toEqual([48, 48, 1]);
    expect(excluded.data.lesions.filter((l) => l.excluded).map((l) => [l.instanceNumber, l.areaMm2])).toEqual([[4, 10], [5, 10]]);
    // The valve, excluded whole: listed as excluded, not as a candidate.
    const valve = await runCalcium(input, { seeds: JSON.stringify([lm, lad, { exclude: true, instanceNumber: 8, row: 52, column: 42 }]) });
    expect(valve.data.total!.agatston).toBe(128);
    expect(valve.data.regions.map((r) => [r.artery ?? null, r.excluded ?? false])).toEqual([['LM', false], ['LAD', false], [null, true]]);
    await expect(runCalcium(input, { seeds: JSON.stringify([{ exclude: true, instanceNumber: 8, row: 52, column: 42 }, { artery: 'LCX', instanceNumber: 8, row: 53, column: 43 }]) }))
      .rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_SEED_MISS', message: expect.stringContaining('was removed by an exclusion seed') });
  });

  it('refuses a seed outside its own roi, and rois that are not boxes or polygons, naming the seed and field', async () => {
    await expect(runCalcium(input, { seeds: JSON.stringify([{ ...lad, roi: LM_ROI }]) })).rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_SEED_MISS', message: expect.stringContaining("outside the seed's own roi") });
    for (const [roi, why] of [
      [{ box: [1, 2, 3] }, 'roi "box" must be [x0, y0, x1, y1]'],
      [{ polygon: [[1, 2], [3, 4]] }, 'roi "polygon" must be at least 3 points'],
      [{ box: [1, 2, 3, 4], polygon: [[1, 2], [3, 4], [5, 6]] }, 'a roi has either "box" or "polygon"'],
      [{ box: [1, 2, 3, 4], units: 'cm' }, 'roi "units" must be "mm" or "pixels"'],
      [{ box: [1, 2, 3, 4], slice: [1, 2] }, '"slice" is not a field of a roi'],
    ] as const) {
      await expect(runCalcium(input, { seeds: JSON.stringify([{ ...lad, roi }]) }), why).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', message: expect.stringContaining(`seed 1 (LAD): ${why}`) });
    }
  });
});
