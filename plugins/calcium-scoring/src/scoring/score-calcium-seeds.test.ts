import { describe, expect, it } from 'vitest';
import { scoreCalcium } from './score-calcium.js';
import { phantomStack } from './testing/phantom.js';
import type { ScoringParams, Seed } from './types.js';

// Phantom: 16×16 pixels of 0.5 mm (0.25 mm²), z = 0, 3, 6 (increment 3 → Agatston = area × weight), background 0 HU.
// Slice 1 (instance 2, z = 3): A = rows 2-3 × columns 2-3 at 250 HU (1 mm², weight 2 → Agatston 2),
//                              B = rows 10-11 × columns 10-13 at 150 HU (2 mm², weight 1 → Agatston 2),
//                              C = rows 2-3 × columns 12-13 at 450 HU (1 mm², weight 4 → Agatston 4), never seeded.
function stack() {
  const ph = phantomStack({ slices: 3 });
  ph.box(1, 2, 2, 2, 2, 250);
  ph.box(1, 10, 10, 2, 4, 150);
  ph.box(1, 2, 12, 2, 2, 450);
  return ph.slices;
}
const params = (seeds: readonly Seed[], over: Partial<ScoringParams> = {}): ScoringParams => ({
  threshold: 130, connectivity: 8, minAreaMode: 'literature', seeds, ...over,
});
// A seeded in mm: column 2 → x = 1, row 3 → y = 1.5, z = 3.4 (within 1.5 mm of slice 1). B seeded by pixel.
const seedA: Seed = { artery: 'LAD', at: [1, 1.5, 3.4] };
const seedB: Seed = { artery: 'RCA', instanceNumber: 2, row: 11, column: 13 };

describe('scoreCalcium: seeds', () => {
  it('scores only seeded regions: mm and (instance, row, column) seeds; unseeded candidates listed', () => {
    const s = scoreCalcium(stack(), params([seedA, seedB]));
    expect(s.unverified).toBe(false);
    expect(s.lesions.map((l) => [l.areaMm2, l.agatston, l.artery])).toEqual([[1, 2, 'LAD'], [1, 4, undefined], [2, 2, 'RCA']]);
    expect(s.regions.map((r) => r.artery)).toEqual(['LAD', undefined, 'RCA']);
    expect(s.arteries).toEqual([
      { artery: 'LM', agatston: 0, volumeMm3: 0, lesions: 0 },
      { artery: 'LAD', agatston: 2, volumeMm3: 3, lesions: 1 }, // 1 mm² × 3 mm
      { artery: 'LCX', agatston: 0, volumeMm3: 0, lesions: 0 },
      { artery: 'RCA', agatston: 2, volumeMm3: 6, lesions: 1 }, // 2 mm² × 3 mm
    ]);
    expect(s.total).toEqual({ agatston: 4, volumeMm3: 9, lesions: 2 });
    expect(s.riskCategory).toBe('1-10');
  });

  it('no seeds → unverified: candidates listed, zero scores', () => {
    const s = scoreCalcium(stack(), params([]));
    expect(s.unverified).toBe(true);
    expect(s.lesions).toHaveLength(3);
    expect(s.regions.every((r) => r.artery === undefined)).toBe(true);
    expect(s.arteries.map((a) => [a.artery, a.agatston, a.lesions])).toEqual([['LM', 0, 0], ['LAD', 0, 0], ['LCX', 0, 0], ['RCA', 0, 0]]);
    expect(s.total).toEqual({ agatston: 0, volumeMm3: 0, lesions: 0 });
    expect(s.riskCategory).toBe('0');
  });

  it('reports PDA only when a PDA seed is given', () => {
    const s = scoreCalcium(stack(), params([{ artery: 'PDA', instanceNumber: 2, row: 2, column: 12 }]));
    expect(s.arteries.map((a) => a.artery)).toEqual(['LM', 'LAD', 'LCX', 'RCA', 'PDA']);
    expect(s.arteries[4]).toEqual({ artery: 'PDA', agatston: 4, volumeMm3: 3, lesions: 1 });
    expect(s.total.agatston).toBe(4);
  });

  it('a seed that misses throws SEED_MISS naming the seed', () => {
    const background: Seed = { artery: 'LAD', at: [7, 7, 3] }; // row 14, column 14: 0 HU
    expect(() => scoreCalcium(stack(), params([seedB, background]))).toThrow(
      expect.objectContaining({ code: 'ATRIUM_ERR_CALCIUM_SEED_MISS', message: expect.stringMatching(/^seed 2 \(LAD at \[7, 7, 3\]\) hits no calcification/) }),
    );
    const farInZ: Seed = { artery: 'LCX', at: [1, 1.5, 10] }; // z 10 is 4 mm from the last slice (> 1.5)
    expect(() => scoreCalcium(stack(), params([farInZ]))).toThrow(/seed 1 \(LCX at \[1, 1.5, 10\]\) hits no calcification: no slice within half an increment/);
    const noInstance: Seed = { artery: 'RCA', instanceNumber: 9, row: 11, column: 13 };
    expect(() => scoreCalcium(stack(), params([noInstance]))).toThrow(/seed 1 \(RCA at instance 9, row 11, column 13\).*no slice has instance number 9/);
    const outside: Seed = { artery: 'LM', instanceNumber: 2, row: 16, column: 0 };
    expect(() => scoreCalcium(stack(), params([outside]))).toThrow(/outside the image/);
  });

  it('a seed on a component rejected by the minimum area misses', () => {
    const slices = stack();
    (slices[1]!.hu as Int16Array)[14 * 16 + 1] = 500; // 1 px = 0.25 mm² < 1 mm²
    expect(() => scoreCalcium(slices, params([{ artery: 'LAD', instanceNumber: 2, row: 14, column: 1 }]))).toThrow(/not in a lesion/);
  });

  it('two seeds giving one region different arteries conflict; the same artery twice counts once', () => {
    const again: Seed = { artery: 'LAD', instanceNumber: 2, row: 2, column: 3 };
    expect(scoreCalcium(stack(), params([seedA, again])).arteries[1]).toMatchObject({ artery: 'LAD', agatston: 2, lesions: 1 });
    expect(() => scoreCalcium(stack(), params([seedA, { ...again, artery: 'LCX' }]))).toThrow(
      expect.objectContaining({ code: 'ATRIUM_ERR_CALCIUM_SEED_CONFLICT' }),
    );
  });
});

