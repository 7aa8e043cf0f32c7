import type { ErrorTable } from './error-spec.js';

/**
 * The SDK's own error codes: what its checks throw (parameters, load specifications, SR
 * documents, volumes) and what the plugin context's contract documents (the host throws
 * them to plugins). `SdkError` takes only these; a plugin declares its own with
 * `defineErrors`; the host's list (`atrium help errors`) includes these.
 */
export const SDK_ERRORS = {
  ATRIUM_ERR_PARAM_INVALID: { message: 'A parameter value does not fit its schema (type, range, choices).', http: 400 },
  ATRIUM_ERR_PARAM_MISSING: { message: 'A required parameter was not given.', http: 400 },
  ATRIUM_ERR_PARAM_UNKNOWN: { message: 'A parameter the app does not declare was given (the message lists the known ones).', http: 400 },
  ATRIUM_ERR_LOAD_MANDATORY: { message: 'An attribute the load specification marks Mandatory is missing from the source series or has a value the app does not expect.', http: 400 },
  ATRIUM_ERR_APP_HOST: { message: 'This host does not provide a service the app needs (e.g. ctx.derive.deidentify).', http: 501 },
  ATRIUM_ERR_APP_OUTPUT: { message: 'The app wrote to an output it does not declare.', http: 500 },
  ATRIUM_ERR_APP_SOURCE: { message: 'The app named an instance that is not a source instance of its run.', http: 500 },
  ATRIUM_ERR_DEID_BURNED_IN: { message: 'The pixels may show identifying text (Burned In Annotation not NO) and no mask region was given: the object is refused.', http: 422 },
  ATRIUM_ERR_DEID_IDENTITY: { message: 'The object lacks a usable SOP Class, SOP Instance, Study or Series Instance UID: a de-identified copy could be neither filed nor referenced.', http: 422 },
  ATRIUM_ERR_DEID_MALFORMED: { message: 'The object is damaged (elements out of order, a value that cannot be read): an identifying value could be copied unchanged, so it is refused.', http: 422 },
  ATRIUM_ERR_DEID_PIXEL_CLEANING_UNSUPPORTED: { message: 'Clean Pixel Data is needed but these pixels cannot be blanked (photometric interpretation or encoding).', http: 422 },
  ATRIUM_ERR_DEID_RETAIN_UIDS_IN_STORE: { message: 'Retain UIDs is refused for copies stored beside their originals: they would replace them.', http: 400 },
  ATRIUM_ERR_SR_INVALID: { message: 'A structured report is not valid; details.problems lists each problem with its content item.', http: 500 },
  ATRIUM_ERR_SR_STRUCTURE: { message: 'SR content is not a tree of known content items (root not a CONTAINER, unknown value type or relationship, an item inside itself, nesting deeper than 50).', http: 500 },
  ATRIUM_ERR_SR_RELATIONSHIP: { message: 'An SR relationship the IOD does not allow between these value types (PS3.3 Table A.35.3-2 / A.35.2-2), or an SCOORD without its one SELECTED FROM IMAGE.', http: 500 },
  ATRIUM_ERR_SR_CONCEPT: { message: 'An SR content item lacks the Concept Name PS3.3 C.17.3 requires.', http: 500 },
  ATRIUM_ERR_SR_CODE: { message: 'An SR code without value, scheme or meaning, too long, or of a scheme neither standard nor declared.', http: 500 },
  ATRIUM_ERR_SR_NUM: { message: 'An SR NUM without a finite value and without a Numeric Value Qualifier saying why.', http: 500 },
  ATRIUM_ERR_SR_UNIT: { message: 'An SR NUM value without a unit, or a unit that is not a UCUM code.', http: 500 },
  ATRIUM_ERR_SR_VALUE: { message: 'An SR value that is empty or malformed (text, UID, date, time, date-time, person name, graphic data).', http: 500 },
  ATRIUM_ERR_SR_REFERENCE: { message: 'A malformed SR reference, or one SOP instance referenced as two objects.', http: 500 },
  ATRIUM_ERR_SR_DOCUMENT: { message: 'SR document attributes not as PS3.3 C.17.2 requires (Completion / Verification Flag, observers, coding scheme declarations).', http: 500 },
  ATRIUM_ERR_VOLUME_INPUT: { message: 'Not something a volume can be built from (no pixels, colour, no Image Plane attributes, frames of different sizes, a frame index out of range).', http: 422 },
  ATRIUM_ERR_VOLUME_GEOMETRY: { message: 'The slices do not form one regular stack (mixed orientations or spacings, duplicate positions, gaps, tilt or shear, several Frames of Reference).', http: 422 },
  ATRIUM_ERR_VOLUME_VALUES: { message: 'A value does not fit the voxel type asked for.', http: 422 },
  ATRIUM_ERR_VOLUME_MEMORY: { message: 'More voxels than can be allocated.', http: 413 },
  ATRIUM_ERR_VOLUME_RESAMPLE: { message: 'A target grid that cannot be sampled (empty, singular), or in another Frame of Reference than the source.', http: 422 },
  ATRIUM_ERR_RENDER_UNAVAILABLE: { message: 'This host offers no 3-D renderer (ctx.render).', http: 501 },
  ATRIUM_ERR_RENDER_BROWSER_MISSING: { message: 'Chromium, which 3-D rendering needs, was not found (ATRIUM_CHROMIUM, or chromium on the PATH); the message says how to install it.', http: 503 },
  ATRIUM_ERR_RENDER_SCENE: { message: 'The scene cannot be rendered (sizes, arrays, transfer function).', http: 400 },
  ATRIUM_ERR_RENDER_FAILED: { message: 'The render browser or its WebGL2 context failed.', http: 500 },
  ATRIUM_ERR_STANDARD_TABLE: { message: 'A generated standard table of the SDK is damaged (a bug: regenerate it with tools/generate-standard.mjs).', http: 500 },
} as const satisfies ErrorTable;

/** A code of {@link SDK_ERRORS}. */
export type SdkErrorCode = keyof typeof SDK_ERRORS;
