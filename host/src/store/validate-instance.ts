import { Tag } from '@atrium/sdk';
import type { DicomFile } from '../io/parse-part10.js';
import { checkGeometry } from './validation/check-geometry.js';
import { checkIdentity, IDENTITY_TAGS } from './validation/check-identity.js';
import { checkPixelDescription, PIXEL_DESCRIPTION_TAGS } from './validation/check-pixel-description.js';
import { checkType1, checkUids, hasMandatoryModule, mandatoryType1 } from './validation/check-type1.js';
import { validationProblem, type ValidationProblem } from './validation/validation-problem.js';

export type { ValidationProblem } from './validation/validation-problem.js';

import type { ValidationPolicy } from './validation-policy.js';
export { VALIDATION_POLICIES, type ValidationPolicy } from './validation-policy.js';

/** The findings of {@link validateInstance}, split by what the policy makes of them. */
export interface ValidationResult {
  /** Findings that refuse the object. */
  readonly refusals: readonly ValidationProblem[];
  /** Findings recorded with the stored object (under `strict` only those that never refuse). */
  readonly warnings: readonly ValidationProblem[];
}

/** What {@link validateInstance} reads of a parsed object. */
export type ValidatedFile = Pick<DicomFile, 'dataset' | 'transferSyntax' | 'meta'> & {
  /** A header-only read that walked past a native Pixel Data value: its length in bytes (checked as if read). */
  readonly nativePixelDataLength?: number;
};

/**
 * Validation at the door. Always refused: identity UIDs that cannot name the instance
 * (see `checkIdentity`), a pixel description that cannot be displayed (`checkPixelDescription`),
 * unusable geometry (`checkGeometry`). Refused under `strict`, warnings under `safety`:
 * the other Type 1 attributes of the IOD's mandatory modules (present, non-empty, within
 * the VR's length) and every other UID at any depth. Always warnings: a pixel spacing of
 * 0, and File Meta Information naming another SOP class or instance than the data set
 * (PS3.10 §7.1; many real files have it, and the data set is what is stored and indexed).
 */
export function validateInstance(file: ValidatedFile, policy: ValidationPolicy = 'safety'): ValidationResult {
  const ds = file.dataset;
  const identity = checkIdentity(ds);
  if (identity.length > 0) return { refusals: identity, warnings: [] };
  const sopClass = ds.string(Tag.SOPClassUID)!;
  const geometry = checkGeometry(ds);
  const unsafe = [...checkPixelDescription(ds, file.transferSyntax, hasMandatoryModule(sopClass, 'image-pixel'), file.nativePixelDataLength), ...geometry.refusals];
  const checked = new Set([...IDENTITY_TAGS, ...PIXEL_DESCRIPTION_TAGS, ...unsafe.map((p) => p.tag)]);
  const type1 = mandatoryType1(sopClass).filter((t) => !checked.has(t));
  const conformance = [...checkType1(ds, type1), ...checkUids(ds, new Set([...checked, ...type1, Tag.FrameOfReferenceUID]))];
  const notes = [...geometry.warnings, ...checkFileMeta(file)];
  return policy === 'strict' ? { refusals: [...unsafe, ...conformance], warnings: notes } : { refusals: unsafe, warnings: [...conformance, ...notes] };
}

/** Media Storage SOP Class / Instance UID of the File Meta Information must name the data set's (PS3.10 §7.1). */
function checkFileMeta(file: ValidatedFile): ValidationProblem[] {
  if (!file.meta) return [];
  const pairs = [[Tag.MediaStorageSOPClassUID, Tag.SOPClassUID], [Tag.MediaStorageSOPInstanceUID, Tag.SOPInstanceUID]] as const;
  return pairs.flatMap(([metaTag, tag]) => {
    const meta = file.meta!.string(metaTag);
    const own = file.dataset.string(tag);
    return meta !== undefined && meta !== own ? [validationProblem('META_MISMATCH', metaTag, `of the File Meta Information (${meta}) differs from the data set's (${own})`)] : [];
  });
}
