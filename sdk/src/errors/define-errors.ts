import { SdkError } from '../sdk-error.js';
import type { SdkErrorCode } from './sdk-errors.js';
import { SDK_ERRORS } from './sdk-errors.js';
import { isWellFormedErrorCode, type ErrorCode, type ErrorSpec } from './error-spec.js';

/** A plugin's error list: its codes, and the only way to make errors with them. */
export interface ErrorList<T extends Readonly<Record<ErrorCode, ErrorSpec>>> {
  /** The codes with their meanings (what `atrium help errors` lists under the plugin). */
  readonly codes: T;
  /** A coded error (an {@link SdkError}) with one of this list's codes; the compiler refuses another. */
  error(code: keyof T & ErrorCode, message: string, details?: Readonly<Record<string, unknown>>): SdkError;
}

/**
 * Declare a plugin's own error codes, each with its meaning and HTTP status (Fastify's
 * `createError`, as a list). Give the list to `definePlugin({ errors })` so that the host
 * lists the codes (`atrium help errors`) and reports them as the plugin's:
 *
 * ```ts
 * export const errors = defineErrors({
 *   ATRIUM_ERR_CALCIUM_SEED_MISS: { message: 'A seed lies in no calcified lesion.', http: 400 },
 * });
 * throw errors.error('ATRIUM_ERR_CALCIUM_SEED_MISS', `seed ${i} at (${x}, ${y}) hits no lesion`, { seed: i });
 * ```
 *
 * Codes are `ATRIUM_ERR_<AREA>_<WHAT>` with an area of the plugin's own (not an SDK code);
 * a malformed or duplicate code throws here, when the plugin's module is loaded.
 */
export function defineErrors<const T extends Readonly<Record<ErrorCode, ErrorSpec>>>(codes: T): ErrorList<T> {
  for (const [code, spec] of Object.entries(codes) as [string, ErrorSpec][]) {
    if (!isWellFormedErrorCode(code)) throw new TypeError(`defineErrors: ${code} is not a code (ATRIUM_ERR_<AREA>_<WHAT>, capitals, digits and _)`);
    if (Object.hasOwn(SDK_ERRORS, code)) throw new TypeError(`defineErrors: ${code} is an SDK code; a plugin declares codes of its own area`);
    if (typeof spec?.message !== 'string' || spec.message === '' || !Number.isInteger(spec.http) || spec.http < 400 || spec.http > 599) {
      throw new TypeError(`defineErrors: ${code} needs a message and an HTTP status from 400 to 599`);
    }
  }
  return Object.freeze({
    codes: Object.freeze({ ...codes }),
    // SdkError's constructor narrows to the SDK's codes for code written against the SDK;
    // the code here was checked against this list by the compiler and above.
    error: (code: keyof T & ErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) => new SdkError(code as SdkErrorCode, message, details),
  });
}
