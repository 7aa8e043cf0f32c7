import type { Vec3, Volume, VoxelArray } from '@atrium/sdk';
import type { ProjectionMode } from './project-volume.js';
import { rayRuns, type RayRuns } from './ray-runs.js';

/**
 * Rays at any angle in the slice plane, marched with bilinear sampling of the one slice. Every slice
 * is crossed by the same in-plane rays, so each ray is split once into its samples near the slice's
 * edge (voxel offset, neighbour steps and weights stored, the edge half voxel clamped) and its run
 * of inner samples, whose position is advanced and whose weights are computed as it is marched — no
 * bounds checks and no stored path to read back for each slice. Samples are taken in ray order, so
 * ties and the mean's sums come out as a sample-by-sample loop gives them. Row r of `values` is
 * slice r (`down`) or nz − 1 − r.
 */
export function marchSlices(volume: Volume, start: Vec3, dc: Vec3, ds: Vec3, samples: number, columns: number, down: boolean, options: { readonly mode: ProjectionMode; readonly fill: number }, values: Float32Array): void {
  const [nx, ny, nz] = volume.dimensions;
  const runs = rayRuns(nx, ny, start, dc, ds, samples, columns);
  for (let r = 0; r < nz; r++) {
    const base = (down ? r : nz - 1 - r) * nx * ny;
    for (let c = 0; c < columns; c++) {
      const count = runs.start[c + 1]! - runs.start[c]! + runs.count[c]!;
      if (count === 0) { values[r * columns + c] = options.fill; continue; }
      const acc = marchRay(volume.voxels, base, nx, ds, runs, c, options.mode);
      values[r * columns + c] = options.mode === 'mean' ? acc / count : acc;
    }
  }
}

/** The maximum (minimum, sum) of ray `c`'s samples in the slice at `base`: edge samples before, inner run, edge samples after. */
function marchRay(voxels: VoxelArray, base: number, nx: number, ds: Vec3, runs: RayRuns, c: number, mode: ProjectionMode): number {
  let acc = mode === 'mip' ? -Infinity : mode === 'minip' ? Infinity : 0;
  acc = edgeSamples(voxels, base, runs, runs.start[c]!, runs.lead[c]!, mode, acc);
  const n = runs.count[c]!;
  if (n > 0) {
    const dx = ds[0], dy = ds[1];
    let x = runs.x[c]!, y = runs.y[c]!;
    // Inside [0, nx − 1) × [0, ny − 1): the lower corner and its three neighbours are in the slice.
    if (mode === 'mip') {
      for (let s = 0; s < n; s++, x += dx, y += dy) {
        const x0 = x | 0, y0 = y | 0, fx = Math.fround(x - x0), fy = Math.fround(y - y0);
        const q = base + y0 * nx + x0;
        const a = voxels[q]!, b = voxels[q + 1]!, cc = voxels[q + nx]!, d = voxels[q + nx + 1]!;
        const top = a + fx * (b - a);
        const v = top + fy * (cc + fx * (d - cc) - top);
        if (v > acc) acc = v;
      }
    } else {
      for (let s = 0; s < n; s++, x += dx, y += dy) {
        const x0 = x | 0, y0 = y | 0, fx = Math.fround(x - x0), fy = Math.fround(y - y0);
        const q = base + y0 * nx + x0;
        const a = voxels[q]!, b = voxels[q + 1]!, cc = voxels[q + nx]!, d = voxels[q + nx + 1]!;
        const top = a + fx * (b - a);
        const v = top + fy * (cc + fx * (d - cc) - top);
        if (mode === 'minip') { if (v < acc) acc = v; }
        else acc += v;
      }
    }
  }
  return edgeSamples(voxels, base, runs, runs.lead[c]!, runs.start[c + 1]!, mode, acc);
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
