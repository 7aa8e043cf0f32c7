import { describe, expect, it } from 'vitest';
import { sliceGeometry } from './slice-geometry.js';
import { phantomStack } from './testing/phantom.js';
import type { ScoringSlice } from './types.js';

describe('sliceGeometry', () => {
  it('takes the increment from positions along the normal: 1.5, 2.5, 3 mm', () => {
    for (const increment of [1.5, 2.5, 3]) {
      const g = sliceGeometry(phantomStack({ slices: 4, increment }).slices);
      expect(g.normal).toEqual([0, 0, 1]);
      expect(g.increment).toBe(increment);
      expect(g.distances).toEqual([0, increment, 2 * increment, 3 * increment]);
    }
  });

  it('descending z still gives a positive increment', () => {
    const g = sliceGeometry(phantomStack({ slices: 3, z0: 10, increment: -2.5 }).slices);
    expect(g.distances).toEqual([10, 7.5, 5]);
    expect(g.increment).toBe(2.5);
  });

  it('uses the median step: one gap of a missing slice does not change it', () => {
    const slices = phantomStack({ slices: 4, increment: 1.5 }).slices;
    // z = 0, 1.5, 4.5, 6 (one missing slice): steps 1.5, 3, 1.5 → median 1.5
    const moved = slices.map((s, i) => ({ ...s, position: [0, 0, [0, 1.5, 4.5, 6][i]!] as const }));
    expect(sliceGeometry(moved).increment).toBe(1.5);
    // even count of steps: z = 0, 1, 3 → steps 1, 2 → median (1 + 2) / 2 = 1.5
    expect(sliceGeometry(moved.slice(0, 3).map((s, i) => ({ ...s, position: [0, 0, [0, 1, 3][i]!] as const }))).increment).toBe(1.5);
  });

  it('maps mm ↔ pixel for an oblique orientation', () => {
    // rows run along −y... here: row direction (column index ↑) = +y, column direction (row index ↑) = −x, normal = x × y
    // [0,1,0] × [−1,0,0] = [1·0 − 0·0, 0·(−1) − 0·0, 0·0 − 1·(−1)] = [0, 0, 1]
    const base: ScoringSlice = {
      sopInstanceUID: 'a', rows: 10, columns: 20, hu: new Int16Array(200), pixelSpacing: [0.5, 0.25],
      position: [100, -50, 7], orientation: [0, 1, 0, -1, 0, 0],
    };
    const g = sliceGeometry([base, { ...base, sopInstanceUID: 'b', position: [100, -50, 9] }]);
    expect(g.normal).toEqual([0, 0, 1]);
    // row 4, column 8 → P = IPP + 8·0.25·[0,1,0] + 4·0.5·[−1,0,0] = [100 − 2, −50 + 2, 7] = [98, −48, 7]
    expect(g.toPatient(0, 4, 8)).toEqual([98, -48, 7]);
    expect(g.toPixel(0, [98, -48, 7])).toEqual([4, 8]);
    expect(g.toPixel(1, [98, -48, 9])).toEqual([4, 8]);
    // nearest slice within half an increment (2 / 2 = 1 mm): z = 7.9 → 0, 8.1 → 1, 10 → 1 (gap 1), 10.5 → none
    expect(g.nearestSlice([0, 0, 7.9])).toBe(0);
    expect(g.nearestSlice([0, 0, 8.1])).toBe(1);
    expect(g.nearestSlice([0, 0, 10])).toBe(1);
    expect(g.nearestSlice([0, 0, 10.5])).toBeUndefined();
  });

  it('refuses one slice, equal positions and mixed orientations', () => {
    const [a, b] = phantomStack({ slices: 2 }).slices as [ScoringSlice, ScoringSlice];
    expect(() => sliceGeometry([a])).toThrow(/at least 2 slices/);
    expect(() => sliceGeometry([a, { ...b, position: a.position }])).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_CALCIUM_INPUT' }));
    expect(() => sliceGeometry([a, { ...b, orientation: [0, 1, 0, 1, 0, 0] }])).toThrow(/slice 1 \(1\.2\.3\.2\) has orientation/);
  });
});
