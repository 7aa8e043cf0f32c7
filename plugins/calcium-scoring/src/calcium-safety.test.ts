import { describe, expect, it } from 'vitest';
import { calciumSeries, pixelToPatient, type CalciumBox } from './test-support/calcium-series.js';
import { runCalcium } from './test-support/run-calcium.js';

// 64×64 slices of 0.5 mm pixels (0.25 mm²), 3 mm thick every 3 mm, 120 kVp (the kit's CT defaults).
// LAD: 4×4 px = 4 mm² at 250 HU (weight 2) on slices 3 and 4 → Agatston 2 × 4 × 2 = 16.
const LAD: CalciumBox = { slices: [3, 4], row: 40, column: 10, height: 4, width: 4, hu: 250 };
const SEEDS = JSON.stringify([{ artery: 'LAD', instanceNumber: 4, row: 41, column: 11 }]);

describe('calcium scoring: gaps between slices', () => {
  it('refuses 3 mm slices every 6 mm, naming both values and the instance', async () => {
    const gappy = calciumSeries({ boxes: [LAD], increment: 6, override: () => ({ SliceThickness: 3 }) });
    await expect(runCalcium(gappy, { seeds: SEEDS })).rejects.toMatchObject({
      code: 'ATRIUM_ERR_CALCIUM_GAP',
      message: expect.stringMatching(/the slice increment 6 mm \(from Image Position \(Patient\)\) is larger than the Slice Thickness 3 mm \(instance 1 2\.25\.[\d.]+\): 3 mm between slices is not imaged/),
      details: { increment: 6, sliceThickness: 3 },
    });
  });

  it('refuses a missing or changing Slice Thickness, naming the instance', async () => {
    await expect(runCalcium(calciumSeries({ boxes: [LAD], override: (i) => (i === 2 ? { SliceThickness: undefined } : {}) }), { seeds: SEEDS }))
      .rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_GAP', message: expect.stringMatching(/instance 3 2\.25\.[\d.]+ has no usable Slice Thickness/) });
    await expect(runCalcium(calciumSeries({ boxes: [LAD], override: (i) => (i === 5 ? { SliceThickness: 5 } : {}) }), { seeds: SEEDS }))
      .rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_GAP', message: expect.stringMatching(/Slice Thickness 5 mm of instance 6 .* differs from 3 mm of instance 1/) });
  });

  it('scores overlapping slices (scaled by increment / 3) and labels them non-standard; 3 mm contiguous is standard', async () => {
    // 3 mm slices every 1.5 mm: LAD 2 slices × 4 mm² × 2 × 1.5 / 3 = 8
    const { data, warnings, sr } = await runCalcium(calciumSeries({ boxes: [LAD], increment: 1.5, override: () => ({ SliceThickness: 3 }) }), { seeds: SEEDS });
    expect(data.total!.agatston).toBe(8);
    expect(data.protocol).toEqual({ sliceThickness: 3, increment: 1.5, nonStandard: ['overlapping slices (increment 1.5 mm < thickness 3 mm)'] });
    expect(warnings).toContain('non-standard protocol (not comparable with published categories): overlapping slices (increment 1.5 mm < thickness 3 mm)');
    const texts = (sr.attribute('ContentSequence') as { TextValue?: string }[]).map((i) => i.TextValue).filter(Boolean);
    expect(texts).toContain('Not comparable with published categories: overlapping slices (increment 1.5 mm < thickness 3 mm)');
    expect(texts).toContain('slice thickness 3 mm, increment 1.5 mm, 120 kVp, kernel unknown');
    const standard = await runCalcium(calciumSeries({ boxes: [LAD] }), { seeds: SEEDS });
    expect(standard.data.protocol.nonStandard).toEqual([]);
    const thin = await runCalcium(calciumSeries({ boxes: [LAD], increment: 1.25 }), { seeds: SEEDS });
    expect(thin.data.protocol.nonStandard).toEqual(['1.25 mm slices (published categories: 2.5-3 mm)']);
  });
});

describe('calcium scoring: tube voltage', () => {
  it('at 100 kVp takes 147 HU (Nakazato 2009) and scales the weight bands by 147/130', async () => {
    // 220 HU: a candidate at 147 HU, weight 1 below 226 HU (at 120 kVp it would be weight 2): 4 mm² × 1 × 2 slices = 8.
    // 140 HU: below 147 HU, not calcium at 100 kVp.
    const boxes: CalciumBox[] = [{ ...LAD, hu: 220 }, { slices: [6], row: 10, column: 40, height: 4, width: 4, hu: 140 }];
    const { data } = await runCalcium(calciumSeries({ boxes, override: () => ({ KVP: 100 }) }), { seeds: SEEDS });
    expect(data.method).toMatchObject({ threshold: 147, kvp: 100, weightScale: 1.131, thresholdSource: 'kVp table: 100 kVp, Nakazato et al., J Cardiovasc Comput Tomogr 2009;3:394-400' });
    expect(data.lesions.map((l) => [l.instanceNumber, l.peakHu, l.weight, l.agatston])).toEqual([[4, 220, 1, 4], [5, 220, 1, 4]]);
    expect(data.total!.agatston).toBe(8);
    await expect(runCalcium(calciumSeries({ boxes, override: () => ({ KVP: 100 }) }), { seeds: JSON.stringify([{ artery: 'LCX', instanceNumber: 7, row: 11, column: 41 }]) }))
      .rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_SEED_MISS' });
  });

  it('refuses a kVp without a threshold in the table, naming the instance, unless a threshold is given', async () => {
    const at80 = calciumSeries({ boxes: [LAD], override: () => ({ KVP: 80 }) });
    await expect(runCalcium(at80, { seeds: SEEDS })).rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_KVP', message: expect.stringMatching(/instance 1 2\.25\.[\d.]+ was acquired at 80 kVp, .*Give kvpThreshold=false and a threshold/) });
    const mixed = calciumSeries({ boxes: [LAD], override: (i) => (i === 4 ? { KVP: 100 } : {}) });
    await expect(runCalcium(mixed, { seeds: SEEDS })).rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_KVP', message: expect.stringMatching(/instance 5 .* has KVP 100, instance 1 .* 120/) });
    const given = await runCalcium(at80, { seeds: SEEDS, kvpThreshold: false, threshold: 130 });
    expect([given.data.method.threshold, given.data.method.weightScale, given.data.total!.agatston]).toEqual([130, 1, 16]);
  });
});

