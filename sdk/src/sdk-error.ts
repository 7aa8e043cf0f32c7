/**
 * An error with a stable code, thrown by the SDK's own checks (parameters, manifests,
 * load specifications) and by plugins that want the host to report a coded failure.
 * Codes: `ATRIUM_ERR_<AREA>_<WHAT>`, e.g. `ATRIUM_ERR_PARAM_INVALID`, `ATRIUM_ERR_LOAD_MANDATORY`.
 * The host's own errors are a subclass, so `instanceof SdkError` catches every coded error.
 */
export class SdkError extends Error {
  override readonly name: string = 'SdkError';

  constructor(
    /** Stable code, `ATRIUM_ERR_<AREA>_<WHAT>`. */
    readonly code: string,
    message: string,
    /** Machine-readable context (parameter name, attribute keyword, instance UID, ...). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
