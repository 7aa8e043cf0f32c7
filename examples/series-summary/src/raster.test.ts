import { describe, expect, it } from 'vitest';
import { blit, createRaster, downsample, fillRect, fitInside, strokeRect } from './raster.js';

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

describe('raster operations', () => {
  it('createRaster fills and validates its size', () => {
    expect(Array.from(createRaster(2, 2, 7).data)).toEqual([7, 7, 7, 7]);
    expect(() => createRaster(0, 5)).toThrow(RangeError);
    expect(() => createRaster(2.5, 5)).toThrow('raster size must be whole and positive, got 2.5×5');
  });

  it('fillRect and strokeRect clip to the raster', () => {
    const r = createRaster(4, 3);
    fillRect(r, -1, 1, 3, 5, 1);
    expect(Array.from(r.data)).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0]);
    const s = createRaster(4, 4);
    strokeRect(s, 0, 0, 4, 4, 2);
    expect(Array.from(s.data)).toEqual([2, 2, 2, 2, 2, 0, 0, 2, 2, 0, 0, 2, 2, 2, 2, 2]);
  });

  it('blit copies with clipping on every side', () => {
    const src = { width: 2, height: 2, data: Uint8Array.from([1, 2, 3, 4]) };
    const a = createRaster(3, 3);
    blit(a, src, 1, 1);
    expect(Array.from(a.data)).toEqual([0, 0, 0, 0, 1, 2, 0, 3, 4]);
    const b = createRaster(3, 3);
    blit(b, src, -1, -1);
    expect(Array.from(b.data)).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 0]);
    const c = createRaster(3, 3);
    blit(c, src, 2, 2);
    expect(Array.from(c.data)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
    blit(c, src, 5, 0);
    expect(Array.from(c.data)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('fitInside keeps the aspect ratio', () => {
    expect(fitInside(512, 512, 56)).toEqual({ width: 56, height: 56 });
    expect(fitInside(512, 256, 56)).toEqual({ width: 56, height: 28 });
    expect(fitInside(600, 800, 56)).toEqual({ width: 42, height: 56 });
    expect(fitInside(10000, 1, 56)).toEqual({ width: 56, height: 1 });
  });
});
