import type { Vec3, Volume } from '@atrium/sdk';
import { volumeTransform } from '@atrium/sdk';
import { add, scale } from '../geometry/vec3.js';
import type { ProjectionMode } from './project-volume.js';
import type { ProjectionGrid, ProjectionView } from './projection-views.js';

/** A projection with one image row per slice of the volume (before resampling to square pixels). */
export interface SliceProjection {
  /** rows = the volume's slices, in the order of `view.down`; columns as the grid's. */
  readonly values: Float32Array;
  readonly rows: number;
  readonly columns: number;
  /** Distance between rows (mm): the slice spacing. */
  readonly rowSpacing: number;
  /** Position along `view.down` of row 0 relative to the grid's first row (mm). */
  readonly rowOffset: number;
}

/**
 * A projection whose rays lie in the slices of the volume (the rotation axis is the slice normal,
 * e.g. a head–foot rotation of an axial stack): each slice is projected on its own, marching the
 * in-plane ray with bilinear sampling of that slice only, so no value is blended across slices and
 * the inner loop touches one slice. Returns one row per slice; the caller resamples the rows to the
 * grid's square pixels. Undefined when the view's rays or rows are not in the slice planes.
 */
export function projectSlices(volume: Volume, view: ProjectionView, grid: ProjectionGrid, options: { readonly mode: ProjectionMode; readonly step: number; readonly fill: number }): SliceProjection | undefined {
  const dk = volume.direction[2];
  const alongDown = view.down[0] * dk[0] + view.down[1] * dk[1] + view.down[2] * dk[2];
  if (Math.abs(Math.abs(alongDown) - 1) > 1e-6) return undefined;
  const m = volumeTransform(volume).inverse;
  const lin = (v: Vec3): Vec3 => [m[0]! * v[0] + m[1]! * v[1] + m[2]! * v[2], m[4]! * v[0] + m[5]! * v[1] + m[6]! * v[2], m[8]! * v[0] + m[9]! * v[1] + m[10]! * v[2]];
  const nz = volume.dimensions[2];
  const { columns, pixelSpacing: ps, centre, halfDepth } = grid;
  const samples = Math.max(1, Math.round((2 * halfDepth) / options.step) + 1);
  const step = samples > 1 ? (2 * halfDepth) / (samples - 1) : 0;
  const c0 = lin(add(add(centre, scale(view.right, (-(columns - 1) / 2) * ps)), scale(view.ray, -halfDepth)));
  const start: Vec3 = [c0[0] + m[3]!, c0[1] + m[7]!, c0[2] + m[11]!];
  const dc = lin([view.right[0] * ps, view.right[1] * ps, view.right[2] * ps]);
  const ds = lin([view.ray[0] * step, view.ray[1] * step, view.ray[2] * step]);
  const values = new Float32Array(nz * columns);
  const aligned = grid.slab ? undefined : alignedAxis(volume, view.ray);
  if (aligned !== undefined) reduceAligned(volume, aligned, start, dc, columns, alongDown > 0, options, values);
  else marchSlices(volume, start, dc, ds, samples, columns, alongDown > 0, options, values);
  // Row 0 lies at the first slice's (or last slice's) position along `down`, relative to the grid's first row.
  const firstSlice = volumeTransform(volume).indexToPatient([0, 0, alongDown > 0 ? 0 : nz - 1]);
  const gridTop = (centre[0] - firstSlice[0]) * view.down[0] + (centre[1] - firstSlice[1]) * view.down[1] + (centre[2] - firstSlice[2]) * view.down[2];
  return { values, rows: nz, columns, rowSpacing: volume.spacing[2], rowOffset: ((grid.rows - 1) / 2) * ps - gridTop };
}

type Options = { readonly mode: ProjectionMode; readonly fill: number };

/** 0 or 1 when the rays run along the volume's i or j axis (either way), else undefined. */
function alignedAxis(volume: Volume, ray: Vec3): 0 | 1 | undefined {
  for (const a of [0, 1] as const) {
    const d = volume.direction[a];
    if (Math.abs(Math.abs(d[0] * ray[0] + d[1] * ray[1] + d[2] * ray[2]) - 1) < 1e-9) return a;
  }
  return undefined;
}

/**
 * Rays along a voxel axis: every voxel of the slice is read once, in memory order, into a
 * per-line maximum (minimum, mean) — no interpolation along the ray — and each image column takes
 * the linear interpolation of the two nearest lines.
 */
