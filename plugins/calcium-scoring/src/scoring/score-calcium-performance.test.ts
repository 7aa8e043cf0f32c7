import { describe, expect, it } from 'vitest';
import { scoreCalcium } from './score-calcium.js';
import { phantomStack } from './testing/phantom.js';
import type { Seed } from './types.js';

describe('scoreCalcium: performance sanity check', () => {
  it('scores 64 slices of 512 × 512 with a few lesions (time printed, target < 100 ms, not asserted)', () => {
    // 0.4 mm pixels (0.16 mm²), increment 2.5 mm, soft tissue 40 HU background.
    const ph = phantomStack({ slices: 64, rows: 512, columns: 512, spacing: 0.390625, increment: 2.5, background: 40 });
    // 6 lesions of 6×6 px (5.4931640625 mm² = 36 × 0.152587890625) over slices s..s+2 at 350 HU (weight 3)
    const starts = [[5, 100, 100], [12, 200, 300], [20, 300, 150], [33, 250, 250], [41, 400, 380], [55, 120, 420]] as const;
    for (const [s, r, c] of starts) for (let k = 0; k < 3; k++) ph.box(s + k, r, c, 6, 6, 350);
    const seeds: Seed[] = starts.map(([s, r, c], i) => ({ artery: (['LM', 'LAD', 'LCX', 'RCA'] as const)[i % 4]!, instanceNumber: s + 2, row: r + 3, column: c + 3 }));
    const params = { threshold: 130, connectivity: 8 as const, minAreaMode: 'literature' as const, seeds };
    scoreCalcium(ph.slices, params); // warm-up (JIT)
    const times: number[] = [];
    let result = scoreCalcium(ph.slices, params);
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      result = scoreCalcium(ph.slices, params);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`scoreCalcium: 64 × 512 × 512 in ${times[2]!.toFixed(1)} ms (median of 5; min ${times[0]!.toFixed(1)}, max ${times[4]!.toFixed(1)})`);
    // 18 lesion slices × 36 px × 0.152587890625 mm² × 3 × 2.5 / 3 = 18 × 13.73291015625 = 247.1923828125
    expect(result.lesions).toHaveLength(18);
    expect(result.regions).toHaveLength(6);
    expect(result.total.agatston).toBeCloseTo(247.1923828125, 9);
    expect(result.total.lesions).toBe(6);
  });
});
