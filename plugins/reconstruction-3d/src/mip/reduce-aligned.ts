import type { Vec3, Volume, VoxelArray } from '@atrium/sdk';
import type { ProjectionMode } from './project-volume.js';

/** Rows of a slice folded into the line per pass over it (rays along j; 16-bit voxels fold twice as many). */
const ROWS_PER_PASS = 4;

/**
 * Rays along a voxel axis (0: i, 1: j): every voxel of a slice is read once, in memory order, into
 * a per-line maximum (minimum, mean) — no interpolation along the ray — and each image column takes
 * the linear interpolation of the two nearest lines. Row r of `values` is slice r (`down`) or
 * nz − 1 − r. Float voxels are compared and summed in the ray's order, so ties (±0) and the mean's
 * sums come out as a voxel-by-voxel loop gives them; 16-bit voxels (no NaN, no −0) are folded in
 * whatever order is fastest, with the same result.
 */
export function reduceAligned(volume: Volume, axis: 0 | 1, start: Vec3, dc: Vec3, columns: number, down: boolean, options: { readonly mode: ProjectionMode; readonly fill: number }, values: Float32Array): void {
  const [nx, ny, nz] = volume.dimensions;
  const lines = axis === 0 ? ny : nx;
  const line = new Float32Array(lines);
  const { mode, fill } = options;
  const other = axis === 0 ? 1 : 0;
  const hi = lines - 1;
  const voxels = volume.voxels;
  const ints = voxels instanceof Int16Array ? new Int32Array(nx) : undefined;
  for (let r = 0; r < nz; r++) {
    const base = (down ? r : nz - 1 - r) * nx * ny;
    line.fill(mode === 'mip' ? -Infinity : mode === 'minip' ? Infinity : 0);
    if (axis === 0 && ints && mode !== 'mean') reduceIntRows(voxels as Int16Array, base, nx, ny, mode === 'mip', line);
    else if (axis === 0) reduceRows(voxels, base, nx, ny, mode, line);
    else if (mode === 'mean') sumColumns(voxels, base, nx, ny, line);
    else if (ints) foldIntColumns(voxels as Int16Array, base, nx, ny, mode === 'mip', ints, line);
    else foldColumns(voxels, base, nx, ny, mode === 'mip', line);
    if (mode === 'mean') for (let l = 0; l < lines; l++) line[l]! /= axis === 0 ? nx : ny;
    const o = r * columns;
    for (let c = 0; c < columns; c++) {
      const x = start[other] + c * dc[other];
      if (!(x >= -0.5 && x <= hi + 0.5)) { values[o + c] = fill; continue; }
      const xc = x < 0 ? 0 : x > hi ? hi : x;
      const x0 = xc | 0, x1 = x0 < hi ? x0 + 1 : x0;
      values[o + c] = line[x0]! + (xc - x0) * (line[x1]! - line[x0]!);
    }
  }
}

/** Rays along i: one line per row j, the reduction of a contiguous run. */
function reduceRows(voxels: VoxelArray, base: number, nx: number, ny: number, mode: ProjectionMode, line: Float32Array): void {
  for (let j = 0; j < ny; j++) {
    const row = base + j * nx;
    let acc = line[j]!;
    if (mode === 'mip') for (let i = 0; i < nx; i++) { const v = voxels[row + i]!; if (v > acc) acc = v; }
    else if (mode === 'minip') for (let i = 0; i < nx; i++) { const v = voxels[row + i]!; if (v < acc) acc = v; }
    else for (let i = 0; i < nx; i++) acc += voxels[row + i]!;
    line[j] = acc;
  }
}

/**
 * {@link reduceRows} for the maximum (`max`) or minimum of 16-bit voxels: four running values per
 * row, combined at its end. Integers have no NaN and no −0, so the order does not change the result.
 */
function reduceIntRows(voxels: Int16Array, base: number, nx: number, ny: number, max: boolean, line: Float32Array): void {
  const quads = nx - (nx % 4);
  for (let j = 0; j < ny; j++) {
    const row = base + j * nx;
    let m0 = voxels[row]!, m1 = m0, m2 = m0, m3 = m0;
    if (max) {
      for (let i = 0; i < quads; i += 4) {
        const v0 = voxels[row + i]!, v1 = voxels[row + i + 1]!, v2 = voxels[row + i + 2]!, v3 = voxels[row + i + 3]!;
        if (v0 > m0) m0 = v0;
        if (v1 > m1) m1 = v1;
        if (v2 > m2) m2 = v2;
        if (v3 > m3) m3 = v3;
      }
      for (let i = quads; i < nx; i++) { const v = voxels[row + i]!; if (v > m0) m0 = v; }
      line[j] = Math.max(m0, m1, m2, m3);
    } else {
      for (let i = 0; i < quads; i += 4) {
        const v0 = voxels[row + i]!, v1 = voxels[row + i + 1]!, v2 = voxels[row + i + 2]!, v3 = voxels[row + i + 3]!;
        if (v0 < m0) m0 = v0;
        if (v1 < m1) m1 = v1;
        if (v2 < m2) m2 = v2;
        if (v3 < m3) m3 = v3;
      }
      for (let i = quads; i < nx; i++) { const v = voxels[row + i]!; if (v < m0) m0 = v; }
      line[j] = Math.min(m0, m1, m2, m3);
    }
  }
}

