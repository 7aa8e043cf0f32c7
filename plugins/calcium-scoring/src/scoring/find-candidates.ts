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
  const lesions: CandidateLesion[] = [];
  const labelMaps: (Int32Array | undefined)[] = [];
  const lesionAtLabel: Int32Array[] = [];
  const buffer = new Int32Array(rows * columns);
  const threshold = params.threshold;
  slices.forEach((slice, sliceIndex) => {
    // The pixels ≥ threshold, ascending (a typed buffer and local reads: this loop visits every pixel of the stack).
    const hu = slice.hu;
    const n = hu.length;
    let count = 0;
    for (let p = 0; p < n; p++) if (hu[p]! >= threshold) buffer[count++] = p;
    if (count === 0) return;
    const foreground = buffer.subarray(0, count);
    for (const p of foreground) mask[p] = 1;
    const comps = connectedComponents(mask, rows, columns, params.connectivity, foreground);
    for (const p of foreground) mask[p] = 0;
    const toLesion = new Int32Array(comps.count + 1).fill(-1);
    const pixelArea = slice.pixelSpacing[0] * slice.pixelSpacing[1];
    comps.pixels.forEach((pixelIndices, k) => {
      if (!passesMinArea(params.minAreaMode, pixelIndices.length, pixelIndices.length * pixelArea)) return;
      toLesion[k + 1] = lesions.length;
      lesions.push(measureLesion(slice, sliceIndex, pixelIndices, geometry, params.weightScale ?? 1));
    });
    labelMaps[sliceIndex] = comps.labels;
    lesionAtLabel[sliceIndex] = toLesion;
  });
  return {
    lesions,
    lesionAt(sliceIndex, p) {
      const label = labelMaps[sliceIndex]?.[p] ?? 0;
      return label > 0 ? lesionAtLabel[sliceIndex]![label]! : -1;
    },
  };
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
