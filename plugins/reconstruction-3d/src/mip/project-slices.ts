import type { Vec3, Volume } from '@atrium/sdk';
import { volumeTransform } from '@atrium/sdk';
import { add, scale } from '../geometry/vec3.js';
import { marchSlices } from './march-slices.js';
import type { ProjectionMode } from './project-volume.js';
import type { ProjectionGrid, ProjectionView } from './projection-views.js';
import { reduceAligned } from './reduce-aligned.js';

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

/** 0 or 1 when the rays run along the volume's i or j axis (either way), else undefined. */
function alignedAxis(volume: Volume, ray: Vec3): 0 | 1 | undefined {
  for (const a of [0, 1] as const) {
    const d = volume.direction[a];
    if (Math.abs(Math.abs(d[0] * ray[0] + d[1] * ray[1] + d[2] * ray[2]) - 1) < 1e-9) return a;
  }
  return undefined;
}
