/**
 * `count` indices spread evenly over `0 … length − 1`, first and last included, in order and
 * distinct: all indices when `count ≥ length`; the middle one when `count` is 1.
 */
export function sampleEvenly(length: number, count: number): number[] {
  if (length <= 0 || count <= 0) return [];
  if (count >= length) return Array.from({ length }, (_, i) => i);
  if (count === 1) return [Math.floor((length - 1) / 2)];
  return Array.from({ length: count }, (_, i) => Math.round((i * (length - 1)) / (count - 1)));
}
