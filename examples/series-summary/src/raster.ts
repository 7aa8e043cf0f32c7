/**
 * An 8-bit greyscale canvas and the pure pixel operations the summary image needs:
 * fill, outline and blit (fitting and downsampling are the SDK's `fitInside` and `downsample`).
 */

/** An 8-bit greyscale image, row by row. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A new raster filled with `value` (0 = black). */
export function createRaster(width: number, height: number, value = 0): Raster {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`raster size must be whole and positive, got ${width}×${height}`);
  return { width, height, data: new Uint8Array(width * height).fill(value) };
}

/** Set the pixel (x, y) when it lies inside the raster. */
export function setPixel(r: Raster, x: number, y: number, value: number): void {
  if (x >= 0 && y >= 0 && x < r.width && y < r.height) r.data[y * r.width + x] = value;
}

/** Fill a rectangle, clipped to the raster. */
export function fillRect(r: Raster, x: number, y: number, width: number, height: number, value: number): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(r.width, x + width);
  const y1 = Math.min(r.height, y + height);
  for (let yy = y0; yy < y1; yy++) r.data.fill(value, yy * r.width + x0, yy * r.width + Math.max(x0, x1));
}

/** Draw the one-pixel outline of a rectangle, clipped to the raster. */
export function strokeRect(r: Raster, x: number, y: number, width: number, height: number, value: number): void {
  fillRect(r, x, y, width, 1, value);
  fillRect(r, x, y + height - 1, width, 1, value);
  fillRect(r, x, y, 1, height, value);
  fillRect(r, x + width - 1, y, 1, height, value);
}

/** Copy `src` into `dst` with its top-left corner at (x, y), clipped to `dst`. */
export function blit(dst: Raster, src: Raster, x: number, y: number): void {
  for (let sy = 0; sy < src.height; sy++) {
    const dy = y + sy;
    if (dy < 0 || dy >= dst.height) continue;
    const sx0 = Math.max(0, -x);
    const sx1 = Math.min(src.width, dst.width - x);
    if (sx1 <= sx0) continue;
    dst.data.set(src.data.subarray(sy * src.width + sx0, sy * src.width + sx1), dy * dst.width + x + sx0);
  }
}
