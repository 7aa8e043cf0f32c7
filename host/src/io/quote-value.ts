/**
 * A value for a message: in double quotes, as written (backslashes between values kept),
 * with control characters and NULs shown as `\xNN` so that what a file holds is visible.
 */
export function quoteValue(value: string): string {
  return `"${value.replace(/[\x00-\x1f\x7f-\x9f"]/g, (c) => (c === '"' ? '\\"' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))}"`;
}
