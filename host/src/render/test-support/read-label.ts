import { bitmapFont } from '@atrium/sdk';
import { labelScale } from '../burn-label.js';

/**
 * Reads back the label burned into an image (see burnLabel) by matching each character
 * cell of its bottom band against the glyphs of the 5×7 font: a pixel is set when it is over
 * half of `white`. Greyscale (`channels` 1) or RGB (the first sample). Trailing blanks dropped;
 * a cell no glyph matches reads as '\u25a1'.
 */
export function readLabel(pixels: ArrayLike<number>, width: number, height: number, white: number, channels = 1): string {
  const scale = labelScale({ width, height });
  const top = height - (bitmapFont.cellHeight + 1) * scale + scale;
  const on = (x: number, y: number): boolean => x < width && (pixels[(y * width + x) * channels] ?? 0) > white / 2;
  const glyphs = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
  let text = '';
  for (let left = scale; left + bitmapFont.glyphWidth * scale <= width; left += bitmapFont.cellWidth * scale) {
    const match = glyphs.find((ch) => {
      for (let gy = 0; gy < bitmapFont.glyphHeight; gy++) {
        for (let gx = 0; gx < bitmapFont.glyphWidth; gx++) if (bitmapFont.pixel(ch, gx, gy) !== on(left + gx * scale, top + gy * scale)) return false;
      }
      return true;
    });
    text += match ?? '\u25a1';
  }
  return text.trimEnd();
}
