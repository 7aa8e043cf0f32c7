import type { DerivedPixels } from '@atrium/sdk';
import type { Canvas } from './canvas.js';

/** A canvas as 8-bit RGB pixels (Samples per Pixel 3, Bits Allocated 8), as 002 Table 4-10 gives colour images. */
export function rgbPixels(c: Canvas): DerivedPixels {
  return { rows: c.height, columns: c.width, samplesPerPixel: 3, bitsAllocated: 8, data: c.data };
}

/** Grey level 255 (white) in the 16-bit physician report: 255 × 16 = 4080, a 12-bit range. */
export const GREY16_SCALE = 16;

/**
 * A canvas as 16-bit signed MONOCHROME2 pixels (Bits Allocated 16, Pixel Representation 1),
 * as 002 Table 4-10 gives black-and-white images: the luminance of each pixel (ITU-R BT.601,
 * rounded) × {@link GREY16_SCALE}, so white is 4080.
 */
export function grey16Pixels(c: Canvas): DerivedPixels {
  const n = c.width * c.height;
  const data = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const y = Math.round(0.299 * c.data[3 * i]! + 0.587 * c.data[3 * i + 1]! + 0.114 * c.data[3 * i + 2]!);
    data[i] = y * GREY16_SCALE;
  }
  return { rows: c.height, columns: c.width, samplesPerPixel: 1, bitsAllocated: 16, signed: true, data };
}