describe('calcium scoring: contrast', () => {
  it('refuses a Contrast/Bolus Agent, naming the instance, unless allowContrast; "NONE" is no agent', async () => {
    const enhanced = calciumSeries({ boxes: [LAD], override: (i) => (i === 3 ? { ContrastBolusAgent: 'IOPAMIDOL' } : {}) });
    await expect(runCalcium(enhanced, { seeds: SEEDS })).rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_CONTRAST', message: expect.stringMatching(/instance 4 2\.25\.[\d.]+ names a Contrast\/Bolus Agent \("IOPAMIDOL"\)/) });
    expect((await runCalcium(enhanced, { seeds: SEEDS, allowContrast: true })).data.total!.agatston).toBe(16);
    expect((await runCalcium(calciumSeries({ boxes: [LAD], override: () => ({ ContrastBolusAgent: 'NONE' }) }), { seeds: SEEDS })).data.total!.agatston).toBe(16);
  });

  it('refuses an iodine blood pool above the threshold (a uniform 400 mm² region at 300 HU) unless allowContrast', async () => {
    // 128×128 px of 0.5 mm: an "aorta" of 40×40 px = 400 mm² at 300 HU on every slice.
    const aorta: CalciumBox = { slices: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], row: 70, column: 70, height: 40, width: 40, hu: 300 };
    const input = calciumSeries({ size: 128, boxes: [LAD, aorta] });
    await expect(runCalcium(input, { seeds: SEEDS })).rejects.toMatchObject({
      code: 'ATRIUM_ERR_CALCIUM_CONTRAST',
      message: expect.stringMatching(/instance 1 2\.25\.[\d.]+ has a uniform region of 400 mm² at mean 300 HU \(SD 0\) around row 90, column 90: a blood pool above the 130 HU threshold, so iodine/),
    });
    expect((await runCalcium(input, { seeds: SEEDS, allowContrast: true })).data.total!.agatston).toBe(16);
  });
});

describe('calcium scoring: implausible regions', () => {
  // 128×128 px, 40 slices of 3 mm. A "sternum": 24 × 52 px = 312 mm² at 700 HU through all 40 slices.
  const sternum: CalciumBox = { slices: Array.from({ length: 40 }, (_, i) => i), row: 4, column: 30, height: 24, width: 52, hu: 700 };
  // An LM → LAD plaque 25 mm long over 8 slices: 4×4 px (4 mm²) at 250 HU stepping 1 px a slice, slices 10–17 (24 mm along the normal).
  const plaque: CalciumBox[] = Array.from({ length: 8 }, (_, k) => ({ slices: [10 + k], row: 80 + k, column: 60 + k, height: 4, width: 4, hu: 250 }));
  const input = calciumSeries({ slices: 40, size: 128, boxes: [sternum, ...plaque] });

  it('refuses a seed on the sternum with the region\'s size, and scores it only when the user overrides', async () => {
    const seeds = JSON.stringify([{ artery: 'LAD', at: pixelToPatient(20, 10, 50) }]);
    await expect(runCalcium(input, { seeds })).rejects.toMatchObject({
      code: 'ATRIUM_ERR_CALCIUM_IMPLAUSIBLE_REGION',
      message: expect.stringMatching(/^seed 1 \(LAD at \[17, -3, 30\]\) selects a region that cannot be a coronary lesion: 312 mm² on one slice \(limit 200 mm², parameter maxLesionAreaMm2\); 120 mm along the slices \(40 slices; limit 60 mm, parameter maxLesionExtentMm\); largest on instance 21\./),
      details: { seed: 1, artery: 'LAD', areaMm2: 312, slices: 40, extentMm: 120 },
    });
    // 312 mm² × weight 4 × 40 slices = 49,920
    const forced = await runCalcium(input, { seeds, allowImplausibleRegions: true });
    expect(forced.data.arteries.find((a) => a.artery === 'LAD')!.agatston).toBe(49920);
  });

  it('accepts a 25 mm LM → LAD plaque over 8 slices: 8 × 4 mm² × weight 2 = 64', async () => {
    const seeds = JSON.stringify([{ artery: 'LAD', instanceNumber: 14, row: 84, column: 64 }]);
    const { data } = await runCalcium(input, { seeds });
    expect(data.arteries.find((a) => a.artery === 'LAD')).toEqual({ artery: 'LAD', agatston: 64, volumeMm3: 96, lesions: 1 });
    expect(data.regions.filter((r) => r.artery === undefined)).toHaveLength(1); // the sternum, listed, not scored
  });

  it('takes the limits as parameters', async () => {
    const seeds = JSON.stringify([{ artery: 'LAD', instanceNumber: 14, row: 84, column: 64 }]);
    await expect(runCalcium(input, { seeds, maxLesionExtentMm: 20 })).rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_IMPLAUSIBLE_REGION', message: expect.stringContaining('24 mm along the slices (8 slices; limit 20 mm') });
  });
});
