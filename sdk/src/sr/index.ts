/**
 * Structured reports: a content tree of coded items (PS3.3 C.17.3), validated against the SR
 * IOD's relationship constraints and each item's rules, and written as the content of a
 * Comprehensive SR or Enhanced SR output.
 */
export type { CodedConcept, PrivateCodingScheme } from './coded-concept.js';
export type {
  SrChild, SrCode, SrComposite, SrContainer, SrContentItem, SrDate, SrDateTime, SrImage, SrImageReference, SrMeasuredNum,
  SrNotComputedNum, SrObjectReference, SrPersonName, SrRelationship, SrSpatialCoordinates, SrText, SrTime, SrUidRef, SrValueType,
} from './sr-content-item.js';
export type { SrDocumentSpec, SrVerification, SrVerifyingObserver } from './sr-document-spec.js';
export { buildSrDocument } from './build-sr-document.js';
export { validateSrDocument } from './validate-sr-document.js';
export type { SrProblem, SrProblemCode } from './sr-problem.js';
export { SR_RELATIONSHIP_CONSTRAINTS, relationshipAllowed, type SrConstraintRow, type SrIod } from './sr-relationship-constraints.js';
export { NumericValueQualifier } from './numeric-value-qualifier.js';
export { STANDARD_CODING_SCHEMES } from './standard-coding-schemes.js';
export { srDocumentMapping } from './sr-document-mapping.js';
export { srReferenceTo } from './sr-reference-to.js';