describe('scoreCalcium: mass', () => {
  it('mass = factor × Σ(volume × mean HU) / 1000, only with a calibration factor', () => {
    // LAD: 3 mm³ × 250 HU = 750; RCA: 6 mm³ × 150 HU = 900; factor 0.8 → 0.6 mg and 0.72 mg, total 1.32 mg
    const s = scoreCalcium(stack(), params([seedA, seedB], { calibrationFactor: 0.8 }));
    expect(s.arteries[1]!.massMg).toBeCloseTo(0.6, 12);
    expect(s.arteries[3]!.massMg).toBeCloseTo(0.72, 12);
    expect(s.arteries[0]!.massMg).toBe(0);
    expect(s.total.massMg).toBeCloseTo(1.32, 12);
    const without = scoreCalcium(stack(), params([seedA, seedB]));
    expect('massMg' in without.total).toBe(false);
    expect(without.arteries.some((a) => 'massMg' in a)).toBe(false);
  });
});

describe('scoreCalcium: totals and risk categories at their boundaries', () => {
  it.each([
    [1, '1-10'], [10, '1-10'], [11, '11-100'], [100, '11-100'], [101, '101-400'], [400, '101-400'], [401, '>400'],
  ] as const)('total %i → %s', (total, category) => {
    // 32×32 pixels of 1 mm (1 mm² each), increment 3: the first `total` pixels in raster order (a 4-connected run of
    // full rows plus a partial row) at 150 HU (weight 1) score total × 1 × 3/3 = total.
    const ph = phantomStack({ slices: 2, rows: 32, columns: 32, spacing: 1 });
    for (let p = 0; p < total; p++) ph.set(0, Math.floor(p / 32), p % 32, 150);
    const s = scoreCalcium(ph.slices, params([{ artery: 'LM', instanceNumber: 1, row: 0, column: 0 }]));
    expect(s.total.agatston).toBe(total);
    expect(s.arteries[0]!.agatston).toBe(total);
    expect(s.riskCategory).toBe(category);
  });
});
