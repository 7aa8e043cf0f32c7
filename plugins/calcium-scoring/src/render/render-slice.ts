import { blitGrey, createCanvas, type Canvas } from './canvas.js';
import { downsample, fitInside } from '@atrium/sdk';
import { markLesions, overlayLesions, type LesionOverlay } from './overlay-lesions.js';
import { CALCIUM_WINDOW, windowToGrey } from './window-level.js';

/** One slice in HU with the lesions to colour on it. */
export interface SliceImage {
  readonly rows: number;
  readonly columns: number;
  /** `rows × columns` HU, row by row. */
  readonly hu: ArrayLike<number>;
  readonly lesions: readonly LesionOverlay[];
}

/**
 * A slice windowed for calcium (W 800 / L 200), lesion pixels in their colours (pure).
 * Without `box`: full size. With `box`: area-averaged (in HU, before windowing) to fit in
 * `box × box`, aspect kept, lesions mapped onto the smaller grid. `markPad` (key images):
 * also outline each lesion with a square `markPad` pixels outside its pixels.
 */
export function renderSlice(slice: SliceImage, box?: number, markPad?: number): Canvas {
  const size = box === undefined ? { width: slice.columns, height: slice.rows } : fitInside(slice.columns, slice.rows, box);
  const values = size.width === slice.columns && size.height === slice.rows ? slice.hu : downsample({ width: slice.columns, height: slice.rows, data: slice.hu }, size.width, size.height);
  const c = createCanvas(size.width, size.height);
  blitGrey(c, { width: size.width, height: size.height, data: windowToGrey(values, CALCIUM_WINDOW.center, CALCIUM_WINDOW.width) }, 0, 0);
  overlayLesions(c, slice.rows, slice.columns, slice.lesions);
  if (markPad !== undefined) markLesions(c, slice.rows, slice.columns, slice.lesions, markPad);
  return c;
}
