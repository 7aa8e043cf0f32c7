import type { SourceSeries } from '@atrium/sdk';
import { calciumError } from './calcium-errors.js';
import { instanceLabel } from './instance-label.js';
import { formatNumber } from './report/format.js';

/** How far (mm) the increment may exceed Slice Thickness, and thicknesses may differ, before it counts: positions and thicknesses are rounded by scanners. */
export const THICKNESS_TOLERANCE_MM = 0.1;

/** Slice thickness of the published Agatston categories: 3 mm (Agatston et al., JACC 1990), 2.5 mm on many multi-detector scanners. */
export const STANDARD_THICKNESS_MM: readonly [number, number] = [2.5, 3];

/** The acquisition as the reports print it. */
export interface Protocol {
  /** Slice Thickness (0018,0050), mm, the same on every slice. */
  readonly sliceThickness: number;
  /** Slice increment from Image Position (Patient), mm. */
  readonly increment: number;
  /** Why the protocol is not the one the published categories use ([] when it is). */
  readonly nonStandard: readonly string[];
}

/**
 * Check that the slices are contiguous, as the Agatston score is defined: every slice has a
 * Slice Thickness, the same on all (within {@link THICKNESS_TOLERANCE_MM}), and the increment
 * (from the positions) is not larger than it — 3 mm slices every 6 mm leave 3 mm gaps where
 * lesions are missed. Overlapping slices (increment < thickness) are allowed (the score is
 * scaled by increment / 3) but, like any thickness outside 2.5–3 mm, labelled non-standard.
 * Throws ATRIUM_ERR_CALCIUM_GAP naming both values and the instance.
 */
export function checkProtocol(input: SourceSeries, increment: number): Protocol {
  const thicknesses = input.instances.map((instance) => instance.number('SliceThickness'));
  const missing = thicknesses.findIndex((t) => t === undefined || !(t > 0));
  if (missing >= 0) {
    throw calciumError('ATRIUM_ERR_CALCIUM_GAP', `calcium scoring refused: ${instanceLabel(input.instances[missing]!, missing)} has no usable Slice Thickness (${input.instances[missing]!.string('SliceThickness') ?? 'absent'}): whether the slices are contiguous cannot be checked`, { sopInstanceUID: input.instances[missing]!.sopInstanceUID, keyword: 'SliceThickness' });
  }
  const thickness = thicknesses[0]!;
  const other = thicknesses.findIndex((t) => Math.abs(t! - thickness) > THICKNESS_TOLERANCE_MM);
  if (other >= 0) {
    throw calciumError('ATRIUM_ERR_CALCIUM_GAP', `calcium scoring refused: Slice Thickness ${formatNumber(thicknesses[other]!)} mm of ${instanceLabel(input.instances[other]!, other)} differs from ${formatNumber(thickness)} mm of ${instanceLabel(input.instances[0]!, 0)}`, { sopInstanceUID: input.instances[other]!.sopInstanceUID, keyword: 'SliceThickness' });
  }
  if (increment > thickness + THICKNESS_TOLERANCE_MM) {
    throw calciumError(
      'ATRIUM_ERR_CALCIUM_GAP',
      `calcium scoring refused: the slice increment ${formatNumber(increment)} mm (from Image Position (Patient)) is larger than the Slice Thickness ${formatNumber(thickness)} mm (${instanceLabel(input.instances[0]!, 0)}): ${formatNumber(increment - thickness)} mm between slices is not imaged and lesions there are missed; the Agatston score is defined on contiguous slices`,
      { increment, sliceThickness: thickness },
    );
  }
  const nonStandard: string[] = [];
  const [low, high] = STANDARD_THICKNESS_MM;
  if (thickness < low - THICKNESS_TOLERANCE_MM || thickness > high + THICKNESS_TOLERANCE_MM) nonStandard.push(`${formatNumber(thickness)} mm slices (published categories: ${low}-${high} mm)`);
  if (increment < thickness - THICKNESS_TOLERANCE_MM) nonStandard.push(`overlapping slices (increment ${formatNumber(increment)} mm < thickness ${formatNumber(thickness)} mm)`);
  return { sliceThickness: thickness, increment, nonStandard };
}
