import { UsageError } from './usage-error.js';

/** A `--limit` option: undefined when absent, else a whole number ≥ 1 (a usage error otherwise). */
export function parseLimit(text: string | undefined, option = '--limit'): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError('ATRIUM_ERR_CLI_BAD_LIMIT', `${option} must be a positive whole number, not "${text}"`, { option, value: text });
  }
  return n;
}
