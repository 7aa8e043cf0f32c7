import type { SdkErrorCode } from '../errors/sdk-errors.js';

/**
 * Codes of the problems {@link validateSrDocument} finds (each names the content item):
 * - `ATRIUM_ERR_SR_STRUCTURE`: not a tree of known content items (root not a CONTAINER, an
 *   unknown value type or relationship, an item inside itself, nesting deeper than 50);
 * - `ATRIUM_ERR_SR_RELATIONSHIP`: a relationship the IOD does not allow between these value types
 *   (PS3.3 Table A.35.3-2 / A.35.2-2), or an SCOORD without its one SELECTED FROM IMAGE;
 * - `ATRIUM_ERR_SR_CONCEPT`: a Concept Name missing where PS3.3 C.17.3 requires one;
 * - `ATRIUM_ERR_SR_CODE`: a code without value, scheme or meaning, too long, or of a scheme neither
 *   standard nor declared;
 * - `ATRIUM_ERR_SR_NUM`: a NUM without a finite value and without a qualifier saying why;
 * - `ATRIUM_ERR_SR_UNIT`: a NUM value without a unit, or a unit that is not a UCUM code;
 * - `ATRIUM_ERR_SR_VALUE`: an empty text, a malformed UID, date, time, date-time or person name,
 *   graphic data that does not fit its type;
 * - `ATRIUM_ERR_SR_REFERENCE`: a malformed reference, or one SOP instance referenced as two objects;
 * - `ATRIUM_ERR_SR_DOCUMENT`: Completion / Verification Flag not as PS3.3 C.17.2 requires
 *   (VERIFIED needs observers with name, organization and date-time), coding scheme declarations.
 */
export type SrProblemCode = Exclude<Extract<SdkErrorCode, `ATRIUM_ERR_SR_${string}`>, 'ATRIUM_ERR_SR_INVALID'>;

/** One reason a document cannot be written. */
export interface SrProblem {
  readonly code: SrProblemCode;
  /**
   * Where: `document` for the document attributes, else the content item's position as in
   * Referenced Content Item Identifier (PS3.3 C.17.3.2.5): `1` the root, `1.2` its second child…
   */
  readonly path: string;
  /** What is wrong, starting with the item (value type and concept meaning). */
  readonly message: string;
}
