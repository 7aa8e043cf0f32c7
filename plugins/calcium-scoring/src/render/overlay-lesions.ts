import { setPixel, strokeRect, type Canvas, type Rgb } from './canvas.js';

/** Lesion pixels to colour: indices `row × columns + column` in a `rows × columns` slice. */
export interface LesionOverlay {
  readonly pixelIndices: ArrayLike<number>;
  readonly colour: Rgb;
}

/**
 * Colour the pixels of each lesion of a `rows × columns` slice on a canvas showing that
 * slice scaled to the canvas size: slice pixel (r, c) lands on canvas pixel
 * (⌊c · width / columns⌋, ⌊r · height / rows⌋) (the identity when the sizes are equal).
 */
export function overlayLesions(c: Canvas, rows: number, columns: number, lesions: readonly LesionOverlay[]): void {
  for (const lesion of lesions) {
    for (let k = 0; k < lesion.pixelIndices.length; k++) {
      const index = lesion.pixelIndices[k]!;
      const r = Math.floor(index / columns);
      const col = index - r * columns;
      setPixel(c, Math.floor((col * c.width) / columns), Math.floor((r * c.height) / rows), lesion.colour);
    }
  }
}

/**
 * Outline each lesion with a square: the bounding box of its pixels on the canvas (mapped as
 * in {@link overlayLesions}) grown by `pad` pixels on every side, one pixel wide, in the
 * lesion's colour — so that lesions stay visible on a downsampled key image.
 */
export function markLesions(c: Canvas, rows: number, columns: number, lesions: readonly LesionOverlay[], pad: number): void {
  for (const lesion of lesions) {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let k = 0; k < lesion.pixelIndices.length; k++) {
      const index = lesion.pixelIndices[k]!;
      const r = Math.floor(index / columns);
      const x = Math.floor(((index - r * columns) * c.width) / columns);
      const y = Math.floor((r * c.height) / rows);
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
    if (x0 > x1) continue;
    strokeRect(c, x0 - pad, y0 - pad, x1 - x0 + 1 + 2 * pad, y1 - y0 + 1 + 2 * pad, lesion.colour);
  }
}
