/**
 * Rotating projections: a ball appears where its patient position projects for every angle; the
 * three paths (rays along a voxel axis, rays within slices, rays across slices) give the same
 * images; a slab keeps only what lies within its thickness of the axis.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '@atrium/sdk';
import { dot } from '../geometry/vec3.js';
import { obliqueAxes } from '../reslice/plane-orientation.js';
import { analyticVolume, softBall } from '../test-support/analytic-volume.js';
import { projectVolume } from './project-volume.js';
import { projectView } from './project-view.js';
import { projectionGrid, projectionViews } from './projection-views.js';

const BALL: Vec3 = [7, -4, 5];
const grid = { dimensions: [40, 36, 30] as const, spacing: [1, 1, 1.5] as const, origin: [-19.5, -17.5, -21.75] as const };
const volume = analyticVolume(grid, softBall(BALL, 4, 1000, 0));

/** Centroid (column, row) of the pixels above 500. */
function centroid(values: Float32Array, columns: number): [number, number] {
  let x = 0, y = 0, n = 0;
  values.forEach((v, p) => {
    if (v > 500) { x += p % columns; y += Math.floor(p / columns); n++; }
  });
  return [x / n, y / n];
}

describe('rotating projections', () => {
  const g = projectionGrid(volume, 'head-foot');
  const options = { mode: 'mip', interpolation: 'linear', step: 0.5, fill: -1 } as const;

  it.each(projectionViews('head-foot', 8))('view at $angle°: the ball where its position projects', (view) => {
    const values = projectView(volume, view, g, options);
    const [c, r] = centroid(values, g.columns);
    const rel = BALL.map((b, a) => b - g.centre[a]!) as unknown as Vec3;
    expect(Math.abs(c - ((g.columns - 1) / 2 + dot(rel, view.right) / g.pixelSpacing))).toBeLessThan(0.3);
    expect(Math.abs(r - ((g.rows - 1) / 2 + dot(rel, view.down) / g.pixelSpacing))).toBeLessThan(0.3);
  });

  it('gives the same image by voxel axes, within slices and across slices', () => {
    for (const view of projectionViews('head-foot', 8).slice(0, 3)) {
      const bySlices = projectView(volume, view, g, options);
      const marched = projectVolume(volume, view, g, options);
      expect(Math.max(...bySlices.map((v, i) => Math.abs(v - marched[i]!)))).toBeLessThan(40); // 4% of the ball's contrast, at its edge
    }
  });

  it('turns about any patient axis of a tilted volume (rays across slices)', () => {
    const axes = obliqueAxes([0.2, 0.3, 1], 'normal');
    const tilted = analyticVolume({ ...grid, direction: [axes.row, axes.column, axes.normal] }, softBall(BALL, 4, 1000, 0));
    const gt = projectionGrid(tilted, 'left-right');
    for (const view of projectionViews('left-right', 4)) {
      const [c, r] = centroid(projectView(tilted, view, gt, options), gt.columns);
      const rel = BALL.map((b, a) => b - gt.centre[a]!) as unknown as Vec3;
      expect(Math.abs(c - ((gt.columns - 1) / 2 + dot(rel, view.right) / gt.pixelSpacing))).toBeLessThan(0.3);
      expect(Math.abs(r - ((gt.rows - 1) / 2 + dot(rel, view.down) / gt.pixelSpacing))).toBeLessThan(0.3);
    }
  });

  it('a slab through the axis leaves out a ball farther along the rays', () => {
    const anterior = analyticVolume(grid, softBall([0, -11, 0], 3, 1000, 0));
    const whole = projectionGrid(anterior, 'head-foot');
    const slab = projectionGrid(anterior, 'head-foot', { thickness: 10 });
    const [front] = projectionViews('head-foot', 1);
    // Rays run posterior through the centre (y = 0): the ball (y −14…−8) lies beyond the slab's ±5 mm.
    expect(Math.max(...projectView(anterior, front!, slab, options))).toBe(0);
    expect(Math.max(...projectView(anterior, front!, whole, options))).toBeGreaterThan(990);
  });
});
