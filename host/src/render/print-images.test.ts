import { describe, expect, it } from 'vitest';
import { composeFilm, scaleToMatrix, type GreyImage, type PrintImage } from './print-images.js';

const grey = (width: number, height: number, at: (x: number, y: number) => number): GreyImage & { bits: 8 } => ({
  width, height, channels: 1, bits: 8, data: Uint8Array.from({ length: width * height }, (_, i) => at(i % width, Math.floor(i / width))),
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

  it('scaleToMatrix keeps 12-bit words and RGB samples apart; composeFilm of RGB and 12-bit grey is RGB, grey at its top 8 bits', () => {
    const rgb: PrintImage = { width: 2, height: 1, channels: 3, bits: 8, data: Uint8Array.from([10, 20, 30, 40, 50, 60]) };
    expect([...scaleToMatrix(rgb, 2).data]).toEqual([10, 20, 30, 40, 50, 60]);
    const up = scaleToMatrix(rgb, 4);
    expect([up.width, up.height, up.data.length]).toEqual([4, 2, 24]);
    expect([...up.data.subarray(0, 12)]).toEqual([10, 20, 30, 18, 28, 38, 33, 43, 53, 40, 50, 60]);
    const deep: PrintImage = { width: 1, height: 1, channels: 1, bits: 12, data: Uint16Array.from([4095]) };
    expect(scaleToMatrix(deep, 2).data).toEqual(Uint16Array.from([4095, 4095, 4095, 4095]));
    const film = composeFilm([rgb, deep], 2, 1, 2);
    expect(film.channels).toBe(3);
    expect([...film.data.subarray(0, 6)]).toEqual([10, 20, 30, 40, 50, 60]);
    expect([...film.data.subarray(6, 12)]).toEqual([255, 255, 255, 0, 0, 0]); // 4095 → 255 at the cell's left (the odd margin goes right), then black
  });
});
