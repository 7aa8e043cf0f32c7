import { Tag } from '@atrium/sdk';
import type { DataSet } from '../io/data-set.js';

/** Rescale Slope and Intercept of one frame. */
export interface FrameRescale {
  readonly slope: number;
  readonly intercept: number;
}

/**
 * Rescale Slope / Intercept of frame `index` (0-based) of an enhanced multi-frame image: the
 * Pixel Value Transformation functional group (PS3.3 C.7.6.16.2.9) of the frame's Per-frame
 * Functional Groups Sequence item, else of the Shared Functional Groups Sequence. Undefined when
 * the image has a top-level Rescale Slope (classic images: the pixel layer applies it) or no
 * functional group gives one.
 */
export function frameValueTransformation(ds: DataSet, index: number): FrameRescale | undefined {
  if (ds.has(Tag.RescaleSlope)) return undefined;
  const groups = [ds.get(Tag.PerFrameFunctionalGroupsSequence)?.items?.[index], ds.get(Tag.SharedFunctionalGroupsSequence)?.items?.[0]];
  for (const group of groups) {
    const item = group?.dataset.get(Tag.PixelValueTransformationSequence)?.items?.[0]?.dataset;
    const slope = item?.number(Tag.RescaleSlope);
    if (item && slope !== undefined) return { slope, intercept: item.number(Tag.RescaleIntercept) ?? 0 };
  }
  return undefined;
}
