import { describe, expect, it } from 'vitest';
import { scoreCalcium } from './score-calcium.js';
import { phantomStack } from './testing/phantom.js';
import type { ScoringParams } from './types.js';

// Default phantom: 16×16 pixels of 0.5 × 0.5 mm (0.25 mm² each), axial, z = 0, 3, 6, … (increment 3 mm), background 0 HU.
const params = (over: Partial<ScoringParams> = {}): ScoringParams => ({
  threshold: 130, connectivity: 8, minAreaMode: 'literature', seeds: [], ...over,
});
const lad = (row: number, column: number, instanceNumber = 1) => ({ artery: 'LAD' as const, instanceNumber, row, column });

describe('scoreCalcium: HU boundaries', () => {
  it('includes pixels ≥ threshold: 129 is out, 130 is in', () => {
    const ph = phantomStack({ slices: 2 });
    ph.box(0, 2, 2, 2, 2, 150); // 4 px = 1 mm²
    ph.set(0, 2, 4, 129); // touching, below threshold
    ph.set(0, 3, 4, 130); // touching, at threshold
    const [lesion] = scoreCalcium(ph.slices, params()).lesions;
    // 4 + 1 pixels = 1.25 mm²; mean (4·150 + 130) / 5 = 146
    expect(lesion).toMatchObject({ pixels: 5, areaMm2: 1.25, peakHu: 150, meanHu: 146 });
    ph.box(1, 8, 8, 2, 2, 129);
    expect(scoreCalcium(ph.slices, params()).lesions).toHaveLength(1); // the 129 HU box of slice 1 is no lesion
  });

  it('weights the peak: 130/199 → 1, 200/299 → 2, 300/399 → 3, 400 → 4; Agatston = 1 mm² × w × 3 / 3 = w', () => {
    for (const [peak, w] of [[130, 1], [199, 1], [200, 2], [299, 2], [300, 3], [399, 3], [400, 4]] as const) {
      const ph = phantomStack({ slices: 2 });
      ph.box(0, 2, 2, 2, 2, 130);
      ph.set(0, 3, 3, peak);
      const s = scoreCalcium(ph.slices, params({ seeds: [lad(2, 2)] }));
      expect(s.lesions[0], `peak ${peak}`).toMatchObject({ peakHu: peak, weight: w, agatston: w });
      expect(s.total.agatston, `peak ${peak}`).toBe(w);
    }
  });
});

describe('scoreCalcium: minimum area', () => {
  // On slice 0, four separated lesions: 4 px = 1 mm², 3 px = 0.75 mm², 2 px = 0.5 mm², 1 px = 0.25 mm²
  const ph = phantomStack({ slices: 2 });
  ph.box(0, 0, 0, 2, 2, 200);
  ph.box(0, 4, 0, 1, 3, 200);
  ph.box(0, 8, 0, 1, 2, 200);
  ph.set(0, 12, 0, 200);
  const kept = (minAreaMode: ScoringParams['minAreaMode']) => scoreCalcium(ph.slices, params({ minAreaMode })).lesions.map((l) => l.pixels);
  it('literature and ge keep ≥ 1 mm² (4 px)', () => {
    expect(kept('literature')).toEqual([4]);
    expect(kept('ge')).toEqual([4]);
  });
  it('philips keeps ≥ 0.5 mm² (4, 3, 2 px)', () => expect(kept('philips')).toEqual([4, 3, 2]));
  it('canon keeps ≥ 3 pixels', () => expect(kept('canon')).toEqual([4, 3]));
  it('siemens keeps everything', () => expect(kept('siemens')).toEqual([4, 3, 2, 1]));
});

describe('scoreCalcium: connectivity', () => {
  // two 2×2 boxes touching only at a corner: rows 2-3 × columns 2-3 and rows 4-5 × columns 4-5
  const ph = phantomStack({ slices: 2 });
  ph.box(0, 2, 2, 2, 2, 300);
  ph.box(0, 4, 4, 2, 2, 300);
  it('8-connectivity: one lesion of 8 px (2 mm²)', () => {
    expect(scoreCalcium(ph.slices, params({ connectivity: 8 })).lesions.map((l) => l.areaMm2)).toEqual([2]);
  });
  it('4-connectivity: two lesions of 1 mm²', () => {
    expect(scoreCalcium(ph.slices, params({ connectivity: 4 })).lesions.map((l) => l.areaMm2)).toEqual([1, 1]);
  });
});

