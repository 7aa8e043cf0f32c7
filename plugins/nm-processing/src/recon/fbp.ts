import { fft, nextPowerOfTwo } from './fft.js';
import { windowGain, windowProblem, type WindowSpec } from './filter-window.js';
import { gridCenter, inFieldOfView, type ParallelView, type Projections, type ReconGrid } from './projections.js';

/** Options of {@link fbp}. */
export interface FbpOptions {
  /** The window multiplying the ramp (default: the ramp alone). */
  readonly window?: WindowSpec;
  /** Angular weight of each view (radians); default {@link angularWeights}. */
  readonly weights?: ArrayLike<number>;
  /** Zero outside the field of view (the inscribed disc); default true. */
  readonly circle?: boolean;
  readonly signal?: AbortSignal;
  /** Called after each view is back-projected. */
  readonly onView?: (done: number, total: number) => void;
  /** Slices back-projected together (default all). */
  readonly slab?: number;
}

/**
 * Filtered back-projection, slice by slice (Kak & Slaney, "Principles of Computerized Tomographic
 * Imaging", 1988, ch. 3, eq. 61): each projection row is zero-padded to the next power of two of
 * twice the bin count (at least 64), filtered with the ramp built from its band-limited spatial
 * kernel (h(0) = 1/4, h(n odd) = −1/(πn)²) times the window, and back-projected with linear
 * interpolation between bins: f(x) = Σ_views w_v · q_v(x · s_v + center_v). With views over 180°
 * (or 360°, each direction then weighted half) the result is in the projections' unit per pixel:
 * the line integral of f across the grid, in pixels, gives back the projection. These are the
 * conventions of scikit-image's `iradon` (linear interpolation), which the tests use as referee.
 */
export function fbp(p: Projections, views: readonly ParallelView[], grid: ReconGrid, options: FbpOptions = {}): Float32Array {
  if (views.length !== p.views) throw new RangeError(`fbp: ${views.length} view geometries for ${p.views} views`);
  if (grid.slices !== p.slices) throw new RangeError(`fbp: the grid has ${grid.slices} slices, the projections ${p.slices}`);
  const window = options.window ?? { name: 'ramp' };
  const problem = windowProblem(window);
  if (problem) throw new RangeError(`fbp: ${problem}`);
  const q = filterProjections(p, window, options.signal);
  const weights = options.weights ?? angularWeights(views);
  return backprojectFiltered(q, p, views, grid, weights, options);
}

/** The ramp × window response for an FFT of `size` bins (size a power of two), by bin. */
export function fbpFilterResponse(size: number, window: WindowSpec): Float64Array {
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  re[0] = 0.25;
  for (let k = 1; k < size; k++) {
    const n = Math.min(k, size - k);
    if (n % 2 === 1) re[k] = -1 / (Math.PI * n) ** 2;
  }
  fft(re, im);
  const out = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const f = Math.min(k, size - k) / size;
    out[k] = re[k]! * windowGain(f, window);
  }
  return out;
}

/** The padded FFT length used for `bins` bins: the next power of two of 2 × bins, at least 64. */
export function paddedLength(bins: number): number {
  return Math.max(64, nextPowerOfTwo(2 * bins));
}

/** Each projection row (all views, all slices) filtered with the ramp × window; same layout as `p.data`. */
export function filterProjections(p: Projections, window: WindowSpec, signal?: AbortSignal): Float32Array {
  const { views, bins, slices, data } = p;
  const size = paddedLength(bins);
  const h = fbpFilterResponse(size, window);
  const out = new Float32Array(data.length);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let v = 0; v < views; v++) {
    signal?.throwIfAborted();
    // Two real rows per complex transform: the filter is real and even, so the real and
    // imaginary parts stay apart.
    for (let z = 0; z < slices; z += 2) {
      const pair = z + 1 < slices;
      re.fill(0);
      im.fill(0);
      for (let b = 0; b < bins; b++) {
        const i = (v * bins + b) * slices + z;
        re[b] = data[i]!;
        if (pair) im[b] = data[i + 1]!;
      }
      fft(re, im);
      for (let k = 0; k < size; k++) {
        re[k] = re[k]! * h[k]!;
        im[k] = im[k]! * h[k]!;
      }
      fft(re, im, true);
      for (let b = 0; b < bins; b++) {
        const i = (v * bins + b) * slices + z;
        out[i] = re[b]!;
        if (pair) out[i + 1] = im[b]!;
      }
    }
  }
  return out;
}

