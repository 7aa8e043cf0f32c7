/**
 * `@atrium/sdk/core`: the SDK's errors (and the "did you mean" helper of their messages), its version and the data dictionary lookups, without
 * the rest of the SDK (the standard's other tables, volumes, SR, rendering), for a program
 * that must start fast (the `atrium` command line). Everything here is also exported by
 * `@atrium/sdk`.
 */
export { SDK_VERSION } from './sdk-version.js';
export { SdkError } from './sdk-error.js';
export { closestName, isWellFormedErrorCode, SDK_ERRORS, type ErrorCode, type ErrorSpec, type SdkErrorCode } from './errors/index.js';
export { lookupKeyword, lookupTag, tagToString } from './standard/dictionary.js';