function reduceAligned(volume: Volume, axis: 0 | 1, start: Vec3, dc: Vec3, columns: number, down: boolean, options: Options, values: Float32Array): void {
  const [nx, ny, nz] = volume.dimensions;
  const voxels = volume.voxels;
  const lines = axis === 0 ? ny : nx;
  const line = new Float32Array(lines);
  const { mode, fill } = options;
  const other = axis === 0 ? 1 : 0;
  const hi = lines - 1;
  for (let r = 0; r < nz; r++) {
    const base = (down ? r : nz - 1 - r) * nx * ny;
    line.fill(mode === 'mip' ? -Infinity : mode === 'minip' ? Infinity : 0);
    if (axis === 0) {
      // Rays along i: one line per row j, the reduction of a contiguous run.
      for (let j = 0; j < ny; j++) {
        const row = base + j * nx;
        let acc = line[j]!;
        if (mode === 'mip') for (let i = 0; i < nx; i++) { const v = voxels[row + i]!; if (v > acc) acc = v; }
        else if (mode === 'minip') for (let i = 0; i < nx; i++) { const v = voxels[row + i]!; if (v < acc) acc = v; }
        else for (let i = 0; i < nx; i++) acc += voxels[row + i]!;
        line[j] = acc;
      }
    } else {
      // Rays along j: one line per column i, updated row after row.
      for (let j = 0; j < ny; j++) {
        const row = base + j * nx;
        if (mode === 'mip') for (let i = 0; i < nx; i++) { const v = voxels[row + i]!; if (v > line[i]!) line[i] = v; }
        else if (mode === 'minip') for (let i = 0; i < nx; i++) { const v = voxels[row + i]!; if (v < line[i]!) line[i] = v; }
        else for (let i = 0; i < nx; i++) line[i]! += voxels[row + i]!;
      }
    }
    if (mode === 'mean') for (let l = 0; l < lines; l++) line[l]! /= axis === 0 ? nx : ny;
    for (let c = 0; c < columns; c++) {
      const x = start[other] + c * dc[other];
      if (!(x >= -0.5 && x <= hi + 0.5)) { values[r * columns + c] = fill; continue; }
      const xc = x < 0 ? 0 : x > hi ? hi : x;
      const x0 = xc | 0, x1 = x0 < hi ? x0 + 1 : x0;
      values[r * columns + c] = line[x0]! + (xc - x0) * (line[x1]! - line[x0]!);
    }
  }
}

/**
 * Rays at any angle in the slice plane, marched with bilinear sampling of the one slice. Every slice
 * is crossed by the same in-plane rays, so each sample's voxel offset and weights are computed once
 * (samples outside the slice dropped, the edge half voxel clamped) and reused slice after slice.
 */
function marchSlices(volume: Volume, start: Vec3, dc: Vec3, ds: Vec3, samples: number, columns: number, down: boolean, options: Options, values: Float32Array): void {
  const [nx, ny, nz] = volume.dimensions;
  const voxels = volume.voxels;
  const plane = nx * ny;
  const { mode, fill } = options;
  const path = rayPaths(nx, ny, start, dc, ds, samples, columns);
  // Row r of the result is slice k = r (down along +k) or nz − 1 − r (down along −k).
  for (let r = 0; r < nz; r++) {
    const base = (down ? r : nz - 1 - r) * plane;
    for (let c = 0; c < columns; c++) {
      const from = path.start[c]!, to = path.start[c + 1]!;
      if (from === to) {
        values[r * columns + c] = fill;
        continue;
      }
      let acc = mode === 'mip' ? -Infinity : mode === 'minip' ? Infinity : 0;
      for (let s = from; s < to; s++) {
        const q = base + path.offset[s]!;
        const fx = path.fx[s]!, fy = path.fy[s]!, dx = path.dx[s]!;
        const a = voxels[q]!, b = voxels[q + dx]!, cc = voxels[q + path.dy[s]!]!, d = voxels[q + path.dy[s]! + dx]!;
        const top = a + fx * (b - a);
        const v = top + fy * (cc + fx * (d - cc) - top);
        if (mode === 'mip') { if (v > acc) acc = v; }
        else if (mode === 'minip') { if (v < acc) acc = v; }
        else acc += v;
      }
      values[r * columns + c] = mode === 'mean' ? acc / (to - from) : acc;
    }
  }
}

/** The in-slice samples of every ray: voxel offset of the lower corner, the neighbours' steps, the weights; per column a range. */
function rayPaths(nx: number, ny: number, start: Vec3, dc: Vec3, ds: Vec3, samples: number, columns: number) {
  const offset: number[] = [], dxs: number[] = [], dys: number[] = [], fxs: number[] = [], fys: number[] = [];
  const starts = new Int32Array(columns + 1);
  const hx = nx - 1, hy = ny - 1;
  for (let c = 0; c < columns; c++) {
    starts[c] = offset.length;
    let x = start[0] + c * dc[0], y = start[1] + c * dc[1];
    for (let s = 0; s < samples; s++, x += ds[0], y += ds[1]) {
      if (!(x >= -0.5 && x <= hx + 0.5 && y >= -0.5 && y <= hy + 0.5)) continue;
      const xc = x < 0 ? 0 : x > hx ? hx : x;
      const yc = y < 0 ? 0 : y > hy ? hy : y;
      const x0 = Math.floor(xc), y0 = Math.floor(yc);
      offset.push(y0 * nx + x0);
      dxs.push(x0 < hx ? 1 : 0);
      dys.push(y0 < hy ? nx : 0);
      fxs.push(xc - x0);
      fys.push(yc - y0);
    }
  }
  starts[columns] = offset.length;
  return { start: starts, offset: Int32Array.from(offset), dx: Int32Array.from(dxs), dy: Int32Array.from(dys), fx: Float32Array.from(fxs), fy: Float32Array.from(fys) };
}
