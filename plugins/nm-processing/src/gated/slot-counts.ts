/** The counts of each time slot of a gated acquisition and whether they are out of line. */
export interface SlotCounts {
  /** Counts per slot (index slot − 1). */
  readonly counts: readonly number[];
  readonly median: number;
  /** Slots (1-based) whose counts differ from the median by more than the tolerance. */
  readonly flagged: readonly number[];
  /** (counts − median) / median per slot. */
  readonly deviation: readonly number[];
}

/**
 * Gating quality: each time slot's total counts against the median of all slots. With regular beats
 * and equal slot times every slot holds about the same counts; a slot that does not — arrhythmia,
 * beats rejected, a slot beyond the shortest R-R interval — is flagged when it deviates by more than
 * `tolerance` (a fraction, e.g. 0.1).
 */
export function slotCounts(counts: readonly number[], tolerance: number): SlotCounts {
  const sorted = [...counts].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  const deviation = counts.map((c) => (median > 0 ? (c - median) / median : 0));
  const flagged = deviation.flatMap((d, i) => (Math.abs(d) > tolerance ? [i + 1] : []));
  return { counts, median, flagged, deviation };
}
