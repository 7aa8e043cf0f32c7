import { describe, expect, it } from 'vitest';
import { bitmapFont } from './bitmap-font.js';

/** The glyph of `char` as 7 rows of '#' and '.'. */
const picture = (char: string): string[] =>
  Array.from({ length: 7 }, (_, y) => Array.from({ length: 5 }, (_, x) => (bitmapFont.pixel(char, x, y) ? '#' : '.')).join(''));

describe('bitmapFont', () => {
  it('is 5×7 in a 6×8 cell', () => {
    expect([bitmapFont.glyphWidth, bitmapFont.glyphHeight, bitmapFont.cellWidth, bitmapFont.cellHeight]).toEqual([5, 7, 6, 8]);
  });

  it('draws A, 1 and g (with its descender) as the classic dot-matrix glyphs', () => {
    expect(picture('A')).toEqual(['.###.', '#...#', '#...#', '#...#', '#####', '#...#', '#...#']);
    expect(picture('1')).toEqual(['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.']);
    expect(picture('g')).toEqual(['.....', '.####', '#...#', '#...#', '.####', '....#', '.###.']);
  });

  it('has a glyph for every printable ASCII character (only space is blank)', () => {
    for (let code = 32; code <= 126; code++) {
      const char = String.fromCharCode(code);
      const set = picture(char).join('').split('#').length - 1;
      if (char === ' ') expect(set).toBe(0);
      else expect(set, `glyph of ${JSON.stringify(char)}`).toBeGreaterThan(0);
    }
  });

  it('draws characters outside the font as "?" and nothing outside the glyph', () => {
    expect(picture('é')).toEqual(picture('?'));
    expect(picture('\n')).toEqual(picture('?'));
    expect([bitmapFont.pixel('A', -1, 3), bitmapFont.pixel('A', 5, 3), bitmapFont.pixel('A', 0, 7), bitmapFont.pixel('A', 0, -1)]).toEqual([false, false, false, false]);
  });
});
