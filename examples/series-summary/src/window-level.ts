export { windowToGrey } from '@atrium/sdk';

/** The window that maps the smallest value to 0 and the largest to 255 (width 1 for constant values). */
export function fullRangeWindow(values: ArrayLike<number>): { readonly center: number; readonly width: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { center: 0.5, width: 1 };
  return { center: (min + max) / 2 + 0.5, width: max - min + 1 };
}

/** Luminance (ITU-R BT.601: 0.299 R + 0.587 G + 0.114 B) of pixel-interleaved RGB samples. */
export function rgbToGrey(rgb: ArrayLike<number>): Float64Array {
  const out = new Float64Array(Math.floor(rgb.length / 3));
  for (let i = 0; i < out.length; i++) out[i] = 0.299 * rgb[3 * i]! + 0.587 * rgb[3 * i + 1]! + 0.114 * rgb[3 * i + 2]!;
  return out;
}
