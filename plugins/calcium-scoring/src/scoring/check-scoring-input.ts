import { calciumError } from '../calcium-errors.js';
import type { ScoringParams, ScoringSlice } from './types.js';

/**
 * Refuse what {@link scoreCalcium} cannot score: no slices, slices of different sizes, a slice
 * whose values do not fill it or without a positive pixel spacing, a threshold, connectivity or
 * calibration factor that is not a number it can use. Throws SdkError `ATRIUM_ERR_CALCIUM_INPUT`.
 */
export function checkScoringInput(slices: readonly ScoringSlice[], params: ScoringParams): void {
  const fail = (message: string, details: Record<string, unknown> = {}): never => {
    throw calciumError('ATRIUM_ERR_CALCIUM_INPUT', message, details);
  };
  const first = slices[0];
  if (first === undefined) fail('calcium scoring needs slices; none were given');
  slices.forEach((s, i) => {
    if (s.rows !== first!.rows || s.columns !== first!.columns) {
      fail(`slice ${i} (${s.sopInstanceUID}) is ${s.rows}×${s.columns}, slice 0 is ${first!.rows}×${first!.columns}`, { sliceIndex: i });
    }
    if (s.hu.length !== s.rows * s.columns) fail(`slice ${i} (${s.sopInstanceUID}) has ${s.hu.length} values, expected ${s.rows * s.columns}`, { sliceIndex: i });
    if (!(s.pixelSpacing[0] > 0 && s.pixelSpacing[1] > 0)) fail(`slice ${i} (${s.sopInstanceUID}) has pixel spacing [${s.pixelSpacing.join(', ')}]`, { sliceIndex: i });
  });
  if (!Number.isFinite(params.threshold)) fail(`threshold ${params.threshold} is not a number of HU`);
  if (params.connectivity !== 4 && params.connectivity !== 8) fail(`connectivity ${String(params.connectivity)} is neither 4 nor 8`);
  if (params.calibrationFactor !== undefined && !Number.isFinite(params.calibrationFactor)) fail(`calibration factor ${params.calibrationFactor} is not a number`);
}
