/**
 * An 8-bit greyscale canvas and the pure pixel operations the summary image needs:
 * fill, outline, blit, fit, and area-average downsampling of modality values.
 */

/** An 8-bit greyscale image, row by row. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Samples of any numeric type, row by row (one sample per pixel). */
export interface Grid {
  readonly width: number;
  readonly height: number;
  readonly data: ArrayLike<number>;
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

/** The largest size with the aspect ratio of `width × height` that fits in `box × box` (at least 1×1). */
export function fitInside(width: number, height: number, box: number): { readonly width: number; readonly height: number } {
  const scale = Math.min(box / width, box / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Resample `src` to `width × height` by area averaging: each output pixel is the mean of the
 * source pixels of its box (`[⌊x·sw/w⌋, ⌊(x+1)·sw/w⌋)`, at least one pixel, so enlarging
 * repeats pixels).
 */
export function downsample(src: Grid, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  const xs = boxEdges(src.width, width);
  const ys = boxEdges(src.height, height);
  for (let y = 0; y < height; y++) {
    const [y0, y1] = ys[y]!;
    for (let x = 0; x < width; x++) {
      const [x0, x1] = xs[x]!;
      let sum = 0;
      for (let sy = y0; sy < y1; sy++) for (let sx = x0; sx < x1; sx++) sum += src.data[sy * src.width + sx]!;
      out[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

function boxEdges(from: number, to: number): (readonly [number, number])[] {
  return Array.from({ length: to }, (_, i) => {
    const a = Math.min(from - 1, Math.floor((i * from) / to));
    return [a, Math.max(a + 1, Math.floor(((i + 1) * from) / to))] as const;
  });
}
