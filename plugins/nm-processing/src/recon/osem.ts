import type { JosephProjector } from './joseph-projector.js';
import type { Projections } from './projections.js';

/** Options of {@link osem}. */
export interface OsemOptions {
  /** Full passes over the data (≥ 1). */
  readonly iterations: number;
  /** Ordered subsets (1 = MLEM); each takes every `subsets`-th view in angular order. */
  readonly subsets: number;
  /**
   * Linear attenuation coefficients per pixel of path (a volume of the projector's grid): attenuation
   * is then modelled in the system matrix (forward and back-projection through the same
   * transmission factors).
   */
  readonly mu?: Float32Array;
  /** Largest memory (bytes) for transmission factors kept between iterations; the rest is recomputed. Default 512 MiB. */
  readonly cacheBytes?: number;
  /** Slices reconstructed together (default 64: fewer, longer inner loops; the transmission factors of a slab are kept). */
  readonly slab?: number;
  readonly signal?: AbortSignal;
  /** Called after each subset update. */
  readonly onSubset?: (done: number, total: number) => void;
}

/**
 * Ordered-subsets expectation maximisation (Hudson & Larkin, IEEE TMI 1994) on the Joseph projector:
 * for each subset S, f ← f · Aᵀ_S(p / A_S f) / Aᵀ_S 1. The estimate starts at 1 in the field of view;
 * voxels no view of a subset sees keep their value for that subset. With one subset this is MLEM,
 * which keeps Σ A f = Σ p after every iteration. Subsets are taken from the views sorted by angle and
 * visited farthest-first, so consecutive subsets are angularly far apart. Slices are independent in
 * parallel-beam geometry: the volume is reconstructed in slabs of `slab` slices (default 64), which
 * bounds the memory the transmission factors of an attenuated reconstruction take. Without
 * attenuation every slice has the same sensitivity image, computed once.
 */
export function osem(p: Projections, projector: JosephProjector, options: OsemOptions): Float32Array {
  const { iterations, subsets } = options;
  const views = projector.views.length;
  if (!(Number.isInteger(iterations) && iterations >= 1)) throw new RangeError(`iterations must be a whole number from 1 (got ${iterations})`);
  if (!(Number.isInteger(subsets) && subsets >= 1 && subsets <= views)) throw new RangeError(`subsets must be a whole number from 1 to the number of views, ${views} (got ${subsets})`);
  if (p.views !== views || p.bins !== projector.bins || p.slices !== projector.grid.slices) throw new RangeError('osem: projections and projector disagree in shape');
  const nz = p.slices;
  const pixels = projector.grid.size ** 2;
  const slab = Math.max(1, Math.min(nz, options.slab ?? 64));
  const groups = subsetViews(projector, subsets);
  const out = new Float32Array(pixels * nz);
  const slabs = Math.ceil(nz / slab);
  // Without attenuation every slice has the same sensitivity: one slice's, computed once.
  const flat = options.mu ? undefined : sensitivities(projector, groups, undefined, 1);
  let done = 0;
  for (let z0 = 0; z0 < nz; z0 += slab) {
    const zb = Math.min(slab, nz - z0);
    const data = takeSlices(p.data, views * p.bins, nz, z0, zb);
    const mu = options.mu ? takeSlices(options.mu, pixels, nz, z0, zb) : undefined;
    const f = osemSlab({ views, bins: p.bins, slices: zb, data }, projector, groups, { ...options, mu }, flat, () => {
      options.onSubset?.(++done, slabs * iterations * groups.length);
    });
    for (let i = 0; i < pixels; i++) for (let z = 0; z < zb; z++) out[i * nz + z0 + z] = f[i * zb + z]!;
  }
  return out;
}

/** Slices z0 … z0 + count − 1 of an array laid out `[row · nz + slice]` with `rows` rows. */
function takeSlices(a: Float32Array, rows: number, nz: number, z0: number, count: number): Float32Array {
  const out = new Float32Array(rows * count);
  for (let r = 0; r < rows; r++) for (let z = 0; z < count; z++) out[r * count + z] = a[r * nz + z0 + z]!;
  return out;
}

