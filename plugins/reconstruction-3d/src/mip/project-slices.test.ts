/**
 * The in-slice projection paths (rays along a voxel axis, rays at any angle within the slices) give
 * exactly what a straightforward voxel-by-voxel, sample-by-sample loop gives, on small random
 * volumes of 16-bit and 32-bit voxels, for rays that enter, cross and leave the slice's edges.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3, Volume } from '@atrium/sdk';
import { analyticVolume } from '../test-support/analytic-volume.js';
import { marchSlices } from './march-slices.js';
import type { ProjectionMode } from './project-volume.js';
import { reduceAligned } from './reduce-aligned.js';

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIMS = [23, 19, 5] as const; // 19 rows: whole passes of 4 and of 8 rows and a remainder
function randomVolume(int16: boolean, seed: number): Volume {
  const next = random(seed);
  const grid = { dimensions: DIMS, spacing: [1, 1, 1] as const, origin: [0, 0, 0] as const };
  return analyticVolume(grid, () => (int16 ? Math.round(next() * 4000 - 2000) : next() * 4000 - 2000), int16);
}

const init = (mode: ProjectionMode): number => (mode === 'mip' ? -Infinity : mode === 'minip' ? Infinity : 0);
const fold = (mode: ProjectionMode, acc: number, v: number): number => (mode === 'mip' ? (v > acc ? v : acc) : mode === 'minip' ? (v < acc ? v : acc) : acc + v);

/** Reference of the aligned path: each line reduced voxel by voxel, lines interpolated per column. */
function referenceAligned(v: Volume, axis: 0 | 1, start: Vec3, dc: Vec3, columns: number, down: boolean, mode: ProjectionMode, fill: number): Float32Array {
  const [nx, ny, nz] = v.dimensions;
  const at = (i: number, j: number, k: number): number => v.voxels[i + nx * (j + ny * k)]!;
  const other = axis === 0 ? 1 : 0, lines = axis === 0 ? ny : nx, along = axis === 0 ? nx : ny;
  const out = new Float32Array(nz * columns);
  for (let r = 0; r < nz; r++) {
    const k = down ? r : nz - 1 - r;
    const line = (l: number): number => {
      let acc = init(mode);
      for (let t = 0; t < along; t++) acc = fold(mode, acc, axis === 0 ? at(t, l, k) : at(l, t, k));
      return Math.fround(mode === 'mean' ? Math.fround(acc) / along : acc);
    };
    for (let c = 0; c < columns; c++) {
      const x = start[other] + c * dc[other];
      if (x < -0.5 || x > lines - 0.5) { out[r * columns + c] = fill; continue; }
      const xc = Math.min(Math.max(x, 0), lines - 1), x0 = Math.floor(xc), x1 = Math.min(x0 + 1, lines - 1);
      out[r * columns + c] = line(x0) + (xc - x0) * (line(x1) - line(x0));
    }
  }
  return out;
}

/** Reference of the in-slice march: every sample bounds-checked, clamped and bilinearly sampled. */
function referenceMarch(v: Volume, start: Vec3, dc: Vec3, ds: Vec3, samples: number, columns: number, down: boolean, mode: ProjectionMode, fill: number): Float32Array {
  const [nx, ny, nz] = v.dimensions;
  const at = (i: number, j: number, k: number): number => v.voxels[i + nx * (j + ny * k)]!;
  const out = new Float32Array(nz * columns);
  for (let r = 0; r < nz; r++) {
    const k = down ? r : nz - 1 - r;
    for (let c = 0; c < columns; c++) {
      let acc = init(mode), n = 0;
      let x = start[0] + c * dc[0], y = start[1] + c * dc[1];
      for (let s = 0; s < samples; s++, x += ds[0], y += ds[1]) {
        if (x < -0.5 || x > nx - 0.5 || y < -0.5 || y > ny - 0.5) continue;
        const xc = Math.min(Math.max(x, 0), nx - 1), yc = Math.min(Math.max(y, 0), ny - 1);
        const x0 = Math.floor(xc), y0 = Math.floor(yc), x1 = Math.min(x0 + 1, nx - 1), y1 = Math.min(y0 + 1, ny - 1);
        const fx = Math.fround(xc - x0), fy = Math.fround(yc - y0);
        const top = at(x0, y0, k) + fx * (at(x1, y0, k) - at(x0, y0, k));
        const bottom = at(x0, y1, k) + fx * (at(x1, y1, k) - at(x0, y1, k));
        acc = fold(mode, acc, top + fy * (bottom - top));
        n++;
      }
      out[r * columns + c] = n === 0 ? fill : mode === 'mean' ? acc / n : acc;
    }
  }
  return out;
}

/** Index of the first element that differs (Object.is), or −1. */
const firstDifference = (a: Float32Array, b: Float32Array): number => a.findIndex((x, i) => !Object.is(x, b[i]));

const CASES = [
  { int16: true, modes: ['mip', 'minip', 'mean'] as const },
  { int16: false, modes: ['mip', 'minip'] as const }, // 32-bit means are summed in single precision along j
];

describe('in-slice projection paths against straightforward loops', () => {
  it.each(CASES)('rays along i and j (int16: $int16): identical values', ({ int16, modes }) => {
    const volume = randomVolume(int16, 7);
    for (const mode of modes) for (const axis of [0, 1] as const) for (const down of [true, false]) {
      // Columns from half a voxel before the first line to past the last, at a fractional step.
      const start: Vec3 = [-1.3, -1.3, 0], dc: Vec3 = [0.37, 0.37, 0];
      const columns = Math.ceil(((axis === 0 ? DIMS[1] : DIMS[0]) + 2.6) / 0.37);
      const values = new Float32Array(DIMS[2] * columns);
      reduceAligned(volume, axis, start, dc, columns, down, { mode, fill: -7 }, values);
      expect(firstDifference(values, referenceAligned(volume, axis, start, dc, columns, down, mode, -7)), `${mode} axis ${axis}`).toBe(-1);
    }
  });

  it.each(CASES)('rays at any angle in the slices (int16: $int16): identical values', ({ int16, modes }) => {
    const volume = randomVolume(int16, 11);
    const angles = [0, 90, 30, 135, 200, 301.7, 45];
    for (const mode of modes) for (const angle of angles) for (const down of [true, false]) {
      const a = (angle * Math.PI) / 180, step = 0.6, half = 16;
      const ray: Vec3 = [Math.cos(a), Math.sin(a), 0], right: Vec3 = [-Math.sin(a), Math.cos(a), 0];
      const samples = Math.round((2 * half) / step) + 1, columns = 61;
      // Centred on the slice's centre; at 0° and 90° some rays run exactly along the last row or column.
      const centre = [(DIMS[0] - 1) / 2, (DIMS[1] - 1) / 2];
      const start: Vec3 = [centre[0]! - 15 * right[0] * 1 - half * ray[0], centre[1]! - 15 * right[1] - half * ray[1], 0];
      const dc: Vec3 = [right[0] * 0.5, right[1] * 0.5, 0], ds: Vec3 = [ray[0] * step, ray[1] * step, 0];
      const values = new Float32Array(DIMS[2] * columns);
      marchSlices(volume, start, dc, ds, samples, columns, down, { mode, fill: -7 }, values);
      expect(firstDifference(values, referenceMarch(volume, start, dc, ds, samples, columns, down, mode, -7)), `${mode} at ${angle}°`).toBe(-1);
    }
  });
});
