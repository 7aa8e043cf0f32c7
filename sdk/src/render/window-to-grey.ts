/**
 * Map modality values (e.g. HU) to 8-bit grey with a linear VOI window, as PS3.3 C.11.2.1.2.1
 * defines it for Window Center / Window Width:
 * x ≤ c − 0.5 − (w − 1)/2 → 0; x > c − 0.5 + (w − 1)/2 → 255;
 * otherwise ((x − (c − 0.5)) / (w − 1) + 0.5) × 255, rounded. Width must be ≥ 1.
 */
export function windowToGrey(values: ArrayLike<number>, center: number, width: number): Uint8Array {
  if (!(width >= 1)) throw new RangeError(`window width must be at least 1, got ${width}`);
  const out = new Uint8Array(values.length);
  const lower = center - 0.5 - (width - 1) / 2;
  const upper = center - 0.5 + (width - 1) / 2;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    out[i] = x <= lower ? 0 : x > upper ? 255 : Math.round(((x - (center - 0.5)) / (width - 1) + 0.5) * 255);
  }
  return out;
}

