import { Tag, windowToGrey } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { ImageSource } from '../io/image-file.js';
import type { Image8 } from './encode-png.js';

/** A VOI window (PS3.3 C.11.2.1.2): centre and width in modality values (HU for CT). */
export interface VoiWindow {
  readonly center: number;
  readonly width: number;
}

/** Options of {@link renderFrame}. */
export interface RenderFrameOptions {
  /** Frame index, from 0; default 0. */
  readonly frame?: number;
  /** Window for greyscale images; default the first Window Center/Width of the instance, else the frame's min/max. */
  readonly window?: VoiWindow;
}

/** What was rendered, for the caller to report. */
export interface RenderedFrame extends Image8 {
  /** The window used (greyscale only). */
  readonly window?: VoiWindow;
  /** How the window was chosen. */
  readonly windowSource?: 'given' | 'instance' | 'min-max';
}

/**
 * One frame of an image (in memory: `imageSourceOf`; a file read a frame at a time:
 * `openImageFile`) as 8-bit pixels for display: greyscale frames get the
 * Modality LUT (Rescale Slope/Intercept) and then the linear VOI function of PS3.3
 * C.11.2.1.2.1 with the given window, the instance's first Window Center/Width, or the
 * frame's min/max; MONOCHROME1 is inverted. Colour frames (RGB, YBR_*, PALETTE COLOR) are
 * converted to RGB and kept as they are (samples wider than 8 bits are shifted down to
 * their top 8 bits). Throws ATRIUM_ERR_RENDER_FRAME for a frame index out of range and
 * ATRIUM_ERR_RENDER_UNSUPPORTED for other sample counts.
 */
export async function renderFrame(image: ImageSource, options: RenderFrameOptions = {}): Promise<RenderedFrame> {
  const ds = image.dataset;
  const frames = Math.max(1, ds.number(Tag.NumberOfFrames) ?? 1);
  const index = options.frame ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= frames) {
    throw new AtriumError('ATRIUM_ERR_RENDER_FRAME', `frame ${index + 1} does not exist: the instance has ${frames} frame(s)`, { frame: index + 1, frames });
  }
  const frame = await image.frame(index, { rescale: true, color: 'rgb' });
  const { rows, columns, samplesPerPixel } = frame;
  const count = rows * columns;
  if (samplesPerPixel === 3) {
    const bitsStored = ds.number(Tag.BitsStored) ?? 8;
    const shift = Math.max(0, bitsStored - 8);
    const data = new Uint8Array(count * 3);
    for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, frame.data[i]! >> shift));
    return { width: columns, height: rows, channels: 3, data };
  }
  if (samplesPerPixel !== 1) throw new AtriumError('ATRIUM_ERR_RENDER_UNSUPPORTED', `cannot render ${samplesPerPixel} samples per pixel`, { samplesPerPixel });
  let window = options.window;
  let windowSource: RenderedFrame['windowSource'] = 'given';
  if (!window) {
    const center = ds.numbers(Tag.WindowCenter)[0];
    const width = ds.numbers(Tag.WindowWidth)[0];
    if (center !== undefined && width !== undefined && width >= 1) {
      window = { center, width };
      windowSource = 'instance';
    } else {
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < count; i++) {
        const v = frame.data[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      // A window whose linear function maps min to 0 and max to 255 (width ≥ 1).
      window = { center: (min + max + 1) / 2, width: Math.max(1, max - min + 1) };
      windowSource = 'min-max';
    }
  }
  const invert = frame.photometricInterpretation === 'MONOCHROME1';
  const data = windowToGrey(frame.data.subarray(0, count), window.center, window.width);
  if (invert) for (let i = 0; i < count; i++) data[i] = 255 - data[i]!;
  return { width: columns, height: rows, channels: 1, data, window, windowSource };
}
