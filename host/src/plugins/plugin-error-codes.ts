import { isWellFormedErrorCode, type ErrorCode, type ErrorSpec } from '@atrium/sdk/core';
import { ERRORS } from '../errors/codes.js';

/**
 * The error codes a plugin definition declares (`definePlugin({ errors })`, a `defineErrors`
 * list): code → its meaning. Returns a problem instead when the list is not one, or declares
 * a code of the host or the SDK (a plugin's codes are of its own area).
 */
export function pluginErrorCodes(errors: unknown): { readonly codes: Readonly<Record<ErrorCode, ErrorSpec>> } | { readonly problem: string } {
  if (errors === undefined) return { codes: {} };
  const codes = (errors as { codes?: unknown } | null)?.codes;
  if (typeof codes !== 'object' || codes === null) return { problem: '"errors" is not a defineErrors(...) list' };
  for (const [code, spec] of Object.entries(codes as Record<string, unknown>)) {
    if (!isWellFormedErrorCode(code)) return { problem: `"errors" declares ${JSON.stringify(code)}, which is not a code (ATRIUM_ERR_<AREA>_<WHAT>)` };
    if (Object.hasOwn(ERRORS, code)) return { problem: `"errors" declares ${code}, a code of the host; a plugin's codes are of its own area` };
    if (typeof (spec as ErrorSpec | null)?.message !== 'string') return { problem: `"errors" declares ${code} without a message` };
  }
  return { codes: codes as Record<ErrorCode, ErrorSpec> };
}
