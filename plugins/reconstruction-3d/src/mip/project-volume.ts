import { volumeTransform, type Vec3, type Volume } from '@atrium/sdk';
import { add, scale } from '../geometry/vec3.js';
import { voxelSampler, type Interpolation } from '../reslice/voxel-sampler.js';
import type { ProjectionGrid, ProjectionView } from './projection-views.js';

/** What a projection keeps along each ray. */
export type ProjectionMode = 'mip' | 'minip' | 'mean';

/**
 * One parallel projection of a volume (Atrium's typed-array projector): for each pixel of the
 * grid, a ray along `view.ray` through the pixel's point (centred on `grid.centre`), sampled every
 * `step` mm over ±`grid.halfDepth`, keeps the maximum (MIP), minimum (MinIP) or mean of the
 * samples inside the volume; pixels whose ray misses the volume get `fill`. The ray's voxel
 * index advances by a constant step, so the loop only adds. Returns rows × columns values.
 */
export function projectVolume(volume: Volume, view: ProjectionView, grid: ProjectionGrid, options: { readonly mode: ProjectionMode; readonly interpolation: Interpolation; readonly step: number; readonly fill: number }): Float32Array {
  const m = volumeTransform(volume).inverse;
  const lin = (v: Vec3): Vec3 => [m[0]! * v[0] + m[1]! * v[1] + m[2]! * v[2], m[4]! * v[0] + m[5]! * v[1] + m[6]! * v[2], m[8]! * v[0] + m[9]! * v[1] + m[10]! * v[2]];
  const { rows, columns, pixelSpacing: ps, centre, halfDepth } = grid;
  const samples = Math.max(1, Math.round((2 * halfDepth) / options.step) + 1);
  const step = samples > 1 ? (2 * halfDepth) / (samples - 1) : 0;
  // Index of the first sample of pixel (0, 0), and the index steps per column, row and sample.
  const corner = add(add(add(centre, scale(view.right, (-(columns - 1) / 2) * ps)), scale(view.down, (-(rows - 1) / 2) * ps)), scale(view.ray, -halfDepth));
  const f = lin(corner);
  const first: Vec3 = [f[0] + m[3]!, f[1] + m[7]!, f[2] + m[11]!];
  const dc = lin([view.right[0] * ps, view.right[1] * ps, view.right[2] * ps]);
  const dr = lin([view.down[0] * ps, view.down[1] * ps, view.down[2] * ps]);
  const ds = lin([view.ray[0] * step, view.ray[1] * step, view.ray[2] * step]);
  const sample = voxelSampler(volume.voxels, volume.dimensions, options.interpolation);
  const out = new Float32Array(rows * columns);
  const { mode, fill } = options;
  let p = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++, p++) {
      let x = first[0] + c * dc[0] + r * dr[0], y = first[1] + c * dc[1] + r * dr[1], z = first[2] + c * dc[2] + r * dr[2];
      let acc = mode === 'mip' ? -Infinity : mode === 'minip' ? Infinity : 0;
      let n = 0;
      for (let s = 0; s < samples; s++, x += ds[0], y += ds[1], z += ds[2]) {
        const v = sample(x, y, z);
        if (v !== v) continue;
        n++;
        if (mode === 'mip') { if (v > acc) acc = v; }
        else if (mode === 'minip') { if (v < acc) acc = v; }
        else acc += v;
      }
      out[p] = n === 0 ? fill : mode === 'mean' ? acc / n : acc;
    }
  }
  return out;
}
