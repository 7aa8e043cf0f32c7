import type { Vec3 } from '@atrium/sdk';

/**
 * The in-slice samples of parallel in-plane rays, split per ray into stored edge samples and one
 * run of inner samples. Edge samples (within the slice's outer half voxel, or on its last row or
 * column) carry the voxel offset of the lower corner, the steps to its neighbours (0 where clamped)
 * and the weights (single precision); ray c's edge samples before its run are `start[c]` …
 * `lead[c]` − 1, those after it `lead[c]` … `start[c + 1]` − 1. The inner run holds `count[c]`
 * samples from index position (`x[c]`, `y[c]`), each the previous plus the sample step.
 */
export interface RayRuns {
  readonly start: Int32Array;
  readonly lead: Int32Array;
  readonly count: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly offset: Int32Array;
  readonly dx: Int32Array;
  readonly dy: Int32Array;
  readonly fx: Float32Array;
  readonly fy: Float32Array;
}

/**
 * Splits the rays of `columns` columns (column c starts at index position start + c·dc, `samples`
 * samples ds apart) over an nx × ny slice. Positions are accumulated sample after sample, so the run
 * reproduces them exactly; inner samples lie in [0, nx − 1) × [0, ny − 1), where no clamping applies.
 */
export function rayRuns(nx: number, ny: number, start: Vec3, dc: Vec3, ds: Vec3, samples: number, columns: number): RayRuns {
  const offset: number[] = [], dxs: number[] = [], dys: number[] = [], fxs: number[] = [], fys: number[] = [];
  const starts = new Int32Array(columns + 1), lead = new Int32Array(columns), count = new Int32Array(columns);
  const xs = new Float64Array(columns), ys = new Float64Array(columns);
  const hx = nx - 1, hy = ny - 1;
  for (let c = 0; c < columns; c++) {
    starts[c] = offset.length;
    let inner = 0, after = -1;
    let x = start[0] + c * dc[0], y = start[1] + c * dc[1];
    for (let s = 0; s < samples; s++, x += ds[0], y += ds[1]) {
      if (!(x >= -0.5 && x <= hx + 0.5 && y >= -0.5 && y <= hy + 0.5)) continue;
      if (after === -1 && x >= 0 && x < hx && y >= 0 && y < hy) {
        if (inner === 0) { xs[c] = x; ys[c] = y; }
        inner++;
        continue;
      }
      // An edge sample; after the inner run every sample is stored, so the order is kept.
      if (inner > 0 && after === -1) after = offset.length;
      const xc = x < 0 ? 0 : x > hx ? hx : x;
      const yc = y < 0 ? 0 : y > hy ? hy : y;
      const x0 = Math.floor(xc), y0 = Math.floor(yc);
      offset.push(y0 * nx + x0);
      dxs.push(x0 < hx ? 1 : 0);
      dys.push(y0 < hy ? nx : 0);
      fxs.push(xc - x0);
      fys.push(yc - y0);
    }
    count[c] = inner;
    lead[c] = after === -1 ? offset.length : after;
  }
  starts[columns] = offset.length;
  return { start: starts, lead, count, x: xs, y: ys, offset: Int32Array.from(offset), dx: Int32Array.from(dxs), dy: Int32Array.from(dys), fx: Float32Array.from(fxs), fy: Float32Array.from(fys) };
}
