import type { Raster } from '../raster.js';

/** The pixels of a rectangle of a raster, row by row (for exact comparisons in tests). */
export function rasterRegion(r: Raster, x: number, y: number, width: number, height: number): number[] {
  const out: number[] = [];
  for (let yy = y; yy < y + height; yy++) out.push(...r.data.subarray(yy * r.width + x, yy * r.width + x + width));
  return out;
}
