import type { Vec3, Volume, VoxelArray } from '@atrium/sdk';
import type { ProjectionMode } from './project-volume.js';
import { rayRuns, type RayRuns } from './ray-runs.js';

/**
 * Rays at any angle in the slice plane, marched with bilinear sampling of the one slice. Every slice
 * is crossed by the same in-plane rays, so each ray is split once into its samples near the slice's
 * edge (voxel offset, neighbour steps and weights stored, the edge half voxel clamped) and its run
 * of inner samples, whose position is advanced and whose weights are computed as it is marched — no
 * bounds checks and no stored path to read back for each slice. Two slices are marched per pass, so
 * each inner sample's position and weights serve both. Samples are taken in ray order, so ties and
 * the mean's sums come out as a sample-by-sample loop gives them. Row r of `values` is slice r
 * (`down`) or nz − 1 − r.
 */
export function marchSlices(volume: Volume, start: Vec3, dc: Vec3, ds: Vec3, samples: number, columns: number, down: boolean, options: { readonly mode: ProjectionMode; readonly fill: number }, values: Float32Array): void {
  const [nx, ny, nz] = volume.dimensions;
  const runs = rayRuns(nx, ny, start, dc, ds, samples, columns);
  const { mode, fill } = options;
  const acc = new Float64Array(2);
  for (let r = 0; r < nz; r += 2) {
    const two = r + 1 < nz;
    const base0 = (down ? r : nz - 1 - r) * nx * ny;
    const base1 = two ? (down ? r + 1 : nz - 2 - r) * nx * ny : base0;
    for (let c = 0; c < columns; c++) {
      const count = runs.start[c + 1]! - runs.start[c]! + runs.count[c]!;
      if (count === 0) {
        values[r * columns + c] = fill;
        if (two) values[(r + 1) * columns + c] = fill;
        continue;
      }
      marchRayPair(volume.voxels, base0, base1, nx, ds, runs, c, mode, acc);
      values[r * columns + c] = mode === 'mean' ? acc[0]! / count : acc[0]!;
      if (two) values[(r + 1) * columns + c] = mode === 'mean' ? acc[1]! / count : acc[1]!;
    }
  }
}

/**
 * The maximum (minimum, sum) of ray `c`'s samples in the slices at `base0` and `base1`, into
 * `acc[0]` and `acc[1]`: edge samples before, inner run, edge samples after.
 */
function marchRayPair(voxels: VoxelArray, base0: number, base1: number, nx: number, ds: Vec3, runs: RayRuns, c: number, mode: ProjectionMode, acc: Float64Array): void {
  const init = mode === 'mip' ? -Infinity : mode === 'minip' ? Infinity : 0;
  let acc0 = edgeSamples(voxels, base0, runs, runs.start[c]!, runs.lead[c]!, mode, init);
  let acc1 = edgeSamples(voxels, base1, runs, runs.start[c]!, runs.lead[c]!, mode, init);
  const n = runs.count[c]!, dx = ds[0], dy = ds[1];
  let x = runs.x[c]!, y = runs.y[c]!;
  // Inside [0, nx − 1) × [0, ny − 1): the lower corner and its three neighbours are in the slice.
  for (let s = 0; s < n; s++, x += dx, y += dy) {
    const x0 = x | 0, y0 = y | 0, fx = Math.fround(x - x0), fy = Math.fround(y - y0);
    const q = y0 * nx + x0;
    let p = base0 + q;
    let a = voxels[p]!, b = voxels[p + 1]!, cc = voxels[p + nx]!, d = voxels[p + nx + 1]!;
    let top = a + fx * (b - a);
    const v0 = top + fy * (cc + fx * (d - cc) - top);
    p = base1 + q;
    a = voxels[p]!; b = voxels[p + 1]!; cc = voxels[p + nx]!; d = voxels[p + nx + 1]!;
    top = a + fx * (b - a);
    const v1 = top + fy * (cc + fx * (d - cc) - top);
    if (mode === 'mip') {
      if (v0 > acc0) acc0 = v0;
      if (v1 > acc1) acc1 = v1;
    } else if (mode === 'minip') {
      if (v0 < acc0) acc0 = v0;
      if (v1 < acc1) acc1 = v1;
    } else {
      acc0 += v0;
      acc1 += v1;
    }
  }
  acc[0] = edgeSamples(voxels, base0, runs, runs.lead[c]!, runs.start[c + 1]!, mode, acc0);
  acc[1] = edgeSamples(voxels, base1, runs, runs.lead[c]!, runs.start[c + 1]!, mode, acc1);
}

/** Folds the stored edge samples `from` … `to` − 1 into `acc`. */
function edgeSamples(voxels: VoxelArray, base: number, runs: RayRuns, from: number, to: number, mode: ProjectionMode, acc: number): number {
  for (let s = from; s < to; s++) {
    const q = base + runs.offset[s]!;
    const fx = runs.fx[s]!, fy = runs.fy[s]!, dx = runs.dx[s]!, dy = runs.dy[s]!;
    const a = voxels[q]!, b = voxels[q + dx]!, cc = voxels[q + dy]!, d = voxels[q + dy + dx]!;
    const top = a + fx * (b - a);
    const v = top + fy * (cc + fx * (d - cc) - top);
    if (mode === 'mip') { if (v > acc) acc = v; }
    else if (mode === 'minip') { if (v < acc) acc = v; }
    else acc += v;
  }
  return acc;
}
