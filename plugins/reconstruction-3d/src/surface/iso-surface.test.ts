import { describe, expect, it } from 'vitest';
import { analyticVolume, softBall } from '../test-support/analytic-volume.js';
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
});
