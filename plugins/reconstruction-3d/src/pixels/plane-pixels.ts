import type { DerivedPixels } from '@atrium/sdk';

/** Stored values of a reformatted plane: signed 16-bit for CT (HU, Rescale 0 / 1), MR 16-bit as fits. */
export interface PlanePixels {
  readonly pixels: DerivedPixels;
  /** True when signed (Pixel Representation 1). */
  readonly signed: boolean;
}

/**
 * Round a sampled plane to 16-bit stored values: signed when `signed` (CT in HU: the values are the
 * HU, Rescale Intercept 0 and Slope 1), otherwise unsigned when no value is negative; values beyond
 * the 16-bit range are clamped.
 */
export function planePixels(values: Float32Array, rows: number, columns: number, forceSigned: boolean): PlanePixels {
  let negative = false;
  for (let i = 0; i < values.length; i++) if (values[i]! < -0.5) { negative = true; break; }
  const signed = forceSigned || negative;
  const data = signed ? new Int16Array(values.length) : new Uint16Array(values.length);
  const lo = signed ? -32768 : 0, hi = signed ? 32767 : 65535;
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(values[i]!);
    data[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return { pixels: { rows, columns, samplesPerPixel: 1, bitsAllocated: 16, signed, data }, signed };
}
