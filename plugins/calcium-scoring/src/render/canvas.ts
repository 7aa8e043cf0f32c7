/**
 * An 8-bit RGB canvas and the pure pixel operations the reports and screen saves need:
 * fill, outline, grey blit. Every drawing call clips to the canvas.
 */

/** A colour: red, green, blue, 0–255 each. */
export type Rgb = readonly [number, number, number];

/** An 8-bit RGB image, pixel-interleaved, row by row (`data.length = 3 × width × height`). */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A grey level as a colour. */
export function grey(value: number): Rgb {
  return [value, value, value];
}

/** A new canvas filled with `colour` (default black). */
export function createCanvas(width: number, height: number, colour: Rgb = [0, 0, 0]): Canvas {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`canvas size must be whole and positive, got ${width}×${height}`);
  const c = { width, height, data: new Uint8Array(3 * width * height) };
  fillRect(c, 0, 0, width, height, colour);
  return c;
}

/** Set the pixel (x, y) when it lies inside the canvas. */
export function setPixel(c: Canvas, x: number, y: number, colour: Rgb): void {
  if (x < 0 || y < 0 || x >= c.width || y >= c.height) return;
  const i = 3 * (y * c.width + x);
  c.data[i] = colour[0];
  c.data[i + 1] = colour[1];
  c.data[i + 2] = colour[2];
}

/** The colour of pixel (x, y) (which must lie inside the canvas). */
export function getPixel(c: Canvas, x: number, y: number): Rgb {
  const i = 3 * (y * c.width + x);
  return [c.data[i]!, c.data[i + 1]!, c.data[i + 2]!];
}

/** Fill a rectangle, clipped to the canvas. */
export function fillRect(c: Canvas, x: number, y: number, width: number, height: number, colour: Rgb): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(c.width, x + width);
  const y1 = Math.min(c.height, y + height);
  for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) setPixel(c, xx, yy, colour);
}

/** Draw the one-pixel outline of a rectangle, clipped to the canvas. */
export function strokeRect(c: Canvas, x: number, y: number, width: number, height: number, colour: Rgb): void {
  fillRect(c, x, y, width, 1, colour);
  fillRect(c, x, y + height - 1, width, 1, colour);
  fillRect(c, x, y, 1, height, colour);
  fillRect(c, x + width - 1, y, 1, height, colour);
}

/** Copy an 8-bit grey image (`width × height` values) into the canvas with its top-left corner at (x, y), clipped. */
export function blitGrey(c: Canvas, image: { readonly width: number; readonly height: number; readonly data: ArrayLike<number> }, x: number, y: number): void {
  for (let sy = 0; sy < image.height; sy++) {
    for (let sx = 0; sx < image.width; sx++) {
      const v = image.data[sy * image.width + sx]!;
      setPixel(c, x + sx, y + sy, [v, v, v]);
    }
  }
}
