import type { VoxelType } from './fill-volume.js';
import type { UnevenSpacing } from './stack-plan.js';

/** Options of {@link volumeFromSeries} and {@link volumeFromMultiFrame}. */
export interface VolumeOptions {
  /**
   * Uneven spacing along the normal (a gap, a missing slice, slices drifting from a regular grid):
   * `refuse` (default, ATRIUM_ERR_VOLUME_GEOMETRY naming the slices) or `resample` (linear
   * interpolation between the two nearest slices onto a regular grid of the median increment,
   * from the first slice to the last).
   */
  readonly unevenSpacing?: UnevenSpacing;
  /** Resample along the normal to this slice spacing (mm), even or not. */
  readonly sliceSpacing?: number;
  /** `auto` (default): Int16 when every value is a whole number in −32768…32767, else Float32. */
  readonly voxelType?: VoxelType;
  /**
   * Multi-frame images: the frames (0-based) to build the volume from, e.g. those of one
   * temporal position, stack or energy window. Default: every frame.
   */
  readonly frames?: readonly number[];
  /** Checked between slices (the run's `ctx.signal`). */
  readonly signal?: AbortSignal;
  /** Called after each slice is decoded. */
  readonly onProgress?: (done: number, total: number) => void;
}