describe('scoreCalcium: 3-D regions and slice increment', () => {
  it('a lesion over 3 slices is one region; its score is the sum of its slices', () => {
    const ph = phantomStack({ slices: 5 });
    [150, 250, 450].forEach((hu, k) => ph.box(k + 1, 4, 6, 2, 2, hu)); // slices 1, 2, 3; weights 1, 2, 4
    // seed in mm on slice 2 (z = 6): x = column·0.5, y = row·0.5 → [3.2, 2.1, 6.4] → row round(4.2) = 4, column round(6.4) = 6
    const s = scoreCalcium(ph.slices, params({ seeds: [{ artery: 'RCA', at: [3.2, 2.1, 6.4] }] }));
    expect(s.regions).toEqual([{ id: 1, lesions: [0, 1, 2], sliceIndices: [1, 2, 3], artery: 'RCA' }]);
    expect(s.lesions.map((l) => [l.sliceIndex, l.region, l.artery, l.agatston])).toEqual([[1, 1, 'RCA', 1], [2, 1, 'RCA', 2], [3, 1, 'RCA', 4]]);
    // Agatston 1 mm² × (1 + 2 + 4) × 3/3 = 7; volume 3 × 1 mm² × 3 mm = 9 mm³; one region
    expect(s.arteries.find((a) => a.artery === 'RCA')).toEqual({ artery: 'RCA', agatston: 7, volumeMm3: 9, lesions: 1 });
    expect(s.total).toEqual({ agatston: 7, volumeMm3: 9, lesions: 1 });
    expect(s.lesions[1]).toMatchObject({ sopInstanceUID: '1.2.3.3', centroidPixel: [4.5, 6.5], centroid: [3.25, 2.25, 6] });
    expect([...s.lesions[1]!.pixelIndices]).toEqual([4 * 16 + 6, 4 * 16 + 7, 5 * 16 + 6, 5 * 16 + 7]);
  });

  it('scales by increment / 3 with the increment from positions: 1.5 → 0.5, 2.5 → 0.8333…, 3 → 1, descending z too', () => {
    // 1 mm², peak 150 (weight 1): Agatston = 1 × 1 × increment / 3. Slice Thickness is not an input at all: 1.5 mm
    // increments of 3 mm thick (overlapping) slices score with 1.5.
    for (const [increment, expected] of [[1.5, 0.5], [2.5, 2.5 / 3], [3, 1], [-2.5, 2.5 / 3], [-1.5, 0.5]] as const) {
      const ph = phantomStack({ slices: 3, increment, z0: 100 });
      ph.box(1, 4, 4, 2, 2, 150);
      const s = scoreCalcium(ph.slices, params({ seeds: [lad(4, 4, 2)] }));
      expect(s.sliceIncrement, `increment ${increment}`).toBe(Math.abs(increment));
      expect(s.total.agatston, `increment ${increment}`).toBeCloseTo(expected, 12);
      expect(s.total.volumeMm3, `increment ${increment}`).toBe(Math.abs(increment)); // 1 mm² × |increment|
    }
  });

  it('isotropic volume interpolates between slices (slab gives area × increment)', () => {
    // increment 2 mm, pixels 0.5 mm → 4 sub-planes at ±0.125 and ±0.375 of the increment. A 4-px 200 HU lesion alone on
    // slice 1 with 0 HU neighbours: 0.875·200 = 175 ≥ 130 (kept), 0.625·200 = 125 < 130 (dropped) → 2 sub-planes ×
    // 1 mm² × 0.5 mm = 1 mm³ (slab: 2 mm³).
    const ph = phantomStack({ slices: 3, increment: 2 });
    ph.box(1, 4, 4, 2, 2, 200);
    const iso = scoreCalcium(ph.slices, params({ seeds: [lad(4, 4, 2)], volumeMode: 'isotropic' }));
    expect(iso.total.volumeMm3).toBe(1);
    expect(scoreCalcium(ph.slices, params({ seeds: [lad(4, 4, 2)] })).total.volumeMm3).toBe(2);
    // a 200 HU column through all 3 slices: every sub-plane keeps its 4 px → 3 × 1 mm² × 2 mm = 6 mm³, as the slab
    ph.box(0, 4, 4, 2, 2, 200);
    ph.box(2, 4, 4, 2, 2, 200);
    expect(scoreCalcium(ph.slices, params({ seeds: [lad(4, 4, 2)], volumeMode: 'isotropic' })).total.volumeMm3).toBe(6);
  });
});

describe('scoreCalcium: input errors', () => {
  it('refuses empty input and slices of different sizes', () => {
    expect(() => scoreCalcium([], params())).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_CALCIUM_INPUT' }));
    const a = phantomStack({ slices: 1 }).slices[0]!;
    const b = phantomStack({ slices: 2, rows: 8 }).slices[1]!;
    expect(() => scoreCalcium([a, b], params())).toThrow(/slice 1 \(1\.2\.3\.2\) is 8×16, slice 0 is 16×16/);
  });
});
