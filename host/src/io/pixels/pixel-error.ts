import { AtriumError } from '../../errors/atrium-error.js';

/** The stable error codes of the pixel layer. */
export type PixelErrorKind =
  /** The description is inconsistent (bits, sizes, frame count). */
  | 'BAD_DESCRIPTION'
  /** A transfer syntax, bit depth or photometric interpretation the layer cannot handle. */
  | 'UNSUPPORTED'
  /** Frame index outside 0..frameCount-1. */
  | 'FRAME_INDEX'
  /** The Pixel Data is shorter than the description needs. */
  | 'TRUNCATED'
  /** Fragments cannot be mapped to frames (bad offset table, frame count mismatch). */
  | 'FRAGMENTS'
  /** Compressed data that a codec rejected or that decoded to the wrong size. */
  | 'CORRUPT'
  /** The palette LUT attributes are missing or inconsistent. */
  | 'PALETTE';

/** Build an {@link AtriumError} with code `ATRIUM_ERR_PIXELS_<kind>`. */
export function pixelError(
  kind: PixelErrorKind,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
  cause?: unknown,
): AtriumError {
  return new AtriumError(`ATRIUM_ERR_PIXELS_${kind}`, message, details, cause === undefined ? undefined : { cause });
}
