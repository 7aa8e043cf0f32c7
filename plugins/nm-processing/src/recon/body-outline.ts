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
 * The body outline of a (non attenuation-corrected) emission reconstruction, as the fraction of each
 * voxel inside it (0 … 1; partial at the edge, so that the attenuation map's edge falls between voxel
 * centres as the body's does), laid out like the volume (`[(row · size + column) · slices + slice]`).
 * Threshold: the smoothed volume's crossing of the level, located within the voxel from the local
 * gradient (fraction 0.5 + (value − level) / |gradient|), holes filled; ellipse: the fitted ellipse
 * sampled 4 × 4 times per voxel. Only voxels in the field of view can be inside.
 */
export function bodyOutline(volume: Float32Array, grid: ReconGrid, options: OutlineOptions): Float32Array {
  const n = grid.size;
  const nz = grid.slices;
  const smooth = gaussianFilter(volume, { columns: n, rows: n, slices: nz }, Array(3).fill(options.smoothing ?? 2) as [number, number, number]);
  const level = (options.threshold ?? 0.3) * percentile(smooth, 0.99);
  const out = new Float32Array(volume.length);
  const slice = new Uint8Array(n * n);
  const at = (col: number, row: number, k: number) => smooth[(Math.min(n - 1, Math.max(0, row)) * n + Math.min(n - 1, Math.max(0, col))) * nz + k]!;
  const soft = new Float32Array(n * n);
  for (let k = 0; k < nz; k++) {
    for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) slice[row * n + col] = inFieldOfView(grid, col, row) && at(col, row, k) > level ? 1 : 0;
    const filled = fillHoles(slice, n);
    soft.fill(0);
    for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) {
      const i = row * n + col;
      if (!inFieldOfView(grid, col, row)) continue;
      const gx = (at(col + 1, row, k) - at(col - 1, row, k)) / 2;
      const gy = (at(col, row + 1, k) - at(col, row - 1, k)) / 2;
      const g = Math.hypot(gx, gy);
      const edge = g > 0 ? 0.5 + (at(col, row, k) - level) / g : filled[i]!;
      // Holes of the thresholded region count as inside.
      soft[i] = Math.min(1, Math.max(filled[i]! && slice[i] === 0 ? 1 : 0, edge, 0));
    }
    const region = options.method === 'ellipse' ? momentEllipse(soft, n) : soft;
    for (let i = 0; i < n * n; i++) out[i * nz + k] = region[i]!;
  }
  return out;
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
 * The ellipse with the area, centroid and second central moments of a region given as the fraction
 * of each pixel inside it (a uniform ellipse of semi-axes a, b has moment eigenvalues a²/4 and b²/4),
 * as the fraction of each pixel inside the ellipse (4 × 4 samples per pixel); all 0 for an empty region.
 */
export function momentEllipse(region: ArrayLike<number>, n: number): Float32Array {
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n * n; i++) {
    const w = region[i]!;
    count += w;
    sx += w * (i % n);
    sy += w * Math.floor(i / n);
  }
  const out = new Float32Array(n * n);
  if (!(count > 0)) return out;
  const cx = sx / count;
  const cy = sy / count;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < n * n; i++) {
    const w = region[i]!;
    const dx = (i % n) - cx;
    const dy = Math.floor(i / n) - cy;
    xx += w * dx * dx;
    yy += w * dy * dy;
    xy += w * dx * dy;
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
  const offsets = [-0.375, -0.125, 0.125, 0.375];
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    let inside = 0;
    for (const ox of offsets) for (const oy of offsets) {
      const dx = c + ox - cx;
      const dy = r + oy - cy;
      const u = dx * ca + dy * sa;
      const w = -dx * sa + dy * ca;
      if ((u / a) ** 2 + (w / b) ** 2 <= 1) inside++;
    }
    out[r * n + c] = inside / 16;
  }
  return out;
}

/** The linear attenuation map (per pixel of path) of a uniform coefficient `muPerPixel` over the inside fractions of an outline. */
export function uniformMuMap(inside: ArrayLike<number>, muPerPixel: number): Float32Array {
  return Float32Array.from(inside, (f) => f * muPerPixel);
}
