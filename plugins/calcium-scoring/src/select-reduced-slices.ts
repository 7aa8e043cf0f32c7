/** How the reduced CT series is chosen. */
export type ReduceMode =
  | { readonly mode: 'lesions'; readonly margin: number }
  | { readonly mode: 'all' }
  | { readonly mode: 'every-nth'; readonly n: number };

/**
 * The slice indices (0-based, ascending, unique) of the reduced CT series out of `count`
 * slices: `lesions` — every index in `lesionSlices` ± `margin`, clipped to the series;
 * `all` — every slice; `every-nth` — slices 0, n, 2n, … .
 */
export function selectReducedSlices(count: number, lesionSlices: Iterable<number>, how: ReduceMode): number[] {
  switch (how.mode) {
    case 'all':
      return Array.from({ length: count }, (_, i) => i);
    case 'every-nth':
      return Array.from({ length: Math.ceil(count / how.n) }, (_, i) => i * how.n);
    case 'lesions': {
      const keep = new Set<number>();
      for (const s of lesionSlices) for (let i = s - how.margin; i <= s + how.margin; i++) if (i >= 0 && i < count) keep.add(i);
      return [...keep].sort((a, b) => a - b);
    }
  }
}
