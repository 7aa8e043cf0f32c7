import { maxValueLength } from '../io/vr.js';
import { AtriumError } from '../errors/atrium-error.js';
import { shiftDate } from './date-shift.js';
import { REPLACEABLE, type Replacements } from './deid-options.js';

type ReplaceableKeyword = keyof typeof REPLACEABLE;

/** The keywords a user value can be given for (every "N, U" row of the Canon GCA-9300R Table 7-1). */
export const REPLACEABLE_KEYWORDS = Object.keys(REPLACEABLE) as ReplaceableKeyword[];

/**
 * Why `value` cannot be written as the user value of `keyword`, or undefined when it can: one
 * value (no backslash), within its VR's maximum length (PN: each of the three component groups),
 * no control characters; a date (DA) a real YYYYMMDD date.
 */
export function userValueProblem(keyword: ReplaceableKeyword, value: string): string | undefined {
  const vr = REPLACEABLE[keyword];
  if (value.includes('\\')) return 'must be one value (no backslash)';
  if (/[\u0000-\u001f]/.test(value)) return 'must not contain control characters';
  if (vr === 'DA') return /^\d{8}$/.test(value) && shiftDate(value, 0) !== undefined ? undefined : 'must be a date YYYYMMDD';
  const max = vr === 'PN' ? 64 : (maxValueLength(vr) ?? 64); // PS3.5 §6.2: PN 64 per component group
  const longest = Math.max(...(vr === 'PN' ? value.split('=') : [value]).map((v) => v.length));
  return longest > max ? `is ${longest} characters long; VR ${vr} allows ${max}${vr === 'PN' ? ' per component group' : ''}` : undefined;
}

/**
 * A user value from `Keyword=value` text (the CLI's `--set`): the keyword must be one of
 * {@link REPLACEABLE_KEYWORDS} (case as the standard spells it) and the value valid for it.
 * Throws ATRIUM_ERR_DEID_USER_VALUE naming the term.
 */
export function parseUserValue(term: string): { readonly keyword: ReplaceableKeyword; readonly value: string } {
  const eq = term.indexOf('=');
  const keyword = eq < 0 ? term : term.slice(0, eq);
  if (eq <= 0 || !(REPLACEABLE_KEYWORDS as string[]).includes(keyword)) {
    throw new AtriumError('ATRIUM_ERR_DEID_USER_VALUE', `"${term}": expected Keyword=value with Keyword one of ${REPLACEABLE_KEYWORDS.join(', ')}`, { term });
  }
  const value = term.slice(eq + 1);
  checkUserValue(keyword as ReplaceableKeyword, value);
  return { keyword: keyword as ReplaceableKeyword, value };
}

/** Throws ATRIUM_ERR_DEID_USER_VALUE for the first user value that cannot be written (see userValueProblem). */
export function checkUserValues(values: Replacements): void {
  for (const keyword of REPLACEABLE_KEYWORDS) {
    const value = values[keyword];
    if (value !== undefined) checkUserValue(keyword, value);
  }
}

function checkUserValue(keyword: ReplaceableKeyword, value: string): void {
  const problem = userValueProblem(keyword, value);
  if (problem !== undefined) throw new AtriumError('ATRIUM_ERR_DEID_USER_VALUE', `${keyword} "${value}" ${problem}`, { keyword, value });
}
