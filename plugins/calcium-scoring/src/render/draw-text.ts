import { bitmapFont, type BitmapFont } from './bitmap-font.js';
import { setPixel, type Canvas, type Rgb } from './canvas.js';

/** How to draw text: integer pixel scale (1 = 5×7 glyphs in 6×8 cells), colour, font. */
export interface TextStyle {
  readonly scale?: number;
  readonly colour?: Rgb;
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
 * `scale × scale` square of `colour` (default white); unset pixels are left as they are.
 * Pixels outside the canvas are clipped. Returns the width drawn ({@link textWidth}).
 */
export function drawText(c: Canvas, text: string, x: number, y: number, style: TextStyle = {}): number {
  const { scale = 1, colour = [255, 255, 255], font = bitmapFont } = style;
  let cx = x;
  for (const char of text) {
    for (let gy = 0; gy < font.glyphHeight; gy++) {
      for (let gx = 0; gx < font.glyphWidth; gx++) {
        if (!font.pixel(char, gx, gy)) continue;
        for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) setPixel(c, cx + gx * scale + sx, y + gy * scale + sy, colour);
      }
    }
    cx += font.cellWidth * scale;
  }
  return textWidth(text, style);
}

/**
 * `text` broken into lines at most `maxWidth` pixels wide in `style`, at spaces; a word
 * wider than a line is shortened with "...".
 */
export function wrapText(text: string, maxWidth: number, style: TextStyle = {}): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (textWidth(candidate, style) <= maxWidth) line = candidate;
    else {
      if (line !== '') lines.push(line);
      line = fitText(word, maxWidth, style);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
