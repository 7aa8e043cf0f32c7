import { describe, expect, it } from 'vitest';
import { obliqueAxes } from '../reslice/plane-orientation.js';
import { analyticVolume, softBall } from '../test-support/analytic-volume.js';
import type { Mesh } from './mesh.js';
import { isoSurface } from './iso-surface.js';
import { meshMeasures } from './mesh.js';

describe('isoSurface', () => {
  it('surfaces a ball: closed, volume and bounds of the ball, outward winding', () => {
    const r = 12;
    const volume = analyticVolume({ dimensions: [40, 40, 40], spacing: [1, 1, 1], origin: [-19.5, -19.5, -19.5] }, softBall([1, -2, 3], r, 1000, -1000, 2));
    const mesh = isoSurface(volume, 0);
    const m = meshMeasures(mesh);
    const exact = (4 / 3) * Math.PI * r ** 3;
    expect(Math.abs(m.volumeMm3 - exact) / exact).toBeLessThan(0.01);
    for (const [a, c] of [[0, 1], [1, -2], [2, 3]] as const) {
      expect(Math.abs(m.min[a] - (c - r))).toBeLessThan(0.1);
      expect(Math.abs(m.max[a] - (c + r))).toBeLessThan(0.1);
    }
  });

  it('is closed (every edge shared by two triangles) and winds outward on a left-handed, turned grid too', () => {
    const axes = obliqueAxes([0.3, 0.2, 1], 'normal');
    // Columns, rows and slices along row, column and −normal: a left-handed grid (as a stack stored head to feet).
    const left = analyticVolume({ dimensions: [30, 30, 30], spacing: [1, 1, 1.2], origin: [0, 1, 2].map((a) => -14.5 * (axes.row[a]! + axes.column[a]!) + 17.4 * axes.normal[a]!) as unknown as [number, number, number], direction: [axes.row, axes.column, [-axes.normal[0], -axes.normal[1], -axes.normal[2]]] }, softBall([0, 0, 0], 8, 1000, -1000, 2));
    const mesh = isoSurface(left, 0);
    expect(openEdges(mesh)).toBe(0);
    const m = meshMeasures(mesh);
    expect(Math.abs(m.volumeMm3 / ((4 / 3) * Math.PI * 8 ** 3) - 1)).toBeLessThan(0.02);
  });
});

/** Edges used by other than exactly two triangles. */
function openEdges(mesh: Mesh): number {
  const uses = new Map<string, number>();
  const t = mesh.triangles;
  for (let f = 0; f < t.length; f += 3) {
    for (const [a, b] of [[t[f]!, t[f + 1]!], [t[f + 1]!, t[f + 2]!], [t[f + 2]!, t[f]!]]) {
      const key = a! < b! ? `${a}-${b}` : `${b}-${a}`;
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
  }
  return [...uses.values()].filter((n) => n !== 2).length;
}
