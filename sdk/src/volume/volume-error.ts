import type { SdkErrorCode } from '../errors/sdk-errors.js';
import { SdkError } from '../sdk-error.js';

/**
 * Codes of the errors the volume builders and the resampler throw (as {@link SdkError}):
 * - `ATRIUM_ERR_VOLUME_INPUT`: not something a volume can be built from (no pixels, colour,
 *   an image without Image Plane attributes, frames of different sizes, a multi-frame image
 *   without per-frame positions, a frame index out of range);
 * - `ATRIUM_ERR_VOLUME_GEOMETRY`: the slices do not form one regular stack (mixed orientations
 *   or pixel spacings, duplicate positions, gaps or uneven spacing unless resampling was asked
 *   for, tilted or sheared stacks, several Frames of Reference);
 * - `ATRIUM_ERR_VOLUME_VALUES`: a value that does not fit the voxel type asked for;
 * - `ATRIUM_ERR_VOLUME_MEMORY`: more voxels than can be allocated;
 * - `ATRIUM_ERR_VOLUME_RESAMPLE`: a target grid that cannot be sampled (empty, singular), or in
 *   another Frame of Reference than the source.
 * `details` names the instance, frame or slices concerned.
 */
export type VolumeErrorCode = Extract<SdkErrorCode, `ATRIUM_ERR_VOLUME_${string}`>;

/** A coded volume error. */
export function volumeError(code: VolumeErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}): SdkError {
  return new SdkError(code, message, details);
}
