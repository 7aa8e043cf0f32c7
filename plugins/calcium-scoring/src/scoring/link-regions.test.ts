import { describe, expect, it } from 'vitest';
import { linkRegions } from './link-regions.js';

const lesion = (sliceIndex: number, ...pixels: number[]) => ({ sliceIndex, pixelIndices: Int32Array.from(pixels) });

describe('linkRegions', () => {
  it('links lesions of adjacent slices sharing a pixel, chains through slices, keeps others apart', () => {
    const r = linkRegions(
      [
        lesion(0, 5, 6), // A
        lesion(1, 6, 7), // B shares 6 with A
        lesion(2, 7), // C shares 7 with B → A, B, C one region
        lesion(1, 20), // D alone on slice 1
        lesion(3, 20), // E: same pixel as D but slice 3 is not adjacent to 1 → separate
        lesion(2, 21), // F: next to D's pixel 20 but not overlapping → separate
      ],
      64,
    );
    expect([...r.regionOf]).toEqual([1, 1, 1, 2, 3, 4]);
    expect(r.members).toEqual([[0, 1, 2], [3], [4], [5]]);
  });

  it('merges two lesions of one slice that a lesion of the next slice bridges (a Y shape)', () => {
    const r = linkRegions([lesion(0, 1), lesion(0, 3), lesion(1, 1, 2, 3)], 8);
    expect([...r.regionOf]).toEqual([1, 1, 1]);
  });
});
