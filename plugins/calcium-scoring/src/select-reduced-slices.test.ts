import { describe, expect, it } from 'vitest';
import { selectReducedSlices } from './select-reduced-slices.js';

describe('selectReducedSlices', () => {
  it('keeps lesion slices ± margin, merged, sorted, clipped to the series', () => {
    expect(selectReducedSlices(10, [7, 0, 3], { mode: 'lesions', margin: 1 })).toEqual([0, 1, 2, 3, 4, 6, 7, 8]);
    expect(selectReducedSlices(10, [9], { mode: 'lesions', margin: 2 })).toEqual([7, 8, 9]);
    expect(selectReducedSlices(10, [4], { mode: 'lesions', margin: 0 })).toEqual([4]);
    expect(selectReducedSlices(10, [], { mode: 'lesions', margin: 3 })).toEqual([]);
  });

  it('keeps all slices, or every n-th from the first', () => {
    expect(selectReducedSlices(4, [], { mode: 'all' })).toEqual([0, 1, 2, 3]);
    expect(selectReducedSlices(7, [], { mode: 'every-nth', n: 3 })).toEqual([0, 3, 6]);
    expect(selectReducedSlices(3, [], { mode: 'every-nth', n: 1 })).toEqual([0, 1, 2]);
  });
});
