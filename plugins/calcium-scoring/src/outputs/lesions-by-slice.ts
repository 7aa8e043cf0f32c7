import type { Lesion2D, ScoringSlice } from '../scoring/index.js';
import { lesionColour } from '../render/artery-colours.js';
import type { Rgb } from '../render/canvas.js';
import type { SliceImage } from '../render/render-slice.js';

/** The lesions shown, by slice index. */
export type LesionsBySlice = ReadonlyMap<number, readonly Lesion2D[]>;

/** Group lesions by the index of their slice. */
export function lesionsBySlice(lesions: readonly Lesion2D[]): LesionsBySlice {
  const m = new Map<number, Lesion2D[]>();
  for (const l of lesions) m.set(l.sliceIndex, [...(m.get(l.sliceIndex) ?? []), l]);
  return m;
}

/** The Agatston score of some lesions. */
export function agatstonOf(lesions: readonly Lesion2D[]): number {
  return lesions.reduce((s, l) => s + l.agatston, 0);
}

/** The slice whose shown lesions have the highest Agatston sum (the first of equals); undefined when none. */
export function keySlice(bySlice: LesionsBySlice): number | undefined {
  let best: number | undefined;
  for (const [i, lesions] of [...bySlice].sort(([a], [b]) => a - b)) if (best === undefined || agatstonOf(lesions) > agatstonOf(bySlice.get(best)!)) best = i;
  return best;
}

/** A slice with its lesions in their artery colours, or all in `colour`. */
export function sliceImage(slice: ScoringSlice, lesions: readonly Lesion2D[], colour?: Rgb): SliceImage {
  return { rows: slice.rows, columns: slice.columns, hu: slice.hu, lesions: lesions.map((l) => ({ pixelIndices: l.pixelIndices, colour: colour ?? lesionColour(l.artery) })) };
}

/**
 * Slice indices in the source's order — by Instance Number, as a scanner numbers a stack head
 * first — not the order along the normal the host sorts by (feet first for a head-first stack):
 * screen saves and the reduced CT are written in this order. Slices without an Instance Number
 * come last, head (highest patient z) first.
 */
export function sourceOrder(indices: Iterable<number>, slices: readonly ScoringSlice[]): number[] {
  const n = (i: number): number => slices[i]!.instanceNumber ?? Infinity;
  return [...indices].sort((a, b) => n(a) - n(b) || slices[b]!.position[2] - slices[a]!.position[2]);
}
