import { describe, expect, it } from 'vitest';
import { createCanvas, setPixel } from './canvas.js';
import { grey16Pixels, rgbPixels } from './derived-pixels.js';

describe('derived pixels', () => {
  it('gives a canvas as 8-bit RGB, its bytes unchanged', () => {
    const c = createCanvas(2, 1, [1, 2, 3]);
    expect(rgbPixels(c)).toEqual({ rows: 1, columns: 2, samplesPerPixel: 3, bitsAllocated: 8, data: c.data });
  });

  it('gives a canvas as signed 16-bit MONOCHROME2: BT.601 luminance × 16', () => {
    const c = createCanvas(3, 1, [255, 255, 255]);
    setPixel(c, 1, 0, [255, 0, 0]);
    setPixel(c, 2, 0, [0, 0, 0]);
    const p = grey16Pixels(c);
    expect({ ...p, data: [...p.data] }).toEqual({ rows: 1, columns: 3, samplesPerPixel: 1, bitsAllocated: 16, signed: true, data: [4080, 76 * 16, 0] });
    expect(p.data).toBeInstanceOf(Int16Array);
  });
});
