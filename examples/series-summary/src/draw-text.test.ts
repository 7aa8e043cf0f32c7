import { describe, expect, it } from 'vitest';
import { drawText, fitText, textWidth } from './draw-text.js';
import { createRaster, type Raster } from './raster.js';

/** A raster as rows of characters: '.' for 0, '#' for 255, '+' for anything else. */
const picture = (r: Raster): string[] =>
  Array.from({ length: r.height }, (_, y) => Array.from(r.data.subarray(y * r.width, (y + 1) * r.width), (v) => (v === 0 ? '.' : v === 255 ? '#' : '+')).join(''));

describe('drawText', () => {
  it("draws the glyph of 'A' with its top-left corner at the given position", () => {
    const r = createRaster(9, 10);
    expect(drawText(r, 'A', 3, 2)).toBe(5);
    expect(picture(r)).toEqual([
      '.........',
      '.........',
      '....###..',
      '...#...#.',
      '...#...#.',
      '...#...#.',
      '...#####.',
      '...#...#.',
      '...#...#.',
      '.........',
    ]);
  });

  it('scales each glyph pixel to a square and advances one cell per character', () => {
    const r = createRaster(14, 14);
    expect(drawText(r, 'I-', 0, 0, { scale: 2, value: 7 })).toBe(22);
    const rows = picture(r);
    // 'I' = .###. / ..#.. ×5 / .###. at 2×; '-' begins at x = 12 (6 × 2) and its bar is on glyph row 3
    expect(rows[0]).toBe('..++++++......');
    expect(rows[1]).toBe('..++++++......');
    expect(rows[2]).toBe('....++........');
    expect(rows[6]).toBe('....++......++');
    expect(rows[12]).toBe('..++++++......');
    expect(rows[13]).toBe('..++++++......');
    expect(r.data.filter((v) => v === 7).length).toBe(4 * (3 + 5 + 3) + 4 * 1); // 'I', and one column of '-'
  });

  it('leaves unset pixels as they are and clips at the edges', () => {
    const r = createRaster(4, 4, 9);
    drawText(r, 'A', -2, -1);
    // glyph (gx, gy) lands on (gx - 2, gy - 1): columns 2..4 of rows 1..4 are visible
    expect(Array.from(r.data)).toEqual([9, 9, 255, 9, 9, 9, 255, 9, 9, 9, 255, 9, 255, 255, 255, 9]);
  });

  it('textWidth and fitText', () => {
    expect([textWidth(''), textWidth('A'), textWidth('AB'), textWidth('AB', { scale: 3 })]).toEqual([0, 5, 11, 33]);
    expect(fitText('Series summary', 200, { scale: 2 })).toBe('Series summary');
    const fitted = fitText('A very long title that cannot fit', 100, { scale: 2 });
    expect(fitted).toBe('A ver...');
    expect(textWidth(fitted, { scale: 2 })).toBeLessThanOrEqual(100);
    expect(fitText('Hello', 10)).toBe('');
  });
});
