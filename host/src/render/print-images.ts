import type { StoredInstance } from '../db/dicom-index.js';
import { openImageFile } from '../io/image-file.js';
import type { ParseLimits } from '../io/parse-limits.js';
import type { Image8 } from './encode-png.js';
import { renderFrame, type VoiWindow } from './render-frame.js';

/** A greyscale image as a film's image box gets it. */
export type GreyImage = Image8 & { readonly channels: 1 };

/** Greyscale of an 8-bit RGB image (PS3.3 §C.7.6.3.1.2 luminance weights, ITU-R BT.601). */
function toGrey(image: Image8): GreyImage {
  if (image.channels === 1) return image as GreyImage;
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(0.299 * image.data[3 * i]! + 0.587 * image.data[3 * i + 1]! + 0.114 * image.data[3 * i + 2]!);
  return { width: image.width, height: image.height, channels: 1, data };
}

/**
 * `image` scaled (bilinear, pixel centres aligned) so that its larger side is `matrix`
 * pixels, the aspect ratio kept: the print resolution a printer is configured for (DCMTK
 * dcmprscp's Min/Max Print Resolution bound it).
 */
export function scaleToMatrix(image: GreyImage, matrix: number): GreyImage {
  const f = matrix / Math.max(image.width, image.height);
  const width = Math.max(1, Math.round(image.width * f));
  const height = Math.max(1, Math.round(image.height * f));
  const data = new Uint8Array(width * height);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(image.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(image.width - 1, x0 + 1);
      const wx = fx - x0;
      const at = (xx: number, yy: number): number => image.data[yy * image.width + xx]!;
      data[y * width + x] = Math.round((at(x0, y0) * (1 - wx) + at(x1, y0) * wx) * (1 - wy) + (at(x0, y1) * (1 - wx) + at(x1, y1) * wx) * wy);
    }
  }
  return { width, height, channels: 1, data };
}

/**
 * The first frame of each instance, windowed (`window`, else the instance's, else min/max:
 * see renderFrame), in greyscale (RGB by luminance), scaled to `matrix`.
 */
export async function printImages(instances: readonly StoredInstance[], absolute: (path: string) => string, limits: ParseLimits, options: { window?: VoiWindow; matrix: number }): Promise<GreyImage[]> {
  const out: GreyImage[] = [];
  for (const inst of instances) {
    const file = openImageFile(absolute(inst.file.path), limits);
    try {
      out.push(scaleToMatrix(toGrey(await renderFrame(file, options.window ? { window: options.window } : {})), options.matrix));
    } finally {
      file.close();
    }
  }
  return out;
}

/**
 * One film as a picture (`atrium print --preview`): `columns` × `rows` cells of `matrix`
 * pixels, left to right then top to bottom (PS3.3 §C.13.5.1: image box positions), each
 * image centred in its cell on black; empty cells black.
 */
export function composeFilm(images: readonly GreyImage[], columns: number, rows: number, matrix: number): GreyImage {
  const width = columns * matrix;
  const data = new Uint8Array(width * rows * matrix);
  images.slice(0, columns * rows).forEach((image, i) => {
    const left = (i % columns) * matrix + Math.floor((matrix - image.width) / 2);
    const top = Math.floor(i / columns) * matrix + Math.floor((matrix - image.height) / 2);
    for (let y = 0; y < image.height; y++) data.set(image.data.subarray(y * image.width, (y + 1) * image.width), (top + y) * width + left);
  });
  return { width, height: rows * matrix, channels: 1, data };
}
