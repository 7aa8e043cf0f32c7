import type { SlicePlane } from '../geometry/series-geometry.js';

/** Where each frame of a multi-frame image lies, and what its values are. */
export interface MultiFramePlanes {
  /** One plane per frame, in frame order. */
  readonly planes: readonly SlicePlane[];
  /** Rescale Type of the frames' Pixel Value Transformation, when given. */
  readonly rescaleType: string | undefined;
  /** Slice spacing of a one-frame volume (mm), when the object gives one. */
  readonly sliceSpacing: number | undefined;
  /** What a frame is, for messages (e.g. "frame 3 (stack 1, position 3)"). */
  readonly frameLabel: (f: number) => string;
}
