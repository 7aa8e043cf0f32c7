import { describe, expect, it } from 'vitest';
import { blitGrey, createCanvas, fillRect, getPixel, grey, setPixel, strokeRect } from './canvas.js';

describe('canvas', () => {
  it('is created filled, RGB interleaved, and rejects a bad size', () => {
    const c = createCanvas(2, 1, [1, 2, 3]);
    expect([...c.data]).toEqual([1, 2, 3, 1, 2, 3]);
    expect(() => createCanvas(0, 4)).toThrow(RangeError);
  });

  it('sets, fills and outlines pixels, clipped to the canvas', () => {
    const c = createCanvas(4, 3);
    setPixel(c, 5, 0, [9, 9, 9]);
    setPixel(c, 1, 1, [10, 20, 30]);
    expect(getPixel(c, 1, 1)).toEqual([10, 20, 30]);
    fillRect(c, -1, -1, 2, 2, grey(7));
    expect(getPixel(c, 0, 0)).toEqual([7, 7, 7]);
    expect(getPixel(c, 1, 0)).toEqual([0, 0, 0]);
    strokeRect(c, 0, 0, 4, 3, grey(1));
    const row = (y: number) => [0, 1, 2, 3].map((x) => getPixel(c, x, y)[0]);
    expect([row(0), row(1), row(2)]).toEqual([[1, 1, 1, 1], [1, 10, 0, 1], [1, 1, 1, 1]]);
  });

  it('blits grey values as grey pixels, clipped', () => {
    const c = createCanvas(3, 2);
    blitGrey(c, { width: 2, height: 2, data: [10, 20, 30, 40] }, 2, 1);
    expect([...c.data]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10, 10]);
  });
});
