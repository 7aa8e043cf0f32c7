import { gaussianFilter } from './gaussian-filter.js';
import { inFieldOfView, type ReconGrid } from './projections.js';

/** How the body outline for uniform attenuation correction is found. */
export interface OutlineOptions {
  /**
   * `threshold`: voxels above `threshold` × the 99th percentile of the smoothed volume, holes filled
   * slice by slice; `ellipse`: per slice, the ellipse with the same area, centroid and second
   * moments as that thresholded region (a smooth convex outline).
   */
  readonly method: 'threshold' | 'ellipse';
  /** Fraction of the reference level (default 0.3). */
  readonly threshold?: number;
  /** Smoothing before thresholding, FWHM in voxels (default 2). */
  readonly smoothing?: number;
}

/**
 * The body outline of a (non attenuation-corrected) emission reconstruction as a mask (1 inside),
 * laid out like the volume (`[(row · size + column) · slices + slice]`). Only voxels in the field of
 * view can be inside.
 */
export function bodyOutline(volume: Float32Array, grid: ReconGrid, options: OutlineOptions): Uint8Array {
  const n = grid.size;
  const nz = grid.slices;
  const smooth = gaussianFilter(volume, { columns: n, rows: n, slices: nz }, Array(3).fill(options.smoothing ?? 2) as [number, number, number]);
  const level = (options.threshold ?? 0.3) * percentile(smooth, 0.99);
  const mask = new Uint8Array(volume.length);
  const slice = new Uint8Array(n * n);
  for (let k = 0; k < nz; k++) {
    for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) {
      const i = row * n + col;
      slice[i] = inFieldOfView(grid, col, row) && smooth[i * nz + k]! > level ? 1 : 0;
    }
    const filled = fillHoles(slice, n);
    const region = options.method === 'ellipse' ? momentEllipse(filled, n) : filled;
    for (let i = 0; i < n * n; i++) mask[i * nz + k] = region[i]!;
  }
  return mask;
}

/** The value below which `q` of the positive values lie. */
function percentile(v: Float32Array, q: number): number {
  const positive = Array.from(v).filter((x) => x > 0).sort((a, b) => a - b);
  return positive.length === 0 ? 0 : positive[Math.min(positive.length - 1, Math.floor(q * positive.length))]!;
}

/** The mask with every background region not connected (4-connectivity) to the image border filled. */
export function fillHoles(mask: Uint8Array, n: number): Uint8Array {
  const outside = new Uint8Array(n * n);
  const stack: number[] = [];
  const push = (i: number) => {
    if (!mask[i] && !outside[i]) {
      outside[i] = 1;
      stack.push(i);
    }
  };
  for (let i = 0; i < n; i++) {
    push(i);
    push((n - 1) * n + i);
    push(i * n);
    push(i * n + n - 1);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const r = Math.floor(i / n);
    const c = i % n;
    if (r > 0) push(i - n);
    if (r < n - 1) push(i + n);
    if (c > 0) push(i - 1);
    if (c < n - 1) push(i + 1);
  }
  return outside.map((o) => (o ? 0 : 1));
}

/**
 * The ellipse with the area, centroid and second central moments of a region (a uniform ellipse of
 * semi-axes a, b has moment eigenvalues a²/4 and b²/4), as a mask; empty for an empty region.
 */
export function momentEllipse(mask: Uint8Array, n: number): Uint8Array {
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n * n; i++) if (mask[i]) {
    count++;
    sx += i % n;
    sy += Math.floor(i / n);
  }
  const out = new Uint8Array(n * n);
  if (count === 0) return out;
  const cx = sx / count;
  const cy = sy / count;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < n * n; i++) if (mask[i]) {
    const dx = (i % n) - cx;
    const dy = Math.floor(i / n) - cy;
    xx += dx * dx;
    yy += dy * dy;
    xy += dx * dy;
  }
  // Pixel-centre moments underestimate a continuous region's by 1/12 per axis.
  xx = xx / count + 1 / 12;
  yy = yy / count + 1 / 12;
  xy /= count;
  const tr = xx + yy;
  const det = xx * yy - xy * xy;
  const l1 = tr / 2 + Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  const l2 = Math.max(1e-9, tr - l1);
  const angle = Math.abs(xy) < 1e-12 && xx >= yy ? 0 : Math.atan2(l1 - xx, xy);
  const a = 2 * Math.sqrt(l1);
  const b = 2 * Math.sqrt(l2);
  const ca = Math.cos(angle);
  const sa = Math.sin(angle);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    const dx = c - cx;
    const dy = r - cy;
    const u = dx * ca + dy * sa;
    const w = -dx * sa + dy * ca;
    if ((u / a) ** 2 + (w / b) ** 2 <= 1) out[r * n + c] = 1;
  }
  return out;
}

/** The linear attenuation map (per pixel of path) of a uniform coefficient `muPerPixel` inside `mask`. */
export function uniformMuMap(mask: Uint8Array, muPerPixel: number): Float32Array {
  return Float32Array.from(mask, (m) => (m ? muPerPixel : 0));
}
