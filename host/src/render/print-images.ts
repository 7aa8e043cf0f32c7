import type { StoredInstance } from '../db/dicom-index.js';
import { openImageFile } from '../io/image-file.js';
import type { ParseLimits } from '../io/parse-limits.js';
import { burnLabel, labelText } from './burn-label.js';
import type { Image8 } from './encode-png.js';
import { renderFrame, type VoiWindow } from './render-frame.js';
import type { PrintImage } from '../core/print-image.js';

export type { PrintImage };


/** An 8-bit greyscale image. */
export type GreyImage = Image8 & { readonly channels: 1 };

/** How {@link printImages} renders. */
export interface PrintRenderOptions {
  readonly window?: VoiWindow;
  /** Pixels of the larger side. */
  readonly matrix: number;
  /** Greyscale depth (ignored for colour). */
  readonly bits: 8 | 12;
  /** RGB for a Basic Color Image Box; else greyscale. */
  readonly color: boolean;
  /** Burn the patient's name and ID and the study date into each image. */
  readonly burnLabel: boolean;
}

/** Greyscale of an 8-bit RGB image (PS3.3 §C.7.6.3.1.2 luminance weights, ITU-R BT.601). */
function toGrey(image: Image8): GreyImage {
  if (image.channels === 1) return image as GreyImage;
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(0.299 * image.data[3 * i]! + 0.587 * image.data[3 * i + 1]! + 0.114 * image.data[3 * i + 2]!);
  return { width: image.width, height: image.height, channels: 1, data };
}

/** RGB of an 8-bit image (greyscale replicated to the three samples). */
function toRgb(image: Image8): PrintImage {
  if (image.channels === 3) return { ...image, bits: 8 };
  const data = new Uint8Array(image.width * image.height * 3);
  for (let i = 0; i < image.data.length; i++) data.fill(image.data[i]!, 3 * i, 3 * i + 3);
  return { width: image.width, height: image.height, channels: 3, bits: 8, data };
}

/**
 * `image` scaled (bilinear per sample, pixel centres aligned) so that its larger side is
 * `matrix` pixels, the aspect ratio kept: the print resolution a printer is configured for
 * (DCMTK dcmprscp's Min/Max Print Resolution bound it).
 */
export function scaleToMatrix<T extends Pick<PrintImage, 'width' | 'height' | 'channels' | 'data'>>(image: T, matrix: number): T {
  const f = matrix / Math.max(image.width, image.height);
  const width = Math.max(1, Math.round(image.width * f));
  const height = Math.max(1, Math.round(image.height * f));
  const ch = image.channels;
  const src = image.data;
  const data = src instanceof Uint16Array ? new Uint16Array(width * height * ch) : new Uint8Array(width * height * ch);
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
      for (let c = 0; c < ch; c++) {
        const at = (xx: number, yy: number): number => src[(yy * image.width + xx) * ch + c]!;
        data[(y * width + x) * ch + c] = Math.round((at(x0, y0) * (1 - wx) + at(x1, y0) * wx) * (1 - wy) + (at(x0, y1) * (1 - wx) + at(x1, y1) * wx) * wy);
      }
    }
  }
  return { ...image, width, height, data };
}

/** The linear VOI function of PS3.3 §C.11.2.1.2.1 to 12 bits (0…4095); MONOCHROME1 inverted. */
function windowTo12(values: ArrayLike<number>, count: number, window: VoiWindow, invert: boolean): Uint16Array {
  const out = new Uint16Array(count);
  const { center: c, width: w } = window;
  for (let i = 0; i < count; i++) {
    const x = values[i]!;
    const y = x <= c - 0.5 - (w - 1) / 2 ? 0 : x > c - 0.5 + (w - 1) / 2 ? 4095 : Math.round(((x - (c - 0.5)) / Math.max(1, w - 1) + 0.5) * 4095);
    out[i] = invert ? 4095 - y : y;
  }
  return out;
}

/**
 * The first frame of each instance for an image box: windowed (`window`, else the
 * instance's, else min/max: see renderFrame), in greyscale (RGB by luminance; 8 or 12
 * bits) or RGB (greyscale replicated), scaled to `matrix`, with the patient's label burned
 * in when asked.
 */
export async function printImages(instances: readonly StoredInstance[], absolute: (path: string) => string, limits: ParseLimits, options: PrintRenderOptions): Promise<PrintImage[]> {
  const out: PrintImage[] = [];
  for (const inst of instances) {
    const file = openImageFile(absolute(inst.file.path), limits);
    try {
      const rendered = await renderFrame(file, options.window ? { window: options.window } : {});
      let image: PrintImage;
      if (options.color) image = toRgb(rendered);
      else if (options.bits === 12 && rendered.channels === 1 && rendered.window) {
        const frame = await file.frame(0, { rescale: true, color: 'rgb' });
        const count = rendered.width * rendered.height;
        image = { width: rendered.width, height: rendered.height, channels: 1, bits: 12, data: windowTo12(frame.data, count, rendered.window, frame.photometricInterpretation === 'MONOCHROME1') };
      } else if (options.bits === 12) {
        const grey = toGrey(rendered);
        image = { ...grey, bits: 12, data: Uint16Array.from(grey.data, (v) => v * 16 + (v >> 4)) };
      } else image = { ...toGrey(rendered), bits: 8 };
      image = scaleToMatrix(image, options.matrix);
      out.push(options.burnLabel ? burnLabel(image, labelText({ ...inst.patient, ...inst.study })) : image);
    } finally {
      file.close();
    }
  }
  return out;
}

/** An image of a film as 8 bits per sample, for a preview (12-bit greyscale: its top 8 bits). */
function to8(image: PrintImage): Image8 {
  if (image.data instanceof Uint8Array) return { width: image.width, height: image.height, channels: image.channels, data: image.data };
  return { width: image.width, height: image.height, channels: image.channels, data: Uint8Array.from(image.data, (v) => v >> 4) };
}

/**
 * One film as a picture (`atrium print --preview`): `columns` × `rows` cells of `matrix`
 * pixels, left to right then top to bottom (PS3.3 §C.13.5.1: image box positions), each
 * image centred in its cell on black; empty cells black. RGB when any image is.
 */
export function composeFilm(images: readonly PrintImage[], columns: number, rows: number, matrix: number): Image8 {
  const channels = images.some((i) => i.channels === 3) ? 3 : 1;
  const width = columns * matrix;
  const data = new Uint8Array(width * rows * matrix * channels);
  images.slice(0, columns * rows).forEach((original, i) => {
    const image = to8(channels === 3 ? (original.channels === 3 ? original : toRgb(to8(original))) : original);
    const left = (i % columns) * matrix + Math.floor((matrix - image.width) / 2);
    const top = Math.floor(i / columns) * matrix + Math.floor((matrix - image.height) / 2);
    for (let y = 0; y < image.height; y++) data.set(image.data.subarray(y * image.width * channels, (y + 1) * image.width * channels), ((top + y) * width + left) * channels);
  });
  return { width, height: rows * matrix, channels, data };
}
