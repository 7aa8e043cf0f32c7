import { agatstonWeight } from './agatston-weight.js';
import { connectedComponents } from './connected-components.js';
import { passesMinArea } from './min-area.js';
import type { SliceGeometry } from './slice-geometry.js';
import type { Lesion2D, ScoringParams, ScoringSlice } from './types.js';

/** A 2-D lesion before it is linked into a region, seeded and given a volume. */
export type CandidateLesion = Omit<Lesion2D, 'region' | 'artery' | 'volumeMm3'>;

/** The candidate lesions of a stack, and which one holds a pixel. */
export interface Candidates {
  /** Every 2-D component ≥ threshold passing the minimum-area rule, slice by slice. */
  readonly lesions: readonly CandidateLesion[];
  /** The index in `lesions` of the candidate holding pixel `p` of slice `sliceIndex`, or -1. */
  lesionAt(sliceIndex: number, p: number): number;
}

/**
 * The calcium candidates of each slice: the 2-D connected components (4- or 8-connectivity)
 * of the pixels ≥ threshold that pass the minimum-area rule, each measured: area, peak and
 * mean HU, Agatston weight of the peak (at least 1), Agatston = area × weight × increment / 3,
 * centroid in pixels and in patient coordinates.
 */
export function findCandidates(slices: readonly ScoringSlice[], params: ScoringParams, geometry: SliceGeometry): Candidates {
  const { rows, columns } = slices[0]!;
  const mask = new Uint8Array(rows * columns);
  const labels = new Int32Array(rows * columns);
  const lesions: CandidateLesion[] = [];
  // Per slice, the pixels ≥ threshold (ascending) and the candidate each belongs to (-1: none): the
  // lookup of lesionAt, in memory proportional to the calcium rather than a label image per slice.
  const foregrounds: (Int32Array | undefined)[] = [];
  const lesionOfPixel: (Int32Array | undefined)[] = [];
  const buffer = new Int32Array(rows * columns);
  for (let sliceIndex = 0; sliceIndex < slices.length; sliceIndex++) {
    const slice = slices[sliceIndex]!;
    const count = aboveThreshold(slice.hu, params.threshold, buffer);
    if (count === 0) continue;
    const foreground = buffer.slice(0, count);
    for (let i = 0; i < count; i++) mask[foreground[i]!] = 1;
    const comps = connectedComponents(mask, rows, columns, params.connectivity, foreground, labels);
    const toLesion = new Int32Array(comps.count + 1).fill(-1);
    const pixelArea = slice.pixelSpacing[0] * slice.pixelSpacing[1];
    comps.pixels.forEach((pixelIndices, k) => {
      if (!passesMinArea(params.minAreaMode, pixelIndices.length, pixelIndices.length * pixelArea)) return;
      toLesion[k + 1] = lesions.length;
      lesions.push(measureLesion(slice, sliceIndex, pixelIndices, geometry, params.weightScale ?? 1));
    });
    const owner = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const p = foreground[i]!;
      owner[i] = toLesion[labels[p]!]!;
      mask[p] = 0;
      labels[p] = 0;
    }
    foregrounds[sliceIndex] = foreground;
    lesionOfPixel[sliceIndex] = owner;
  }
  return {
    lesions,
    lesionAt(sliceIndex, p) {
      const foreground = foregrounds[sliceIndex];
      if (foreground === undefined) return -1;
      const i = indexOf(foreground, p);
      return i < 0 ? -1 : lesionOfPixel[sliceIndex]![i]!;
    },
  };
}

/** Writes the indices of the pixels ≥ threshold to `out`, ascending; answers how many (this loop visits every pixel of the stack). */
function aboveThreshold(hu: ArrayLike<number>, threshold: number, out: Int32Array): number {
  const n = hu.length;
  let count = 0;
  for (let p = 0; p < n; p++) if (hu[p]! >= threshold) out[count++] = p;
  return count;
}

/** The index of `value` in the ascending `sorted`, or -1. */
function indexOf(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The measures of the lesion made of `pixelIndices` (ascending) on a slice: area, peak and mean HU,
 * Agatston weight of the peak (at least 1; band edges × `weightScale`), Agatston, centroids.
 */
export function measureLesion(slice: ScoringSlice, sliceIndex: number, pixelIndices: Int32Array, geometry: SliceGeometry, weightScale: number): CandidateLesion {
  const { hu, columns } = slice;
  let peakHu = -Infinity;
  let sum = 0;
  let sumRow = 0;
  let sumColumn = 0;
  for (const p of pixelIndices) {
    const v = hu[p]!;
    if (v > peakHu) peakHu = v;
    sum += v;
    const r = (p / columns) | 0;
    sumRow += r;
    sumColumn += p - r * columns;
  }
  const areaMm2 = pixelIndices.length * slice.pixelSpacing[0] * slice.pixelSpacing[1];
  const weight = Math.max(1, agatstonWeight(peakHu, weightScale)) as 1 | 2 | 3 | 4;
  const centroidPixel: [number, number] = [sumRow / pixelIndices.length, sumColumn / pixelIndices.length];
  return {
    sliceIndex, sopInstanceUID: slice.sopInstanceUID, pixels: pixelIndices.length, areaMm2, peakHu,
    meanHu: sum / pixelIndices.length, weight, agatston: (areaMm2 * weight * geometry.increment) / 3,
    centroid: geometry.toPatient(sliceIndex, centroidPixel[0], centroidPixel[1]), centroidPixel, pixelIndices,
  };
}
