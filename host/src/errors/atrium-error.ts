import { SdkError } from '@atrium/sdk';

/**
 * The one error type the host throws for expected failures (bad input, bad parameters,
 * policy refusals): an {@link SdkError} — `code` is stable and documented; `message`
 * names what was wrong and where; `details` carries machine-readable context (tag, path,
 * offset, ...).
 */
export class AtriumError extends SdkError {
  override readonly name: string = 'AtriumError';

  constructor(code: string, message: string, details: Readonly<Record<string, unknown>> = {}, options?: { cause?: unknown }) {
    super(code, message, details);
    if (options?.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false, writable: true, configurable: true });
  }
}

/** True when `e` is an {@link AtriumError}, optionally with the given code. */
export function isAtriumError(e: unknown, code?: string): e is AtriumError {
  return e instanceof AtriumError && (code === undefined || e.code === code);
}
