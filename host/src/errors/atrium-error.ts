import { isWellFormedErrorCode, SdkError, type ErrorCode, type SdkErrorCode } from '@atrium/sdk/core';
import { isAtriumErrorCode, type AtriumErrorCode } from './codes.js';

/**
 * The one error type the host throws for expected failures (bad input, bad parameters,
 * policy refusals): an {@link SdkError} — `code` is one of the list (`errors/codes.ts`,
 * the SDK's codes included; the compiler refuses another); `message` names what was wrong
 * and where; `details` carries machine-readable context (tag, path, offset, ...).
 */
export class AtriumError extends SdkError {
  override readonly name: string = 'AtriumError';
  constructor(code: AtriumErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}, options?: { cause?: unknown }) {
    // SdkError's constructor narrows to the SDK's codes for code written against the SDK; the
    // host's list includes them, and the compiler checks `code` against it here.
    super(code as SdkErrorCode, message, details);
    if (options?.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false, writable: true, configurable: true });
  }

  /**
   * An error that came from elsewhere with a code of its own — from a worker thread, a job
   * row, a plugin (whose codes are in its `defineErrors` list, not the host's): `code` is
   * kept when it is spelt as a code, else `fallback` is used.
   */
  static relay<E extends AtriumError>(
    this: new (code: AtriumErrorCode, message: string, details?: Readonly<Record<string, unknown>>, options?: { cause?: unknown }) => E,
    code: unknown,
    fallback: AtriumErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ): E {
    const e = new this(fallback, message, details, options);
    if (typeof code === 'string' && isWellFormedErrorCode(code)) (e as { code: ErrorCode }).code = code;
    return e;
  }
}

/**
 * The code of a caught {@link AtriumError} as a listed code: the host's own errors always
 * are; `fallback` for one relayed with a code of elsewhere (a plugin's).
 */
export function listedCode(e: AtriumError, fallback: AtriumErrorCode): AtriumErrorCode {
  return isAtriumErrorCode(e.code) ? e.code : fallback;
}

/** True when `e` is an {@link AtriumError}, optionally with the given code. */
export function isAtriumError(e: unknown, code?: AtriumErrorCode): e is AtriumError {
  return e instanceof AtriumError && (code === undefined || e.code === code);
}