/**
 * Rays along j, maximum (`max`) or minimum: one line per column i. Several rows are folded per pass,
 * in row order, so the line is read and written once per pass rather than once per row.
 */
function foldColumns(voxels: VoxelArray, base: number, nx: number, ny: number, max: boolean, line: Float32Array): void {
  let j = 0;
  for (; j + ROWS_PER_PASS <= ny; j += ROWS_PER_PASS) {
    const r0 = base + j * nx, r1 = r0 + nx, r2 = r1 + nx, r3 = r2 + nx;
    if (max) {
      for (let i = 0; i < nx; i++) {
        let m = line[i]!, v = voxels[r0 + i]!;
        if (v > m) m = v;
        v = voxels[r1 + i]!; if (v > m) m = v;
        v = voxels[r2 + i]!; if (v > m) m = v;
        v = voxels[r3 + i]!; if (v > m) m = v;
        line[i] = m;
      }
    } else {
      for (let i = 0; i < nx; i++) {
        let m = line[i]!, v = voxels[r0 + i]!;
        if (v < m) m = v;
        v = voxels[r1 + i]!; if (v < m) m = v;
        v = voxels[r2 + i]!; if (v < m) m = v;
        v = voxels[r3 + i]!; if (v < m) m = v;
        line[i] = m;
      }
    }
  }
  for (; j < ny; j++) {
    const row = base + j * nx;
    if (max) for (let i = 0; i < nx; i++) { const v = voxels[row + i]!; if (v > line[i]!) line[i] = v; }
    else for (let i = 0; i < nx; i++) { const v = voxels[row + i]!; if (v < line[i]!) line[i] = v; }
  }
}

/**
 * {@link foldColumns} for 16-bit voxels: the line starts as row 0 and is kept in 32-bit integers
 * (no conversions in the loop), eight rows per pass; then copied into `line`. Integers have no NaN
 * and no −0, so the result is the same as folding into `line` from ±∞.
 */
function foldIntColumns(voxels: Int16Array, base: number, nx: number, ny: number, max: boolean, acc: Int32Array, line: Float32Array): void {
  for (let i = 0; i < nx; i++) acc[i] = voxels[base + i]!;
  let j = 1;
  for (; j + 2 * ROWS_PER_PASS <= ny; j += 2 * ROWS_PER_PASS) {
    const r0 = base + j * nx, r1 = r0 + nx, r2 = r1 + nx, r3 = r2 + nx, r4 = r3 + nx, r5 = r4 + nx, r6 = r5 + nx, r7 = r6 + nx;
    if (max) {
      for (let i = 0; i < nx; i++) {
        let m = acc[i]!, v = voxels[r0 + i]!;
        if (v > m) m = v;
        v = voxels[r1 + i]!; if (v > m) m = v;
        v = voxels[r2 + i]!; if (v > m) m = v;
        v = voxels[r3 + i]!; if (v > m) m = v;
        v = voxels[r4 + i]!; if (v > m) m = v;
        v = voxels[r5 + i]!; if (v > m) m = v;
        v = voxels[r6 + i]!; if (v > m) m = v;
        v = voxels[r7 + i]!; if (v > m) m = v;
        acc[i] = m;
      }
    } else {
      for (let i = 0; i < nx; i++) {
        let m = acc[i]!, v = voxels[r0 + i]!;
        if (v < m) m = v;
        v = voxels[r1 + i]!; if (v < m) m = v;
        v = voxels[r2 + i]!; if (v < m) m = v;
        v = voxels[r3 + i]!; if (v < m) m = v;
        v = voxels[r4 + i]!; if (v < m) m = v;
        v = voxels[r5 + i]!; if (v < m) m = v;
        v = voxels[r6 + i]!; if (v < m) m = v;
        v = voxels[r7 + i]!; if (v < m) m = v;
        acc[i] = m;
      }
    }
  }
  for (; j < ny; j++) {
    const row = base + j * nx;
    if (max) for (let i = 0; i < nx; i++) { const v = voxels[row + i]!; if (v > acc[i]!) acc[i] = v; }
    else for (let i = 0; i < nx; i++) { const v = voxels[row + i]!; if (v < acc[i]!) acc[i] = v; }
  }
  line.set(acc);
}

/** Rays along j, mean: the line accumulates row after row (single precision, as it is stored). */
function sumColumns(voxels: VoxelArray, base: number, nx: number, ny: number, line: Float32Array): void {
  for (let j = 0; j < ny; j++) {
    const row = base + j * nx;
    for (let i = 0; i < nx; i++) line[i]! += voxels[row + i]!;
  }
}
