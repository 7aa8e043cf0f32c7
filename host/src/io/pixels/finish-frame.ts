import { applyPalette, paletteLut } from './color/palette-lut.js';
import { upsampleYbr422 } from './color/upsample-ybr-422.js';
import { ybrFullToRgb } from './color/ybr-full-to-rgb.js';
import { interleavePlanar } from './interleave-planar.js';
import { pixelError } from './pixel-error.js';
import type { Frame, GetFrameOptions, PixelArray, PixelDescription } from './pixel-types.js';
import { rescale } from './rescale.js';
import type { StoredFrame } from './stored-frame.js';

/** Photometric interpretations whose samples `color: 'rgb'` leaves as they are. */
const ALREADY_FINAL = new Set(['RGB', 'MONOCHROME1', 'MONOCHROME2']);

/**
 * Turns stored samples into a {@link Frame}: YBR_FULL_422 upsampled (and reported as YBR_FULL),
 * planar made interleaved, then optionally converted to RGB and rescaled (grayscale only).
 */
export function finishFrame(desc: PixelDescription, stored: StoredFrame, options: GetFrameOptions = {}): Frame {
  const pixels = desc.rows * desc.columns;
  let data: PixelArray = stored.data;
  let photometric = stored.photometricInterpretation;
  let samplesPerPixel = desc.samplesPerPixel;
  if (stored.subsampled422) {
    if (photometric !== 'YBR_FULL_422') {
      throw pixelError('UNSUPPORTED', `Native ${photometric} is not supported (only YBR_FULL_422 is upsampled)`, { photometricInterpretation: photometric });
    }
    data = upsampleYbr422(data, desc.rows, desc.columns);
  } else if (stored.planarConfiguration === 1 && samplesPerPixel > 1) {
    data = interleavePlanar(data, pixels, samplesPerPixel);
  }
  // Frames are full resolution, so chroma-subsampled labels become YBR_FULL.
  if (photometric === 'YBR_FULL_422' && samplesPerPixel === 3) photometric = 'YBR_FULL';
  if (options.color === 'rgb' && !ALREADY_FINAL.has(photometric)) {
    if (photometric === 'YBR_FULL' && samplesPerPixel === 3) {
      data = ybrFullToRgb(data, desc.bitsStored);
    } else if (photometric === 'PALETTE COLOR' && samplesPerPixel === 1) {
      data = applyPalette(data, paletteLut(desc));
      samplesPerPixel = 3;
    } else {
      throw pixelError('UNSUPPORTED', `Conversion of ${photometric} to RGB is not supported`, { photometricInterpretation: photometric });
    }
    photometric = 'RGB';
  }
  if (options.rescale && samplesPerPixel === 1 && photometric.startsWith('MONOCHROME')) {
    data = rescale(data, desc.rescaleSlope ?? 1, desc.rescaleIntercept ?? 0);
  }
  return { data, rows: desc.rows, columns: desc.columns, samplesPerPixel, photometricInterpretation: photometric, planarConfiguration: 0 };
}
