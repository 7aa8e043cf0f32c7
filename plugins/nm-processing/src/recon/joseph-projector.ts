import { gridCenter, inFieldOfView, type ParallelView, type ReconGrid } from './projections.js';

/**
 * The rays of one view: for each bin, the samples along its ray ordered from the detector
 * side, each touching two neighbouring pixels (`p0`, `p1`: row × size + column) with weights
 * that include the path length of the step.
 */
interface RayTable {
  /** Samples of bin b are `start[b]` … `start[b + 1] − 1`. */
  readonly start: Int32Array;
  readonly p0: Int32Array;
  readonly p1: Int32Array;
  readonly w0: Float32Array;
  readonly w1: Float32Array;
}

/**
 * A ray-driven projector / back-projector pair for parallel-beam SPECT (Joseph, "An improved
 * algorithm for reprojecting rays through pixel images", IEEE TMI 1982): each ray is sampled once
 * per row (or column, whichever its direction crosses faster), linearly interpolating between the
 * two nearest pixels, the step's path length as weight. The back-projector applies exactly the
 * transposed weights, so the pair are adjoint operators (⟨A x, y⟩ = ⟨x, Aᵀ y⟩). Slices are
 * independent: every method works on arrays of any number of slices `nz` (a slab of the grid's
 * slices, `[pixel · nz + slice]` and `[bin · nz + slice]`), processed together in the innermost
 * loop. Only pixels in the field of view (the inscribed disc) take part.
 *
 * With a map of linear attenuation coefficients (per pixel of path), {@link transmission} gives
 * each sample's transmission to the detector, exp(−∫ μ), accumulated along the same samples
 * (each sample's own step counted half); passed to {@link forward} / {@link back} it models
 * attenuation inside the system matrix, again as an adjoint pair.
 */
export class JosephProjector {
  private readonly tables: (RayTable | undefined)[];

  constructor(
    readonly grid: ReconGrid,
    readonly bins: number,
    readonly views: readonly ParallelView[],
  ) {
    this.tables = views.map(() => undefined);
  }

  /** Number of ray samples of a view; a transmission array of `nz` slices has samples × nz values. */
  samples(view: number): number {
    return this.table(view).p0.length;
  }

  /** Add the projection of `volume` (`nz` slices) in view `view` to `out` (`[bin · nz + slice]`). */
  forward(volume: Float32Array, view: number, out: Float32Array, transmission?: Float32Array, nz = this.grid.slices): void {
    const { start, p0, p1, w0, w1 } = this.table(view);
    for (let b = 0; b < this.bins; b++) {
      const o = b * nz;
      for (let e = start[b]!, end = start[b + 1]!; e < end; e++) {
        const a = p0[e]! * nz;
        const c = p1[e]! * nz;
        const wa = w0[e]!;
        const wc = w1[e]!;
        if (transmission) {
          const t = e * nz;
          for (let z = 0; z < nz; z++) out[o + z] = out[o + z]! + (wa * volume[a + z]! + wc * volume[c + z]!) * transmission[t + z]!;
        } else {
          for (let z = 0; z < nz; z++) out[o + z] = out[o + z]! + wa * volume[a + z]! + wc * volume[c + z]!;
        }
      }
    }
  }

  /** Add the back-projection of `projection` (one view, `[bin · nz + slice]`) to `out` (a volume of `nz` slices). */
  back(projection: Float32Array, view: number, out: Float32Array, transmission?: Float32Array, nz = this.grid.slices): void {
    const { start, p0, p1, w0, w1 } = this.table(view);
    for (let b = 0; b < this.bins; b++) {
      const o = b * nz;
      for (let e = start[b]!, end = start[b + 1]!; e < end; e++) {
        const a = p0[e]! * nz;
        const c = p1[e]! * nz;
        const wa = w0[e]!;
        const wc = w1[e]!;
        if (transmission) {
          const t = e * nz;
          for (let z = 0; z < nz; z++) {
            const v = projection[o + z]! * transmission[t + z]!;
            out[a + z] = out[a + z]! + wa * v;
            out[c + z] = out[c + z]! + wc * v;
          }
        } else {
          for (let z = 0; z < nz; z++) {
            const v = projection[o + z]!;
            out[a + z] = out[a + z]! + wa * v;
            out[c + z] = out[c + z]! + wc * v;
          }
        }
      }
    }
  }

