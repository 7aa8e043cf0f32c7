import { describe, expect, it } from 'vitest';
import { connectedComponents } from './connected-components.js';

// 4×5 mask (rows × columns):
//   1 . . . 1
//   . 1 . . 1
//   . . . . .
//   1 1 . . .
const mask = [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0].map(Boolean);

describe('connectedComponents', () => {
  it('8-connectivity joins the diagonal pair: 3 components', () => {
    const c = connectedComponents(mask, 4, 5, 8);
    expect(c.count).toBe(3);
    // labels in raster order of first pixel: {0, 6} first, {4, 9} second, {15, 16} third
    expect([...c.pixels[0]!]).toEqual([0, 6]);
    expect([...c.pixels[1]!]).toEqual([4, 9]);
    expect([...c.pixels[2]!]).toEqual([15, 16]);
    expect([...c.labels]).toEqual([1, 0, 0, 0, 2, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0]);
  });

  it('4-connectivity splits the diagonal pair: 4 components', () => {
    const c = connectedComponents(mask, 4, 5, 4);
    expect(c.count).toBe(4);
    expect(c.pixels.map((p) => [...p])).toEqual([[0], [4, 9], [6], [15, 16]]);
  });

  it('gives the same result when told the foreground indices', () => {
    const foreground = [0, 4, 6, 9, 15, 16];
    expect(connectedComponents(mask, 4, 5, 8, foreground)).toEqual(connectedComponents(mask, 4, 5, 8));
  });

  it('an empty mask has no components; a full one has one', () => {
    expect(connectedComponents(new Uint8Array(6), 2, 3, 8).count).toBe(0);
    const full = connectedComponents(new Uint8Array(6).fill(1), 2, 3, 4);
    expect(full.count).toBe(1);
    expect([...full.pixels[0]!]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('does not wrap around row ends', () => {
    // 2×3: pixel 2 (row 0, last column) and pixel 3 (row 1, first column) are not neighbours
    const c = connectedComponents([0, 0, 1, 1, 0, 0].map(Boolean), 2, 3, 8);
    expect(c.count).toBe(2);
  });
});
