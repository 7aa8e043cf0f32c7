import type { ErrorCode } from './errors/error-spec.js';
import type { SdkErrorCode } from './errors/sdk-errors.js';

/**
 * An error with a stable code, thrown by the SDK's own checks (parameters, load
 * specifications, SR documents, volumes) and by plugins that want the host to report a coded
 * failure. The constructor takes only the SDK's codes ({@link SDK_ERRORS}); a plugin's own
 * codes come from its `defineErrors` list. The host's own errors are a subclass, so
 * `instanceof SdkError` catches every coded error.
 */
export class SdkError extends Error {
  override readonly name: string = 'SdkError';
  /** Stable code, `ATRIUM_ERR_<AREA>_<WHAT>`. */
  readonly code: ErrorCode;

  constructor(
    code: SdkErrorCode,
    message: string,
    /** Machine-readable context (parameter name, attribute keyword, instance UID, ...). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.code = code;
  }
}
