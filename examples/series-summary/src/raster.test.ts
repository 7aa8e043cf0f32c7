import { describe, expect, it } from 'vitest';
import { blit, createRaster, fillRect, strokeRect } from './raster.js';

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

});
