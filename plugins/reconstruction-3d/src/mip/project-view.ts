import type { Volume } from '@atrium/sdk';
import type { Interpolation } from '../reslice/voxel-sampler.js';
import { projectSlices, type SliceProjection } from './project-slices.js';
import { projectVolume, type ProjectionMode } from './project-volume.js';
import type { ProjectionGrid, ProjectionView } from './projection-views.js';

/** Options of {@link projectView}. */
export interface ProjectViewOptions {
  readonly mode: ProjectionMode;
  /** Sampling of the general path (rays across slices); the in-slice path is bilinear. */
  readonly interpolation: Interpolation;
  /** Distance between samples along a ray (mm). */
  readonly step: number;
  /** Value of pixels whose ray misses the volume. */
  readonly fill: number;
}

/**
 * One view of a rotating projection on the grid's square pixels: when the rays lie in the slices
 * (rotation about the slice normal, the usual head–foot rotation of an axial stack) each slice is
 * projected on its own ({@link projectSlices}) and the rows are interpolated to the grid; otherwise
 * rays are marched through the volume ({@link projectVolume}).
 */
export function projectView(volume: Volume, view: ProjectionView, grid: ProjectionGrid, options: ProjectViewOptions): Float32Array {
  const bySlice = projectSlices(volume, view, grid, options);
  return bySlice ? rowsToGrid(bySlice, grid, options.fill) : projectVolume(volume, view, grid, options);
}

/** Interpolate the per-slice rows to the grid's rows (linear between the two nearest slices). */
function rowsToGrid(p: SliceProjection, grid: ProjectionGrid, fill: number): Float32Array {
  const out = new Float32Array(grid.rows * grid.columns);
  const { columns } = grid;
  for (let r = 0; r < grid.rows; r++) {
    const y = (r * grid.pixelSpacing - p.rowOffset) / p.rowSpacing;
    const o = r * columns;
    if (!(y >= -0.5 - 1e-6 && y <= p.rows - 0.5 + 1e-6)) {
      out.fill(fill, o, o + columns);
      continue;
    }
    const yc = Math.min(Math.max(y, 0), p.rows - 1);
    const y0 = Math.floor(yc);
    const y1 = Math.min(y0 + 1, p.rows - 1);
    const f = yc - y0;
    for (let c = 0; c < columns; c++) {
      const a = p.values[y0 * columns + c]!;
      out[o + c] = a + f * (p.values[y1 * columns + c]! - a);
    }
  }
  return out;
}
