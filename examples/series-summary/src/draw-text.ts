import { plotText, type TextLayout } from '@atrium/sdk';
import { setPixel, type Raster } from './raster.js';

export { fitText, textWidth } from '@atrium/sdk';

/** How to draw text: integer pixel scale (1 = 5×7 glyphs in 6×8 cells), grey value, font. */
export interface TextStyle extends TextLayout {
  readonly value?: number;
}

/**
 * Draw `text` with its top-left corner at (x, y): each set glyph pixel becomes a
 * `scale × scale` square of `value` (default 255); unset pixels are left as they are.
 * Pixels outside the raster are clipped. Returns the width drawn.
 */
export function drawText(r: Raster, text: string, x: number, y: number, style: TextStyle = {}): number {
  const { value = 255 } = style;
  return plotText(text, x, y, (px, py) => setPixel(r, px, py, value), style);
}
