import { describe, expect, it } from 'vitest';
import { fullRangeWindow, rgbToGrey, windowToGrey } from './window-level.js';

describe('windowToGrey (PS3.3 C.11.2.1.2.1 linear window)', () => {
  it('maps a CT soft-tissue window (C 40, W 400): ≤ −160 black, > 239 white, linear between', () => {
    // lower edge c − 0.5 − (w − 1)/2 = −160, upper edge c − 0.5 + (w − 1)/2 = 239
    expect(Array.from(windowToGrey([-1000, -160, -159, 40, 239, 240, 3000], 40, 400))).toEqual([0, 0, 1, 128, 255, 255, 255]);
  });

  it('width 1 is a threshold at c − 0.5', () => {
    expect(Array.from(windowToGrey([99, 99.5, 99.6, 100], 100, 1))).toEqual([0, 0, 255, 255]);
  });

  it('rejects a width below 1', () => {
    expect(() => windowToGrey([1], 0, 0.5)).toThrow('window width must be at least 1, got 0.5');
    expect(() => windowToGrey([1], 0, Number.NaN)).toThrow(RangeError);
  });
});

describe('fullRangeWindow', () => {
  it('maps the smallest value to 0 and the largest to 255', () => {
    const values = [-1000, 0, 3000];
    const w = fullRangeWindow(values);
    expect(w).toEqual({ center: 1000.5, width: 4001 });
    expect(Array.from(windowToGrey(values, w.center, w.width))).toEqual([0, 64, 255]);
  });

  it('constant values give width 1 (black); no values a harmless window', () => {
    expect(fullRangeWindow([5, 5])).toEqual({ center: 5.5, width: 1 });
    expect(Array.from(windowToGrey([5, 5], 5.5, 1))).toEqual([0, 0]);
    expect(fullRangeWindow([])).toEqual({ center: 0.5, width: 1 });
  });
});

describe('rgbToGrey', () => {
  it('is the BT.601 luminance of interleaved RGB', () => {
    const grey = rgbToGrey([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 200, 100, 50]);
    expect(grey.length).toBe(5);
    [76.245, 149.685, 29.07, 255, 124.2].forEach((v, i) => expect(grey[i]).toBeCloseTo(v, 9));
  });
});
