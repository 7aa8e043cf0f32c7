import { describe, expect, it } from 'vitest';
import { createCanvas, getPixel } from './canvas.js';
import { drawText, fitText, textWidth, wrapText } from './draw-text.js';

/** Rows of a canvas region as '#' (red channel > 0) and '.'. */
const picture = (c: ReturnType<typeof createCanvas>, x: number, y: number, w: number, h: number) =>
  Array.from({ length: h }, (_, yy) => Array.from({ length: w }, (_, xx) => (getPixel(c, x + xx, y + yy)[0] > 0 ? '#' : '.')).join(''));

describe('drawText', () => {
  it('draws the 5×7 glyph of "1" at scale 1 in the colour given', () => {
    const c = createCanvas(8, 9);
    expect(drawText(c, '1', 1, 1, { colour: [200, 100, 50] })).toBe(5);
    expect(picture(c, 1, 1, 5, 7)).toEqual(['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.']);
    expect(getPixel(c, 3, 1)).toEqual([200, 100, 50]);
  });

  it('draws each glyph pixel as a 2×2 square at scale 2', () => {
    const c = createCanvas(12, 16);
    drawText(c, '1', 0, 0, { scale: 2 });
    expect(picture(c, 0, 0, 10, 4)).toEqual(['....##....', '....##....', '..####....', '..####....']);
  });

  it('measures, shortens and wraps text', () => {
    expect([textWidth(''), textWidth('ab'), textWidth('ab', { scale: 2 })]).toEqual([0, 11, 22]);
    expect(fitText('abcdef', 29)).toBe('ab...');
    expect(wrapText('one two three', 6 * 7 - 1)).toEqual(['one two', 'three']);
    expect(wrapText('abcdefghijkl', 29)).toEqual(['ab...']);
  });
});
