import { describe, expect, it } from 'vitest';
import { cardiacAxes, reorient, viewDirections } from './cardiac-reorientation.js';
import { voxelCentreOf, type PlacedVolume } from './volume-layout.js';

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('cardiac reorientation', () => {
  const axes = cardiacAxes(45, 30);

  it('points the long axis left, anterior and down (LPS: +x, −y, −z) and keeps the axes orthonormal', () => {
    expect(axes.long[0]).toBeGreaterThan(0);
    expect(axes.long[1]).toBeLessThan(0);
    expect(axes.long[2]).toBeLessThan(0);
    for (const [a, b] of [[axes.long, axes.anterior], [axes.long, axes.lateral], [axes.anterior, axes.lateral]] as const) expect(dot(a, b)).toBeCloseTo(0, 12);
    for (const v of [axes.long, axes.anterior, axes.lateral]) expect(dot(v, v)).toBeCloseTo(1, 12);
    // The lateral wall lies towards the patient's left.
    expect(axes.lateral[0]).toBeGreaterThan(0);
  });

  it('stacks short-axis slices from the apex to the base, long-axis slices septum → lateral (VLA) and inferior → anterior (HLA)', () => {
    expect(dot(viewDirections(axes, 'short-axis')[2], axes.long)).toBeCloseTo(-1, 12);
    expect(dot(viewDirections(axes, 'vertical-long-axis')[2], axes.lateral)).toBeCloseTo(1, 12);
    expect(dot(viewDirections(axes, 'horizontal-long-axis')[2], axes.anterior)).toBeCloseTo(1, 12);
  });

  it('moves a point source to where the new grid says it is (patient coordinates kept)', () => {
    const n = 33;
    const data = new Float32Array(n * n * n);
    const at = [20, 12, 9] as const;
    data[(at[1] * n + at[0]) * n + at[2]] = 1000;
    const v: PlacedVolume = { columns: n, rows: n, slices: n, data, origin: [-64, -64, -64], spacing: [4, 4, 4], direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], frameOfReferenceUID: '2.25.1' };
    const source = voxelCentreOf(v, ...at);
    const sa = reorient(v, axes, 'short-axis');
    let best = { value: 0, p: [0, 0, 0] as number[] };
    for (let j = 0; j < sa.rows; j++) for (let i = 0; i < sa.columns; i++) for (let k = 0; k < sa.slices; k++) {
      const x = sa.data[(j * sa.columns + i) * sa.slices + k]!;
      if (x > best.value) best = { value: x, p: voxelCentreOf(sa, i, j, k) };
    }
    const distance = Math.hypot(...best.p.map((x, c) => x - source[c]!));
    expect(distance).toBeLessThanOrEqual(4 * Math.sqrt(3) / 2);
  });
});
