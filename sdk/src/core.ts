/**
 * `@atrium/sdk/core`: the SDK's errors (and the "did you mean" helper of their messages) and its version, without the rest of the SDK (the
 * standard's tables, volumes, SR, rendering), for a program that must start fast (the `atrium`
 * command line). The data dictionary lookups are `@atrium/sdk/dictionary` (its table is a
 * third of a megabyte of source to compile). Everything here is also exported by `@atrium/sdk`.
 */
export { SDK_VERSION } from './sdk-version.js';
export { SdkError } from './sdk-error.js';
export { closestName, isWellFormedErrorCode, SDK_ERRORS, type ErrorCode, type ErrorSpec, type SdkErrorCode } from './errors/index.js';
