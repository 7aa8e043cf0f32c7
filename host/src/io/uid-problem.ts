import { quoteValue } from './quote-value.js';

/** Longest UID value (PS3.5 §9.1, VR UI in Table 6.2-1). */
export const MAX_UID_LENGTH = 64;

/** What is wrong with a UID value: its kind and the words saying it. */
export interface UidProblem {
  readonly kind: 'EMPTY' | 'TOO_LONG' | 'BAD_UID';
  /** E.g. `is not a valid UID ("1.2.a"): only digits and dots are allowed`. */
  readonly what: string;
}

/**
 * What is wrong with one UID value (padding already removed), or undefined for a valid
 * one: PS3.5 §9.1 — 1 to 64 characters, digits and dots only, no empty component (no
 * leading, trailing or doubled dot). Leading zeros in a component are not refused: real
 * equipment writes them and every peer reads them.
 */
export function uidProblem(value: string): UidProblem | undefined {
  if (value === '') return { kind: 'EMPTY', what: 'is empty' };
  if (value.length > MAX_UID_LENGTH) return { kind: 'TOO_LONG', what: `has a value of ${value.length} characters, longer than the ${MAX_UID_LENGTH} allowed for VR UI` };
  if (!/^[0-9.]+$/.test(value)) return { kind: 'BAD_UID', what: `is not a valid UID (${quoteValue(value)}): only digits and dots are allowed` };
  if (!/^[0-9]+(\.[0-9]+)*$/.test(value)) return { kind: 'BAD_UID', what: `is not a valid UID (${quoteValue(value)}): a component is empty` };
  return undefined;
}
