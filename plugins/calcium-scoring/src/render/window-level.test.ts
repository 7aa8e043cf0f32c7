import { describe, expect, it } from 'vitest';
import { downsample, fitInside } from '@atrium/sdk';
import { CALCIUM_WINDOW, windowToGrey } from './window-level.js';

describe('windowToGrey with the calcium window W 800 / L 200', () => {
  // 130 HU: ((130 − 199.5) / 799 + 0.5) × 255 = 105.3 → 105; 200 HU: 127.7 → 128
  it('maps −200 HU and below to 0, above 599 HU to 255, linear between (PS3.3 C.11.2.1.2.1)', () => {
    const { center, width } = CALCIUM_WINDOW;
    expect([...windowToGrey([-1000, -200, -199, 130, 200, 599, 600, 1000], center, width)]).toEqual([0, 0, 0, 105, 128, 255, 255, 255]);
    expect(() => windowToGrey([0], 0, 0)).toThrow(RangeError);
  });
});

describe('resampling', () => {
  it('fits inside a box keeping the aspect, and area-averages', () => {
    expect(fitInside(512, 256, 200)).toEqual({ width: 200, height: 100 });
    expect([...downsample({ width: 4, height: 2, data: [0, 2, 4, 6, 8, 10, 12, 14] }, 2, 1)]).toEqual([5, 9]);
  });
});
