/** The measurements of one kidney's renogram. */
export interface KidneyMeasures {
  /** Time of the highest count rate (the frame's mid-time), s. */
  readonly tmax: number;
  /** Time from the peak until the count rate falls to half the peak, s; undefined when it does not in the study. */
  readonly tHalf: number | undefined;
  /** Time from the diuretic injection until the rate falls to half its value at injection, s; undefined without a diuretic or when it does not. */
  readonly tHalfDiuretic: number | undefined;
  /** Count rate at 20 minutes over the peak rate; undefined when the study is shorter. */
  readonly ratio20: number | undefined;
}

/**
 * Differential (split) renal function by the integral method (Prigent et al., "Consensus report on
 * quality control of quantitative measurements of renal function obtained from the renogram",
 * Semin Nucl Med 1999; 29:146–159): each kidney's background-corrected counts integrated over the
 * interval [from, to] (s) of the uptake phase — after the vascular transit and before any tracer
 * leaves the kidney, 1–2 or 2–3 min after injection — as a percentage of both. Frames are weighted
 * by their overlap with the interval. Returns [left %, right %]; undefined when both integrals are ≤ 0.
 */
export function splitFunction(t: readonly number[], durations: readonly number[], left: readonly number[], right: readonly number[], from: number, to: number): [number, number] | undefined {
  let l = 0;
  let r = 0;
  for (let i = 0; i < t.length; i++) {
    const start = t[i]! - durations[i]! / 2;
    const overlap = Math.max(0, Math.min(to, start + durations[i]!) - Math.max(from, start));
    l += left[i]! * overlap;
    r += right[i]! * overlap;
  }
  if (!(l + r > 0)) return undefined;
  return [(100 * l) / (l + r), (100 * r) / (l + r)];
}

/** Tmax, T½ from the peak, T½ after a diuretic (injected at `diureticAt` s) and the 20-min/peak ratio of a count-rate curve. */
export function kidneyMeasures(t: readonly number[], rate: readonly number[], diureticAt?: number): KidneyMeasures {
  let peak = 0;
  for (let i = 1; i < rate.length; i++) if (rate[i]! > rate[peak]!) peak = i;
  const tmax = t[peak]!;
  const halfTime = (from: number, level: number): number | undefined => {
    for (let i = 1; i < t.length; i++) {
      if (t[i]! <= from) continue;
      if (rate[i]! <= level) {
        const t0 = Math.max(from, t[i - 1]!);
        const v0 = t[i - 1]! >= from ? rate[i - 1]! : valueAt(t, rate, from);
        return v0 === rate[i]! ? t[i]! - from : t0 + ((v0 - level) * (t[i]! - t0)) / (v0 - rate[i]!) - from;
      }
    }
    return undefined;
  };
  const tHalf = halfTime(tmax, rate[peak]! / 2);
  const tHalfDiuretic = diureticAt !== undefined && diureticAt < t[t.length - 1]! ? halfTime(diureticAt, valueAt(t, rate, diureticAt) / 2) : undefined;
  const last = t[t.length - 1]!;
  const ratio20 = last >= 1200 ? valueAt(t, rate, 1200) / rate[peak]! : undefined;
  return { tmax, tHalf, tHalfDiuretic, ratio20 };
}

/** The curve's value at time `at`, linear between samples (the end values beyond). */
export function valueAt(t: readonly number[], v: readonly number[], at: number): number {
  if (at <= t[0]!) return v[0]!;
  for (let i = 1; i < t.length; i++) if (t[i]! >= at) return v[i - 1]! + ((v[i]! - v[i - 1]!) * (at - t[i - 1]!)) / (t[i]! - t[i - 1]!);
  return v[v.length - 1]!;
}
