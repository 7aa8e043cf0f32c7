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
 * Refuse objects whose pixels may show identity: ATRIUM_ERR_DEID_BURNED_IN without a pixel mask,
 * ATRIUM_ERR_DEID_PIXEL_CLEANING_UNSUPPORTED with one (Clean Pixel Data is not implemented yet).
 */
export function refuseBurnedIn(ds: DataSet, masks: readonly PixelMaskRegion[] | undefined): void {
  const reason = burnedInReason(ds);
  if (reason === undefined) return;
  const sop = ds.string(Tag.SOPInstanceUID) ?? '(no SOP Instance UID)';
  if (masks !== undefined && masks.length > 0) {
    throw new AtriumError('ATRIUM_ERR_DEID_PIXEL_CLEANING_UNSUPPORTED', `object ${sop}: ${reason}; cleaning pixel regions is not implemented yet, the object is refused`, { sopInstanceUID: sop, reason });
  }
  throw new AtriumError('ATRIUM_ERR_DEID_BURNED_IN', `object ${sop}: ${reason}; refused (give pixel mask regions for the Clean Pixel Data Option)`, { sopInstanceUID: sop, reason });
}
