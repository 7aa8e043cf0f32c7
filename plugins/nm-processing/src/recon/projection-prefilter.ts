import { fft, nextPowerOfTwo } from './fft.js';
import { windowGain, windowProblem, type WindowSpec } from './filter-window.js';
import type { Projections } from './projections.js';

/**
 * Smooth every projection image (bins × slices) with a 2-D low-pass window of the radial frequency
 * √(fx² + fz²) (cycles/pixel; square pixels assumed), the usual pre-filter of nuclear medicine
 * FBP (Butterworth or Hann, then a ramp alone). Each image is zero-padded to the next power of two
 * of twice its size in both directions, so nothing wraps around. Returns new projections.
 */
export function prefilterProjections(p: Projections, window: WindowSpec, signal?: AbortSignal): Projections {
  const problem = windowProblem(window);
  if (problem) throw new RangeError(`pre-filter: ${problem}`);
  const { views, bins, slices } = p;
  const nb = Math.max(2, nextPowerOfTwo(2 * bins));
  const nzp = Math.max(2, nextPowerOfTwo(2 * slices));
  const gain = new Float64Array(nb * nzp);
  for (let i = 0; i < nb; i++) {
    const fx = Math.min(i, nb - i) / nb;
    for (let j = 0; j < nzp; j++) {
      const fz = Math.min(j, nzp - j) / nzp;
      gain[i * nzp + j] = windowGain(Math.sqrt(fx * fx + fz * fz), window);
    }
  }
  const out = new Float32Array(p.data.length);
  const re = new Float64Array(nb * nzp);
  const im = new Float64Array(nb * nzp);
  const rowRe = new Float64Array(Math.max(nb, nzp));
  const rowIm = new Float64Array(Math.max(nb, nzp));
  for (let v = 0; v < views; v++) {
    signal?.throwIfAborted();
    re.fill(0);
    im.fill(0);
    for (let b = 0; b < bins; b++) for (let z = 0; z < slices; z++) re[b * nzp + z] = p.data[(v * bins + b) * slices + z]!;
    transform2d(re, im, nb, nzp, rowRe, rowIm, false);
    for (let i = 0; i < re.length; i++) {
      re[i] = re[i]! * gain[i]!;
      im[i] = im[i]! * gain[i]!;
    }
    transform2d(re, im, nb, nzp, rowRe, rowIm, true);
    for (let b = 0; b < bins; b++) for (let z = 0; z < slices; z++) out[(v * bins + b) * slices + z] = re[b * nzp + z]!;
  }
  return { ...p, data: out };
}

/** 2-D FFT of an `n1 × n2` array (row-major, n2 fastest) through 1-D transforms along both axes. */
function transform2d(re: Float64Array, im: Float64Array, n1: number, n2: number, tr: Float64Array, ti: Float64Array, inverse: boolean): void {
  const r2 = tr.subarray(0, n2);
  const i2 = ti.subarray(0, n2);
  for (let a = 0; a < n1; a++) {
    r2.set(re.subarray(a * n2, (a + 1) * n2));
    i2.set(im.subarray(a * n2, (a + 1) * n2));
    fft(r2, i2, inverse);
    re.set(r2, a * n2);
    im.set(i2, a * n2);
  }
  const r1 = tr.subarray(0, n1);
  const i1 = ti.subarray(0, n1);
  for (let b = 0; b < n2; b++) {
    for (let a = 0; a < n1; a++) {
      r1[a] = re[a * n2 + b]!;
      i1[a] = im[a * n2 + b]!;
    }
    fft(r1, i1, inverse);
    for (let a = 0; a < n1; a++) {
      re[a * n2 + b] = r1[a]!;
      im[a * n2 + b] = i1[a]!;
    }
  }
}
