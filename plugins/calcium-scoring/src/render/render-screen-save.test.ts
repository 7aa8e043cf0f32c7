import { describe, expect, it } from 'vitest';
import { createCanvas, getPixel } from './canvas.js';
import { drawText } from './draw-text.js';
import { renderScreenSave, screenSaveTextScale } from './render-screen-save.js';

const size = 64;
const slice = (lesionAt: number) => ({ rows: size, columns: size, hu: new Int16Array(size * size).fill(-1000), lesions: [{ pixelIndices: [lesionAt], colour: [255, 0, 0] as const }] });

describe('renderScreenSave', () => {
  it('scales text with the image: 1 below 512 columns, 2 from 512, 4 from 1024', () => {
    expect([256, 511, 512, 1023, 1024].map(screenSaveTextScale)).toEqual([1, 1, 2, 2, 4]);
  });

  it('shows the windowed slice, the lesion in its colour, its label right of it with a black shadow, header and footer', () => {
    const c = renderScreenSave({ slice: slice(40 * size + 20), header: ['Image 4'], labels: [{ text: 'L', colour: [0, 255, 0], at: [40, 20] }], footer: 'NFC' });
    expect(getPixel(c, 20, 40)).toEqual([255, 0, 0]);
    // The label "L" starts 6 px right of the lesion, its 7 rows centred on row 40 (top row 37).
    const expected = createCanvas(size, size);
    drawText(expected, 'L', 27, 38, { colour: [1, 1, 1] });
    drawText(expected, 'L', 26, 37, { colour: [0, 255, 0] });
    for (let y = 36; y < 46; y++) for (let x = 24; x < 34; x++) {
      const want = getPixel(expected, x, y);
      expect(getPixel(c, x, y), `(${x}, ${y})`).toEqual(want[1] === 255 ? [0, 255, 0] : [0, 0, 0]);
    }
    // header "I" at (4, 4) and footer at the bottom left (top row 64 − 4 − 7 = 53), white
    expect(getPixel(c, 6, 4)).toEqual([255, 255, 255]);
    expect(getPixel(c, 4, 53)).toEqual([255, 255, 255]);
  });
});
