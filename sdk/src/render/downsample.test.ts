import { describe, expect, it } from 'vitest';
import { downsample, fitInside } from './downsample.js';

describe('downsample (area average)', () => {
  it('halves a 4×4 ramp into the means of its 2×2 blocks', () => {
    const ramp = { width: 4, height: 4, data: Array.from({ length: 16 }, (_, i) => i) };
    expect(Array.from(downsample(ramp, 2, 2))).toEqual([2.5, 4.5, 10.5, 12.5]);
  });

  it('uses boxes ⌊x·sw/w⌋ … ⌊(x+1)·sw/w⌋ for uneven ratios', () => {
    expect(Array.from(downsample({ width: 6, height: 1, data: [0, 1, 2, 3, 4, 5] }, 3, 1))).toEqual([0.5, 2.5, 4.5]);
    expect(Array.from(downsample({ width: 5, height: 1, data: [0, 1, 2, 3, 4] }, 2, 1))).toEqual([0.5, 3]);
    expect(Array.from(downsample({ width: 1, height: 3, data: [10, 20, 60] }, 1, 1))).toEqual([30]);
  });

  it('repeats pixels when enlarging and keeps a same-size image', () => {
    expect(Array.from(downsample({ width: 2, height: 1, data: [1, 2] }, 4, 1))).toEqual([1, 1, 2, 2]);
    expect(Array.from(downsample({ width: 2, height: 2, data: new Int16Array([-1000, 0, 40, 3000]) }, 2, 2))).toEqual([-1000, 0, 40, 3000]);
  });
});

describe('fitInside', () => {
  it('keeps the aspect ratio', () => {
    expect(fitInside(512, 512, 56)).toEqual({ width: 56, height: 56 });
    expect(fitInside(512, 256, 56)).toEqual({ width: 56, height: 28 });
    expect(fitInside(600, 800, 56)).toEqual({ width: 42, height: 56 });
    expect(fitInside(10000, 1, 56)).toEqual({ width: 56, height: 1 });
  });
});
