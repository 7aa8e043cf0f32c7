import { defineErrors, type SdkError } from '@atrium/sdk';

/**
 * Every error code of the calcium scoring app, with what it means: the one list (`atrium help
 * errors` lists them under the plugin; the host reports them as given, with the message naming the
 * instance, seed or parameter). Parameters the schema refuses are the SDK's ATRIUM_ERR_PARAM_*.
 */
export const calciumErrors = defineErrors({
  ATRIUM_ERR_CALCIUM_REFUSED: { message: 'The series cannot be scored: geometry (oblique, tilted, uneven, duplicate), rescale, Frames of Reference, multi-frame.', http: 422 },
  ATRIUM_ERR_CALCIUM_GAP: { message: 'The slice increment is larger than Slice Thickness (gaps between slices), or Slice Thickness is absent or differs between slices.', http: 422 },
  ATRIUM_ERR_CALCIUM_KVP: { message: 'A tube voltage without a calcium threshold in the kVp table, and no threshold given.', http: 422 },
  ATRIUM_ERR_CALCIUM_CONTRAST: { message: 'Contrast-enhanced input (Contrast/Bolus Agent, or a blood pool above the threshold), refused unless allowContrast=true.', http: 422 },
  ATRIUM_ERR_CALCIUM_IMPLAUSIBLE_REGION: { message: 'A seeded region too large to be a coronary lesion, refused unless allowImplausibleRegions=true.', http: 422 },
  ATRIUM_ERR_CALCIUM_SEED_MISS: { message: 'A seed whose point is not calcium (or is outside its roi, or was excluded).', http: 400 },
  ATRIUM_ERR_CALCIUM_SEED_CONFLICT: { message: "A seed whose point is calcium another artery's seed took.", http: 400 },
  ATRIUM_ERR_CALCIUM_INPUT: { message: 'The slices handed to the scorer do not fit together (sizes, values, spacing).', http: 422 },
});

/** A calcium scoring error code. */
export type CalciumErrorCode = Parameters<typeof calciumErrors.error>[0];

/** A coded error of the app (an SdkError, reported by the host with its code). */
export function calciumError(code: CalciumErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}): SdkError {
  return calciumErrors.error(code, message, details);
}
