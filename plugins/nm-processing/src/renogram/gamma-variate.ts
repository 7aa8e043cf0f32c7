/**
 * A gamma-variate curve, the classic model of a bolus passing through an organ (Thompson et al.,
 * Circ Res 1964): y(t) = K (t − t0)^α exp(−(t − t0) / β) for t > t0, 0 before; its maximum is at
 * t0 + αβ.
 */
export interface GammaVariate {
  readonly k: number;
  readonly t0: number;
  readonly alpha: number;
  readonly beta: number;
}

/** The curve's value at `t`. */
export function gammaVariate(g: GammaVariate, t: number): number {
  const s = t - g.t0;
  return s > 0 ? g.k * Math.pow(s, g.alpha) * Math.exp(-s / g.beta) : 0;
}

/** Time of the curve's maximum, t0 + αβ. */
export function gammaVariatePeak(g: GammaVariate): number {
  return g.t0 + g.alpha * g.beta;
}

/**
 * Least-squares fit of a gamma variate to samples (t, y) with y > 0: for each candidate t0 (a grid
 * below the first sample that exceeds `minFraction` of the maximum, refined twice), ln y = ln K +
 * α ln(t − t0) − (t − t0)/β is linear in (ln K, α, 1/β) and solved exactly (weights y², so that the
 * log transform does not over-weight the small values); the t0 with the smallest squared error of y
 * wins. Samples after the curve falls below `minFraction` of its maximum past the peak are left out
 * (recirculation and excretion are not a gamma variate). Returns undefined when fewer than 4 samples
 * remain or the fit is degenerate (α ≤ 0 or β ≤ 0).
 */
export function fitGammaVariate(t: readonly number[], y: readonly number[], minFraction = 0.1): GammaVariate | undefined {
  const max = Math.max(...y);
  const peak = y.indexOf(max);
  let end = y.length;
  for (let i = peak; i < y.length; i++) if (y[i]! < minFraction * max) { end = i; break; }
  let first = 0;
  while (first < peak && y[first]! < minFraction * max) first++;
  const idx = Array.from({ length: end - first }, (_, i) => first + i).filter((i) => y[i]! > 0);
  if (idx.length < 4) return undefined;
  let best: { g: GammaVariate; err: number } | undefined;
  let lo = (first > 0 ? t[first - 1]! : t[0]! - (t[1]! - t[0]!)) - (t[peak]! - t[first]!);
  let hi = t[idx[0]!]! - 1e-6;
  for (let round = 0; round < 3; round++) {
    const steps = 40;
    for (let s = 0; s <= steps; s++) {
      const t0 = lo + ((hi - lo) * s) / steps;
      const g = fitFixedT0(t, y, idx, t0);
      if (!g) continue;
      let err = 0;
      for (const i of idx) err += (gammaVariate(g, t[i]!) - y[i]!) ** 2;
      if (!best || err < best.err) best = { g, err };
    }
    if (!best) return undefined;
    const step = (hi - lo) / 40;
    lo = Math.max(lo, best.g.t0 - step);
    hi = Math.min(hi, best.g.t0 + step);
  }
  return best?.g;
}

/** Weighted linear least squares of ln y on [1, ln s, −s] for a fixed t0. */
function fitFixedT0(t: readonly number[], y: readonly number[], idx: readonly number[], t0: number): GammaVariate | undefined {
  const a = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const b = [0, 0, 0];
  for (const i of idx) {
    const s = t[i]! - t0;
    if (!(s > 0)) return undefined;
    const row = [1, Math.log(s), -s];
    const w = y[i]! * y[i]!;
    const ly = Math.log(y[i]!);
    for (let r = 0; r < 3; r++) {
      b[r]! += w * row[r]! * ly;
      for (let c = 0; c < 3; c++) a[r]![c]! += w * row[r]! * row[c]!;
    }
  }
  const x = solve3(a, b);
  if (!x) return undefined;
  const [lnK, alpha, invBeta] = x;
  if (!(alpha! > 0 && invBeta! > 0)) return undefined;
  return { k: Math.exp(lnK!), t0, alpha: alpha!, beta: 1 / invBeta! };
}

/** Solution of a 3 × 3 linear system (Cramer's rule); undefined when singular. */
function solve3(a: number[][], b: number[]): number[] | undefined {
  const det = (m: number[][]) => m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) - m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) + m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const d = det(a);
  if (!(Math.abs(d) > 1e-300)) return undefined;
  return [0, 1, 2].map((col) => det(a.map((row, r) => row.map((v, c) => (c === col ? b[r]! : v)))) / d);
}