  /**
   * The transmission from each sample of view `view` to the detector through the attenuation map
   * `mu` (`nz` slices of coefficients per pixel of path): exp(−(Σ μ·step of the samples nearer the
   * detector + half the sample's own)), `[sample · nz + slice]`. `out` is reused when given.
   */
  transmission(mu: Float32Array, view: number, out?: Float32Array, nz = this.grid.slices): Float32Array {
    const { start, p0, p1, w0, w1 } = this.table(view);
    const t = out ?? new Float32Array(p0.length * nz);
    const sum = new Float64Array(nz);
    for (let b = 0; b < this.bins; b++) {
      sum.fill(0);
      for (let e = start[b]!, end = start[b + 1]!; e < end; e++) {
        const a = p0[e]! * nz;
        const c = p1[e]! * nz;
        const wa = w0[e]!;
        const wc = w1[e]!;
        const base = e * nz;
        for (let z = 0; z < nz; z++) {
          const m = wa * mu[a + z]! + wc * mu[c + z]!;
          t[base + z] = Math.exp(-(sum[z]! + m / 2));
          sum[z] = sum[z]! + m;
        }
      }
    }
    return t;
  }

  private table(view: number): RayTable {
    let t = this.tables[view];
    if (!t) {
      const v = this.views[view];
      if (!v) throw new RangeError(`view ${view} is not one of the ${this.views.length} views`);
      t = buildRayTable(this.grid, this.bins, v);
      this.tables[view] = t;
    }
    return t;
  }
}

function buildRayTable(grid: ReconGrid, bins: number, view: ParallelView): RayTable {
  const n = grid.size;
  const c = gridCenter(grid);
  const [sx, sy] = view.s;
  const [dx, dy] = view.d;
  const alongRows = Math.abs(dy) >= Math.abs(dx);
  const dMajor = alongRows ? dy : dx;
  const step = 1 / Math.abs(dMajor);
  const capacity = bins * n;
  const p0 = new Int32Array(capacity);
  const p1 = new Int32Array(capacity);
  const w0 = new Float32Array(capacity);
  const w1 = new Float32Array(capacity);
  const start = new Int32Array(bins + 1);
  const inside = (col: number, row: number): boolean => col >= 0 && row >= 0 && col < n && row < n && inFieldOfView(grid, col, row);
  let e = 0;
  for (let b = 0; b < bins; b++) {
    start[b] = e;
    const sb = b - view.center;
    for (let k = 0; k < n; k++) {
      // Detector first: the ray parameter t grows towards the detector along d.
      const major = dMajor > 0 ? n - 1 - k : k;
      const t = (major - c - sb * (alongRows ? sy : sx)) / dMajor;
      const minor = sb * (alongRows ? sx : sy) + t * (alongRows ? dx : dy) + c;
      const i0 = Math.floor(minor);
      const frac = minor - i0;
      const [col0, row0, col1, row1] = alongRows ? [i0, major, i0 + 1, major] : [major, i0, major, i0 + 1];
      const in0 = inside(col0, row0) && frac < 1;
      const in1 = inside(col1, row1) && frac > 0;
      if (!in0 && !in1) continue;
      const a = in0 ? row0 * n + col0 : row1 * n + col1;
      p0[e] = a;
      p1[e] = in1 ? row1 * n + col1 : a;
      w0[e] = in0 ? (1 - frac) * step : 0;
      w1[e] = in1 ? frac * step : 0;
      e++;
    }
  }
  start[bins] = e;
  return { start, p0: p0.slice(0, e), p1: p1.slice(0, e), w0: w0.slice(0, e), w1: w1.slice(0, e) };
}
