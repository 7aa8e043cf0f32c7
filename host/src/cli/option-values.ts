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

/** `<center>,<width>` (width ≥ 1) as a VOI window, or null when malformed (`--window`). */
export function parseWindow(text: string): { center: number; width: number } | null {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== 2 || parts.some((p) => p === '')) return null;
  const [center, width] = parts.map(Number) as [number, number];
  return Number.isFinite(center) && Number.isFinite(width) && width >= 1 ? { center, width } : null;
}
