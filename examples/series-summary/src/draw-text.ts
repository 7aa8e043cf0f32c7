import { bitmapFont, type BitmapFont } from './bitmap-font.js';
import { setPixel, type Raster } from './raster.js';

/** How to draw text: integer pixel scale (1 = 5×7 glyphs in 6×8 cells), grey value, font. */
export interface TextStyle {
  readonly scale?: number;
  readonly value?: number;
  readonly font?: BitmapFont;
}

/** Width in pixels of `text` drawn with `style` (the advance of its cells, without the trailing blank column). */
export function textWidth(text: string, style: TextStyle = {}): number {
  const { scale = 1, font = bitmapFont } = style;
  const n = [...text].length;
  return n === 0 ? 0 : (n * font.cellWidth - (font.cellWidth - font.glyphWidth)) * scale;
}

/** `text`, shortened with "..." so that it is at most `maxWidth` pixels wide in `style`. */
export function fitText(text: string, maxWidth: number, style: TextStyle = {}): string {
  if (textWidth(text, style) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}...`, style) > maxWidth) chars.pop();
  return chars.length === 0 ? '' : `${chars.join('')}...`;
}

/**
 * Draw `text` with its top-left corner at (x, y): each set glyph pixel becomes a
 * `scale × scale` square of `value` (default 255); unset pixels are left as they are.
 * Pixels outside the raster are clipped. Returns the width drawn ({@link textWidth}).
 */
export function drawText(r: Raster, text: string, x: number, y: number, style: TextStyle = {}): number {
  const { scale = 1, value = 255, font = bitmapFont } = style;
  let cx = x;
  for (const char of text) {
    for (let gy = 0; gy < font.glyphHeight; gy++) {
      for (let gx = 0; gx < font.glyphWidth; gx++) {
        if (!font.pixel(char, gx, gy)) continue;
        for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) setPixel(r, cx + gx * scale + sx, y + gy * scale + sy, value);
      }
    }
    cx += font.cellWidth * scale;
  }
  return textWidth(text, style);
}
