import { bitmapFont, type BitmapFont } from './bitmap-font.js';

/** Layout of bitmap text: integer pixel scale (1 = 5×7 glyphs in 6×8 cells) and font. */
export interface TextLayout {
  readonly scale?: number;
  readonly font?: BitmapFont;
}

/** Width in pixels of `text` (the advance of its cells, without the trailing blank column). */
export function textWidth(text: string, layout: TextLayout = {}): number {
  const { scale = 1, font = bitmapFont } = layout;
  const n = [...text].length;
  return n === 0 ? 0 : (n * font.cellWidth - (font.cellWidth - font.glyphWidth)) * scale;
}

/** `text`, shortened with "..." so that it is at most `maxWidth` pixels wide. */
export function fitText(text: string, maxWidth: number, layout: TextLayout = {}): string {
  if (textWidth(text, layout) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}...`, layout) > maxWidth) chars.pop();
  return chars.length === 0 ? '' : `${chars.join('')}...`;
}

/**
 * `text` broken into lines at most `maxWidth` pixels wide, at spaces; a word wider than a
 * line is shortened with "...".
 */
export function wrapText(text: string, maxWidth: number, layout: TextLayout = {}): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (textWidth(candidate, layout) <= maxWidth) line = candidate;
    else {
      if (line !== '') lines.push(line);
      line = fitText(word, maxWidth, layout);
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Draw `text` with its top-left corner at (x, y) by calling `plot(px, py)` for every set
 * pixel (each glyph pixel becomes a `scale × scale` square); the caller decides the value
 * and clips. Returns the width drawn ({@link textWidth}).
 */
export function plotText(text: string, x: number, y: number, plot: (px: number, py: number) => void, layout: TextLayout = {}): number {
  const { scale = 1, font = bitmapFont } = layout;
  let cx = x;
  for (const char of text) {
    for (let gy = 0; gy < font.glyphHeight; gy++) {
      for (let gx = 0; gx < font.glyphWidth; gx++) {
        if (!font.pixel(char, gx, gy)) continue;
        for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) plot(cx + gx * scale + sx, y + gy * scale + sy);
      }
    }
    cx += font.cellWidth * scale;
  }
  return textWidth(text, layout);
}
