import { describe, expect, it } from 'vitest';
import { createCanvas, getPixel } from './canvas.js';
import { markLesions, overlayLesions } from './overlay-lesions.js';
import { renderSlice } from './render-slice.js';

describe('lesion overlays', () => {
  it('colours lesion pixels, mapped onto a canvas half the slice size', () => {
    const c = createCanvas(2, 2);
    // slice 4×4: pixel (row 3, column 2) → canvas (1, 1)
    overlayLesions(c, 4, 4, [{ pixelIndices: [3 * 4 + 2], colour: [255, 0, 0] }]);
    expect([...c.data]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0]);
  });

  it('outlines a lesion with a square `pad` pixels outside its bounding box', () => {
    const c = createCanvas(5, 5);
    markLesions(c, 5, 5, [{ pixelIndices: [12], colour: [0, 255, 0] }], 1);
    const rows = [0, 1, 2, 3, 4].map((y) => [0, 1, 2, 3, 4].map((x) => (getPixel(c, x, y)[1] > 0 ? '#' : '.')).join(''));
    expect(rows).toEqual(['.....', '.###.', '.#.#.', '.###.', '.....']);
  });

  it('renders a slice windowed for calcium with its lesions, full size or fitted into a box', () => {
    const slice = { rows: 2, columns: 2, hu: [-1000, 200, 600, 250], lesions: [{ pixelIndices: [3], colour: [0, 96, 255] as const }] };
    expect([...renderSlice(slice).data]).toEqual([0, 0, 0, 128, 128, 128, 255, 255, 255, 0, 96, 255]);
    // 1×1: mean HU 12.5 → ((12.5 − 199.5) / 799 + 0.5) × 255 = 67.8 → 68
    expect([...renderSlice({ ...slice, lesions: [] }, 1).data]).toEqual([68, 68, 68]);
  });
});
