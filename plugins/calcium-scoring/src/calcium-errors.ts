import { SdkError } from '@atrium/sdk';

/**
 * Every error code of the calcium scoring app, with what it means: the one list (the host
 * reports them as given, with the message naming the instance, seed or parameter). Parameters
 * the schema refuses are the SDK's ATRIUM_ERR_PARAM_*.
 */
export const CALCIUM_ERRORS = {
  ATRIUM_ERR_CALCIUM_REFUSED: 'the series cannot be scored: geometry (oblique, tilted, uneven, duplicate), rescale, Frames of Reference, multi-frame',
  ATRIUM_ERR_CALCIUM_GAP: 'the slice increment is larger than Slice Thickness (gaps between slices), or Slice Thickness is absent or differs between slices',
  ATRIUM_ERR_CALCIUM_KVP: 'a tube voltage without a calcium threshold in the kVp table, and no threshold given',
  ATRIUM_ERR_CALCIUM_CONTRAST: 'contrast-enhanced input (Contrast/Bolus Agent, or a blood pool above the threshold), refused unless allowContrast=true',
  ATRIUM_ERR_CALCIUM_IMPLAUSIBLE_REGION: 'a seeded region too large to be a coronary lesion, refused unless allowImplausibleRegions=true',
  ATRIUM_ERR_CALCIUM_SEED_MISS: 'a seed whose point is not calcium (or is outside its roi, or was excluded)',
  ATRIUM_ERR_CALCIUM_SEED_CONFLICT: 'a seed whose point is calcium another artery\'s seed took',
  ATRIUM_ERR_CALCIUM_INPUT: 'slices the scoring core cannot use (sizes, values, spacing)',
} as const;

/** A calcium scoring error code. */
export type CalciumErrorCode = keyof typeof CALCIUM_ERRORS;

/** A coded error of the app (an SdkError, reported by the host with its code). */
export function calciumError(code: CalciumErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}): SdkError {
  return new SdkError(code, message, details);
}
