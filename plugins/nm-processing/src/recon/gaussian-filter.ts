/**
 * A 3-D Gaussian filter of a volume laid out `[(row · columns + column) · slices + slice]`,
 * separable, with the full width at half maximum given per axis in voxels (0 = no filtering on
 * that axis): σ = FWHM / (2 √(2 ln 2)), kernel truncated at 3σ and normalised to 1. Near the ends
 * of an axis the kernel is cut to the voxels inside and renormalised, so a uniform volume stays
 * uniform up to its faces (rather than darkening, as zero padding would).
 */
export function gaussianFilter(
  volume: Float32Array,
  dims: { readonly columns: number; readonly rows: number; readonly slices: number },
  fwhm: readonly [number, number, number],
): Float32Array {
  const { columns, rows, slices } = dims;
  let out: Float32Array = volume.slice();
  const strides = [slices, columns * slices, 1] as const;
  const lengths = [columns, rows, slices] as const;
  for (let axis = 0; axis < 3; axis++) {
    const kernel = gaussianKernel(fwhm[axis]!);
    if (kernel.length === 1) continue;
    out = convolveAxis(out, dims, strides[axis]!, lengths[axis]!, axis, kernel);
  }
  return out;
}

/** Normalised Gaussian weights for offsets −r … r (r = ⌈3σ⌉); [1] when fwhm ≤ 0. */
export function gaussianKernel(fwhm: number): Float64Array {
  if (!(fwhm > 0)) return Float64Array.of(1);
  const sigma = fwhm / (2 * Math.sqrt(2 * Math.LN2));
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] = k[i]! / sum;
  return k;
}

function convolveAxis(
  v: Float32Array,
  dims: { readonly columns: number; readonly rows: number; readonly slices: number },
  stride: number,
  length: number,
  axis: number,
  kernel: Float64Array,
): Float32Array {
  const out = new Float32Array(v.length);
  const r = (kernel.length - 1) / 2;
  const { columns, rows, slices } = dims;
  // Every line along the axis starts at an index whose coordinate on that axis is 0.
  for (let row = 0; row < (axis === 1 ? 1 : rows); row++) {
    for (let col = 0; col < (axis === 0 ? 1 : columns); col++) {
      for (let k = 0; k < (axis === 2 ? 1 : slices); k++) {
        const base = (row * columns + col) * slices + k;
        for (let i = 0; i < length; i++) {
          let sum = 0;
          let weight = 0;
          const lo = Math.max(-r, -i);
          const hi = Math.min(r, length - 1 - i);
          for (let j = lo; j <= hi; j++) {
            sum += kernel[j + r]! * v[base + (i + j) * stride]!;
            weight += kernel[j + r]!;
          }
          out[base + i * stride] = sum / weight;
        }
      }
    }
  }
  return out;
}
