import { plotText, type DerivedPixels, type TextLayout } from '@atrium/sdk';

/** A colour: red, green, blue, 0–255 each. */
export type Rgb = readonly [number, number, number];

/** An 8-bit RGB image, pixel-interleaved, row by row. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export const WHITE: Rgb = [255, 255, 255];
export const GREY: Rgb = [150, 150, 150];

/** A new canvas filled with `colour` (default black). */
export function createCanvas(width: number, height: number, colour: Rgb = [0, 0, 0]): Canvas {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`canvas size must be whole and positive, got ${width}×${height}`);
  const c = { width, height, data: new Uint8Array(3 * width * height) };
  fillRect(c, 0, 0, width, height, colour);
  return c;
}

/** Set pixel (x, y) (rounded) when it lies inside the canvas. */
export function setPixel(c: Canvas, x: number, y: number, colour: Rgb): void {
  const px = Math.round(x);
  const py = Math.round(y);
  if (px < 0 || py < 0 || px >= c.width || py >= c.height) return;
  const i = 3 * (py * c.width + px);
  c.data[i] = colour[0];
  c.data[i + 1] = colour[1];
  c.data[i + 2] = colour[2];
}

/** Fill a rectangle, clipped. */
export function fillRect(c: Canvas, x: number, y: number, width: number, height: number, colour: Rgb): void {
  for (let yy = Math.max(0, y); yy < Math.min(c.height, y + height); yy++) for (let xx = Math.max(0, x); xx < Math.min(c.width, x + width); xx++) setPixel(c, xx, yy, colour);
}

/** A one-pixel line from (x0, y0) to (x1, y1), clipped. */
export function drawLine(c: Canvas, x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
  for (let s = 0; s <= steps; s++) setPixel(c, x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, colour);
}

/** A closed polygon outline through the points. */
export function drawPolygon(c: Canvas, points: readonly (readonly [number, number])[], colour: Rgb): void {
  points.forEach((p, i) => {
    const q = points[(i + 1) % points.length]!;
    drawLine(c, p[0], p[1], q[0], q[1], colour);
  });
}

/** A one-pixel rectangle outline. */
export function strokeRect(c: Canvas, x: number, y: number, width: number, height: number, colour: Rgb): void {
  drawPolygon(c, [[x, y], [x + width - 1, y], [x + width - 1, y + height - 1], [x, y + height - 1]], colour);
}

/** Draw `text` with its top-left corner at (x, y); returns the width drawn. */
export function drawText(c: Canvas, text: string, x: number, y: number, colour: Rgb = WHITE, layout: TextLayout = {}): number {
  return plotText(text, x, y, (px, py) => setPixel(c, px, py, colour), layout);
}

/** A grey image (any numeric samples) and the window mapping its values to black … white. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: ArrayLike<number>;
}

/**
 * Draw `image` into the box (x, y, width, height), nearest neighbour, values from `low` (black) to
 * `high` (white) through `colourMap` (default grey).
 */
export function drawImage(c: Canvas, image: GreyImage, box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number }, low: number, high: number, colourMap: (t: number) => Rgb = greyMap): void {
  const span = high > low ? high - low : 1;
  for (let yy = 0; yy < box.height; yy++) {
    const sy = Math.min(image.height - 1, Math.floor(((yy + 0.5) * image.height) / box.height));
    for (let xx = 0; xx < box.width; xx++) {
      const sx = Math.min(image.width - 1, Math.floor(((xx + 0.5) * image.width) / box.width));
      const t = Math.min(1, Math.max(0, (image.data[sy * image.width + sx]! - low) / span));
      setPixel(c, box.x + xx, box.y + yy, colourMap(t));
    }
  }
}

/** Black to white. */
export function greyMap(t: number): Rgb {
  const v = Math.round(255 * t);
  return [v, v, v];
}

/** The nuclear medicine "hot iron" scale: black, red, orange, yellow, white. */
export function hotMap(t: number): Rgb {
  const r = Math.min(1, t * 3);
  const g = Math.min(1, Math.max(0, t * 3 - 1));
  const b = Math.min(1, Math.max(0, t * 3 - 2));
  return [Math.round(255 * r), Math.round(255 * g), Math.round(255 * b)];
}

/** A canvas as 8-bit RGB derived pixels (Samples per Pixel 3), as the GCA-9300R writes colour pages (Table 8-11). */
export function rgbPixels(c: Canvas): DerivedPixels {
  return { rows: c.height, columns: c.width, samplesPerPixel: 3, bitsAllocated: 8, data: c.data };
}
