import type { PixelArray } from './pixel-types.js';

/**
 * Applies the Modality LUT's linear form, `value * slope + intercept` (PS3.3 C.11.1.1.2).
 * 8/16-bit input gives an `Int32Array` when slope is 1 and intercept an integer (exact,
 * e.g. CT to HU) and a `Float32Array` otherwise; 32-bit input gives a `Float64Array` so
 * that no value overflows or loses precision. Absent slope means 1, absent intercept 0.
 */
export function rescale(values: PixelArray, slope = 1, intercept = 0): Int32Array | Float32Array | Float64Array {
  const wide = values instanceof Uint32Array || values instanceof Int32Array || values instanceof Float64Array;
  if (!wide && slope === 1 && Number.isInteger(intercept)) {
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = values[i]! + intercept;
    return out;
  }
  const out = wide ? new Float64Array(values.length) : new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * slope + intercept;
  return out;
}
