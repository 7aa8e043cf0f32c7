export { isWellFormedErrorCode, type ErrorCode, type ErrorSpec, type ErrorTable } from './error-spec.js';
export { SDK_ERRORS, type SdkErrorCode } from './sdk-errors.js';
export { defineErrors, type ErrorList } from './define-errors.js';
export { closestName, editDistance } from './closest-name.js';
