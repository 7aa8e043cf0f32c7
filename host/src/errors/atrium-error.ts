/**
 * The one error type the host throws for expected failures (bad input, bad parameters,
 * policy refusals). `code` is stable and documented; `message` names what was wrong and
 * where; `details` carries machine-readable context (tag, path, offset, ...).
 */
export class AtriumError extends Error {
  override readonly name = 'AtriumError';

  constructor(
    /** Stable code, `ATRIUM_ERR_<AREA>_<WHAT>`. */
    readonly code: string,
    message: string,
    /** Machine-readable context for logs and `--json` output. */
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `e` is an {@link AtriumError}, optionally with the given code. */
export function isAtriumError(e: unknown, code?: string): e is AtriumError {
  return e instanceof AtriumError && (code === undefined || e.code === code);
}
