import { describe, expect, it } from 'vitest';
import { analyticProjections, circularViews } from '../test-support/analytic-projections.js';
import { seededRandom } from '../test-support/seeded-random.js';
import { JosephProjector } from './joseph-projector.js';
import { inFieldOfView, type ReconGrid } from './projections.js';

const GRID: ReconGrid = { size: 32, slices: 5 };
const BINS = 32;

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

describe('JosephProjector', () => {
  // Views at odd angles (both major axes, both signs of d) and an off-centre axis.
  const views = circularViews(23, 15.3);
  const projector = new JosephProjector(GRID, BINS, views);
  const random = seededRandom(7);
  const x = Float32Array.from({ length: GRID.size ** 2 * GRID.slices }, () => random());
  const mu = Float32Array.from({ length: x.length }, () => 0.05 * random());

  it.each([false, true])('forward and back-projection are adjoint (⟨Ax, y⟩ = ⟨x, Aᵀy⟩ to 1e-5), attenuation modelled: %s', (attenuated) => {
    for (let v = 0; v < views.length; v++) {
      const t = attenuated ? projector.transmission(mu, v) : undefined;
      const y = Float32Array.from({ length: BINS * GRID.slices }, () => random() - 0.3);
      const ax = new Float32Array(BINS * GRID.slices);
      projector.forward(x, v, ax, t);
      const aty = new Float32Array(x.length);
      projector.back(y, v, aty, t);
      const lhs = dot(ax, y);
      const rhs = dot(x, aty);
      expect(Math.abs(lhs - rhs) / Math.abs(lhs)).toBeLessThan(1e-5);
    }
  });

  it('projects a uniform disc to its chord lengths (interior bins within 1.5 %)', () => {
    const grid: ReconGrid = { size: 64, slices: 1 };
    const vs = circularViews(16, 31.5);
    const p = new JosephProjector(grid, 64, vs);
    const disc = new Float32Array(64 * 64);
    // The disc, voxelised finely: radius 20 pixels around the centre (31.5, 31.5).
    for (let r = 0; r < 64; r++) for (let c = 0; c < 64; c++) {
      let inside = 0;
      for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) inside += (c - 31.5 + (a + 0.5) / 4 - 0.5) ** 2 + (r - 31.5 + (b + 0.5) / 4 - 0.5) ** 2 <= 400 ? 1 : 0;
      disc[r * 64 + c] = inside / 16;
    }
    const exact = analyticProjections({ ellipsoids: [{ center: [0, 0, 0], semiAxes: [20, 20, 100], value: 1 }] }, vs, { bins: 64, slices: 1, pixel: 1, sliceSpacing: 1 });
    for (let v = 0; v < vs.length; v++) {
      const out = new Float32Array(64);
      p.forward(disc, v, out);
      for (let b = 16; b < 48; b++) expect(Math.abs(out[b]! - exact.data[v * 64 + b]!), `view ${v} bin ${b}`).toBeLessThan(0.015 * exact.data[v * 64 + 31]!);
    }
  });

  it('gives transmission exp(−μ·path) through a uniform disc: the centre of a 20-pixel-radius disc sees exp(−20 μ)', () => {
    const grid: ReconGrid = { size: 64, slices: 1 };
    const p = new JosephProjector(grid, 64, circularViews(4, 31.5));
    const mu = new Float32Array(64 * 64);
    for (let r = 0; r < 64; r++) for (let c = 0; c < 64; c++) mu[r * 64 + c] = (c - 31.5) ** 2 + (r - 31.5) ** 2 <= 400 && inFieldOfView(grid, c, r) ? 0.1 : 0;
    // A point source at the centre pixel pair: forward-project with and without attenuation.
    const src = new Float32Array(64 * 64);
    src[31 * 64 + 31] = 1;
    const plain = new Float32Array(64);
    const attenuated = new Float32Array(64);
    p.forward(src, 0, plain);
    p.forward(src, 0, attenuated, p.transmission(mu, 0));
    const ratio = attenuated.reduce((a, b) => a + b, 0) / plain.reduce((a, b) => a + b, 0);
    expect(ratio).toBeCloseTo(Math.exp(-0.1 * 20), 1);
  });
});