/** Aᵀ_S 1 of each subset on `nz` slices (with the attenuation of `transmissions` when given). */
function sensitivities(projector: JosephProjector, groups: readonly number[][], transmissions: ((view: number) => Float32Array | undefined) | undefined, nz: number): Float32Array[] {
  const ones = new Float32Array(projector.bins * nz).fill(1);
  return groups.map((group) => {
    const s = new Float32Array(projector.grid.size ** 2 * nz);
    for (const v of group) projector.back(ones, v, s, transmissions?.(v), nz);
    return s;
  });
}

/** A one-slice image repeated over `nz` slices. */
function repeatSlices(image: Float32Array, nz: number): Float32Array {
  const out = new Float32Array(image.length * nz);
  for (let i = 0; i < image.length; i++) out.fill(image[i]!, i * nz, (i + 1) * nz);
  return out;
}

function osemSlab(p: Projections, projector: JosephProjector, groups: readonly number[][], options: OsemOptions, flat: Float32Array[] | undefined, onSubset: () => void): Float32Array {
  const nz = p.slices;
  const viewSize = p.bins * nz;
  const size = projector.grid.size ** 2 * nz;
  const transmissions = transmissionSource(projector, options.mu, nz, options.cacheBytes);
  const sensitivity = flat ? flat.map((s) => repeatSlices(s, nz)) : sensitivities(projector, groups, transmissions, nz);
  const f = new Float32Array(size);
  for (const s of sensitivity) for (let i = 0; i < size; i++) if (s[i]! > 0) f[i] = 1;

  const estimate = new Float32Array(viewSize);
  const ratio = new Float32Array(viewSize);
  const correction = new Float32Array(size);
  for (let it = 0; it < options.iterations; it++) {
    for (const [k, group] of groups.entries()) {
      options.signal?.throwIfAborted();
      correction.fill(0);
      for (const v of group) {
        const t = transmissions(v);
        estimate.fill(0);
        projector.forward(f, v, estimate, t, nz);
        const measured = p.data.subarray(v * viewSize, (v + 1) * viewSize);
        for (let i = 0; i < viewSize; i++) ratio[i] = estimate[i]! > 0 ? measured[i]! / estimate[i]! : 0;
        projector.back(ratio, v, correction, t, nz);
      }
      const sens = sensitivity[k]!;
      for (let i = 0; i < size; i++) if (sens[i]! > 0) f[i] = (f[i]! * correction[i]!) / sens[i]!;
      onSubset();
    }
  }
  return f;
}

/** The views of each subset, in the order the subsets are visited. */
export function subsetViews(projector: JosephProjector, subsets: number): number[][] {
  const byAngle = projector.views
    .map((v, i) => ({ i, a: Math.atan2(v.d[1], v.d[0]) }))
    .sort((x, y) => x.a - y.a || x.i - y.i)
    .map((x) => x.i);
  const groups = Array.from({ length: subsets }, (_, s) => byAngle.filter((_, k) => k % subsets === s));
  return farthestFirst(subsets).map((s) => groups[s]!);
}

/** 0, then repeatedly the subset whose circular distance to those already chosen is largest. */
function farthestFirst(n: number): number[] {
  const order = [0];
  const used = new Set(order);
  while (order.length < n) {
    let best = -1;
    let bestDistance = -1;
    for (let s = 0; s < n; s++) {
      if (used.has(s)) continue;
      const d = Math.min(...order.map((o) => Math.min(Math.abs(s - o), n - Math.abs(s - o))));
      if (d > bestDistance) {
        best = s;
        bestDistance = d;
      }
    }
    order.push(best);
    used.add(best);
  }
  return order;
}

/** Transmission factors by view (undefined without attenuation), kept up to the memory budget. */
function transmissionSource(projector: JosephProjector, mu: Float32Array | undefined, nz: number, cacheBytes = 512 * 2 ** 20): (view: number) => Float32Array | undefined {
  if (!mu) return () => undefined;
  let budget = cacheBytes / 4;
  const kept = new Map<number, Float32Array>();
  let scratch: Float32Array | undefined;
  return (view) => {
    const hit = kept.get(view);
    if (hit) return hit;
    const n = projector.samples(view) * nz;
    if (n <= budget) {
      budget -= n;
      const t = projector.transmission(mu, view, undefined, nz);
      kept.set(view, t);
      return t;
    }
    if (!scratch || scratch.length < n) scratch = new Float32Array(n);
    return projector.transmission(mu, view, scratch.subarray(0, n), nz);
  };
}
