import { plotText, type TextLayout } from '@atrium/sdk';
import { setPixel, type Canvas, type Rgb } from './canvas.js';

export { fitText, textWidth, wrapText } from '@atrium/sdk';

/** How to draw text: integer pixel scale (1 = 5×7 glyphs in 6×8 cells), colour, font. */
export interface TextStyle extends TextLayout {
  readonly colour?: Rgb;
}

/**
 * Draw `text` with its top-left corner at (x, y): each set glyph pixel becomes a
 * `scale × scale` square of `colour` (default white); unset pixels are left as they are.
 * Pixels outside the canvas are clipped. Returns the width drawn.
 */
export function drawText(c: Canvas, text: string, x: number, y: number, style: TextStyle = {}): number {
  const { colour = [255, 255, 255] } = style;
  return plotText(text, x, y, (px, py) => setPixel(c, px, py, colour), style);
}
