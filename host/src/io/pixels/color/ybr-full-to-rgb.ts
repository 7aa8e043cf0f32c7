import type { PixelArray } from '../pixel-types.js';

// PS3.3 C.7.6.3.1.2 / ITU-T T.871 §7, with the green coefficients written as T.871 derives them.
const CR_R = 1.402;
const CB_G = (-0.114 * 1.772) / 0.587;
const CR_G = (-0.299 * 1.402) / 0.587;
const CB_B = 1.772;

/**
 * Converts interleaved full-range YCbCr (YBR_FULL) to RGB: `R = Y + 1.402 Cr'`,
 * `G = Y - 0.344136 Cb' - 0.714136 Cr'`, `B = Y + 1.772 Cb'` with `Cb' = Cb - 2^(bits-1)`,
 * rounded half up and clamped to `0..2^bits - 1`. Returns a new array of the same type.
 */
export function ybrFullToRgb<T extends PixelArray>(ybr: T, bitsStored: number): T {
  const out = new (ybr.constructor as new (n: number) => T)(ybr.length);
  const half = 2 ** (bitsStored - 1);
  const max = 2 ** bitsStored - 1;
  const clamp = (v: number): number => {
    const r = Math.floor(v + 0.5);
    return r < 0 ? 0 : r > max ? max : r;
  };
  for (let i = 0; i + 2 < ybr.length; i += 3) {
    const y = ybr[i]!;
    const cb = ybr[i + 1]! - half;
    const cr = ybr[i + 2]! - half;
    out[i] = clamp(y + CR_R * cr);
    out[i + 1] = clamp(y + CB_G * cb + CR_G * cr);
    out[i + 2] = clamp(y + CB_B * cb);
  }
  return out;
}
