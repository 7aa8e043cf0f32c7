/** Test-only comparison of a decoded frame with a reference array. */
import type { PixelArray } from '../pixel-types.js';

/** How far two sample arrays are apart. */
export interface FrameDifference {
  sameLength: boolean;
  sameType: boolean;
  /** Samples whose values differ. */
  differing: number;
  maxAbsDiff: number;
}

/** Compares sample by sample (types compared by constructor name). */
export function compareFrames(ours: PixelArray, reference: PixelArray): FrameDifference {
  const n = Math.min(ours.length, reference.length);
  let differing = 0;
  let maxAbsDiff = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(ours[i]! - reference[i]!);
    if (d !== 0) {
      differing++;
      if (d > maxAbsDiff) maxAbsDiff = d;
    }
  }
  return {
    sameLength: ours.length === reference.length,
    sameType: ours.constructor.name === reference.constructor.name,
    differing,
    maxAbsDiff,
  };
}
