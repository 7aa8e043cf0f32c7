import { describe, expect, it } from 'vitest';
import { composeFilm, scaleToMatrix, type GreyImage } from './print-images.js';

const grey = (width: number, height: number, at: (x: number, y: number) => number): GreyImage => ({
  width, height, channels: 1, data: Uint8Array.from({ length: width * height }, (_, i) => at(i % width, Math.floor(i / width))),
});

describe('print images', () => {
  it('scaleToMatrix: the larger side becomes the matrix, the aspect kept; at the matrix size the image is unchanged', () => {
    const ramp = grey(4, 2, (x) => x * 60);
    expect(scaleToMatrix(ramp, 4)).toEqual(ramp);
    const up = scaleToMatrix(ramp, 8);
    expect([up.width, up.height]).toEqual([8, 4]);
    expect([...up.data.subarray(0, 8)]).toEqual([0, 15, 45, 75, 105, 135, 165, 180]); // bilinear between 0, 60, 120, 180, edges clamped
    expect([scaleToMatrix(grey(3, 9, () => 7), 6).width, scaleToMatrix(grey(3, 9, () => 7), 6).height]).toEqual([2, 6]);
  });

  it('composeFilm: cells left to right then top to bottom, each image centred, the rest black', () => {
    const film = composeFilm([grey(2, 2, () => 200), grey(1, 2, () => 100), grey(2, 1, () => 50)], 2, 2, 3);
    expect([film.width, film.height]).toEqual([6, 6]);
    expect([...film.data]).toEqual([
      200, 200, 0, 0, 100, 0, // an odd margin: the extra pixel right / below
      200, 200, 0, 0, 100, 0,
      0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0,
      50, 50, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0,
    ]);
  });
});
