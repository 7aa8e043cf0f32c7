// Timing and summary statistics of benchmark samples.

/**
 * Wall time of a synchronous call.
 * @param {() => void} fn
 * @returns {number} milliseconds
 */
export function time(fn) {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/**
 * The median (mean of the two middle values for an even count).
 * @param {number[]} xs
 * @returns {number | undefined} undefined when `xs` is empty
 */
export function median(xs) {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * `v` rounded to `digits` decimals, as a number.
 * @param {number} v
 * @param {number} digits
 */
export function round(v, digits) {
  return Number(v.toFixed(digits));
}
