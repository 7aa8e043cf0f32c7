import { pixelError } from '../pixel-error.js';
import type { PixelArray } from '../pixel-types.js';

/**
 * Expands native YBR_FULL_422 samples (`Y1 Y2 Cb Cr` per pair of pixels along a row,
 * PS3.3 C.7.6.3.1.2) to one `Y Cb Cr` triplet per pixel, repeating the chroma of each pair.
 */
export function upsampleYbr422<T extends PixelArray>(stored: T, rows: number, columns: number): T {
  if (columns % 2 !== 0) {
    throw pixelError('BAD_DESCRIPTION', `YBR_FULL_422 needs an even number of Columns, got ${columns}`, { columns });
  }
  const out = new (stored.constructor as new (n: number) => T)(rows * columns * 3);
  const pairs = (rows * columns) / 2;
  for (let p = 0; p < pairs; p++) {
    const i = p * 4;
    const o = p * 6;
    const cb = stored[i + 2]!;
    const cr = stored[i + 3]!;
    out[o] = stored[i]!;
    out[o + 1] = cb;
    out[o + 2] = cr;
    out[o + 3] = stored[i + 1]!;
    out[o + 4] = cb;
    out[o + 5] = cr;
  }
  return out;
}