/**
 * The weight of each view in the back-projection: the view's share of the half circle. Views are
 * placed by the angle of their bin axis modulo 180° (opposite views measure the same lines);
 * each distinct angle gets half the gaps to its neighbours, split between the views at that angle.
 * The weights add up to π.
 */
export function angularWeights(views: readonly ParallelView[]): Float64Array {
  const tol = 1e-4;
  const angle = views.map((v) => {
    const a = Math.atan2(v.s[1], v.s[0]) % Math.PI;
    return a < 0 ? a + Math.PI : a > Math.PI - tol ? 0 : a;
  });
  const distinct = [...new Set(angle.map((a) => Math.round(a / tol)))].sort((x, y) => x - y).map((k) => k * tol);
  const out = new Float64Array(views.length);
  if (distinct.length === 1) {
    out.fill(Math.PI / views.length);
    return out;
  }
  const share = new Map<number, number>();
  distinct.forEach((a, i) => {
    const prev = i === 0 ? distinct[distinct.length - 1]! - Math.PI : distinct[i - 1]!;
    const next = i === distinct.length - 1 ? distinct[0]! + Math.PI : distinct[i + 1]!;
    share.set(Math.round(a / tol), (next - prev) / 2);
  });
  const count = new Map<number, number>();
  for (const a of angle) count.set(Math.round(a / tol), (count.get(Math.round(a / tol)) ?? 0) + 1);
  angle.forEach((a, v) => {
    const key = Math.round(a / tol);
    out[v] = share.get(key)! / count.get(key)!;
  });
  return out;
}

function backprojectFiltered(q: Float32Array, p: Projections, views: readonly ParallelView[], grid: ReconGrid, weights: ArrayLike<number>, options: FbpOptions): Float32Array {
  const { bins, slices } = p;
  const n = grid.size;
  const c = gridCenter(grid);
  const circle = options.circle ?? true;
  const out = new Float32Array(n * n * slices);
  const last = bins - 1;
  // The pixels to fill, and for every view each pixel's bin and interpolation weight (shared by all slices).
  const pixels: number[] = [];
  for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) if (!circle || inFieldOfView(grid, col, row)) pixels.push(row * n + col);
  const bin = views.map(() => new Int32Array(pixels.length));
  const frac = views.map(() => new Float32Array(pixels.length));
  views.forEach(({ s, center }, v) => {
    pixels.forEach((pixel, i) => {
      const t = ((pixel % n) - c) * s[0] + (Math.floor(pixel / n) - c) * s[1] + center;
      if (!(t >= 0 && t <= last)) {
        bin[v]![i] = -1;
        return;
      }
      const b0 = Math.min(Math.floor(t), Math.max(0, last - 1));
      bin[v]![i] = b0;
      frac[v]![i] = t - b0;
    });
  });
  const step = bins > 1 ? slices : 0;
  const slab = options.slab ?? slices;
  for (let z0 = 0; z0 < slices; z0 += slab) {
    const z1 = Math.min(slices, z0 + slab);
    for (let v = 0; v < views.length; v++) {
      options.signal?.throwIfAborted();
      const w = weights[v]!;
      const viewBase = v * bins;
      const bv = bin[v]!;
      const fv = frac[v]!;
      for (let i = 0; i < pixels.length; i++) {
        const b0 = bv[i]!;
        if (b0 < 0) continue;
        const w1 = w * fv[i]!;
        const w0 = w - w1;
        const src0 = (viewBase + b0) * slices;
        const src1 = src0 + step;
        const dst = pixels[i]! * slices;
        for (let z = z0; z < z1; z++) out[dst + z] = out[dst + z]! + w0 * q[src0 + z]! + w1 * q[src1 + z]!;
      }
      if (z1 === slices) options.onView?.(v + 1, views.length);
    }
  }
  return out;
}
