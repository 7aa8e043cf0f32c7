import { Tag } from '@atrium/sdk';
import type { DataSet } from '../io/data-set.js';
import { AtriumError } from '../errors/atrium-error.js';
import type { PixelMaskRegion } from './deid-options.js';

/** Modalities whose images usually carry burned-in text whatever Burned In Annotation says. */
const BURNING_MODALITIES = new Set(['US', 'XA']);
const SECONDARY_CAPTURE = /^1\.2\.840\.10008\.5\.1\.4\.1\.1\.7(\.[1-4])?$/;
const PIXEL_TAGS = [Tag.PixelData, Tag.FloatPixelData, Tag.DoubleFloatPixelData];

/**
 * Why an object's pixels may show identity (the Clean Pixel Data Option would be needed), or
 * undefined: Burned In Annotation YES; Modality US or XA; a Secondary Capture whose Burned In
 * Annotation is not explicitly NO. Objects without pixel data never need it.
 */
export function burnedInReason(ds: DataSet): string | undefined {
  if (!PIXEL_TAGS.some((t) => ds.has(t))) return undefined;
  const burned = ds.string(Tag.BurnedInAnnotation)?.toUpperCase();
  if (burned === 'YES') return 'Burned In Annotation (0028,0301) is YES';
  const modality = ds.string(Tag.Modality)?.toUpperCase() ?? '';
  if (BURNING_MODALITIES.has(modality)) return `Modality ${modality} images usually carry burned-in annotation`;
  if (SECONDARY_CAPTURE.test(ds.string(Tag.SOPClassUID) ?? '') && burned !== 'NO') {
    return 'a Secondary Capture image without Burned In Annotation (0028,0301) NO may be a screen capture';
  }
  return undefined;
}

/**
 * Whether the Clean Pixel Data Option must be applied to an object: true when its pixels may show
 * identity ({@link burnedInReason}) and mask regions are given. Without regions such an object is
 * refused: ATRIUM_ERR_DEID_BURNED_IN. Objects that need no cleaning are never masked.
 */
export function pixelCleaningNeeded(ds: DataSet, masks: readonly PixelMaskRegion[] | undefined): boolean {
  const reason = burnedInReason(ds);
  if (reason === undefined) return false;
  if (masks !== undefined && masks.length > 0) return true;
  const sop = ds.string(Tag.SOPInstanceUID) ?? '(no SOP Instance UID)';
  throw new AtriumError('ATRIUM_ERR_DEID_BURNED_IN', `object ${sop}: ${reason}; refused (give pixel mask regions for the Clean Pixel Data Option)`, { sopInstanceUID: sop, reason });
}
