import { AtriumError } from '../errors/atrium-error.js';
import { paletteLut } from '../io/pixels/color/palette-lut.js';
import type { PixelDescription } from '../io/pixels/pixel-types.js';

/**
 * The sample values that display as black for frames of Photometric Interpretation
 * `photometric` (as the pixel layer delivers them: pixel-interleaved, sign-extended), one value
 * per sample:
 * - MONOCHROME2: the smallest stored value (0 unsigned, -2^(BitsStored-1) signed);
 * - MONOCHROME1 (minimum is white): the largest stored value (2^BitsStored - 1 unsigned,
 *   2^(BitsStored-1) - 1 signed);
 * - RGB: 0, 0, 0; YBR_FULL: Y 0 and Cb, Cr at their zero-chroma midpoint 2^(BitsStored-1);
 * - PALETTE COLOR: the index of the darkest palette entry (least R + G + B).
 * Other interpretations throw ATRIUM_ERR_DEID_PIXEL_CLEANING_UNSUPPORTED.
 */
export function pixelBlack(desc: PixelDescription, photometric: string): number[] {
  const bits = desc.bitsStored;
  const signed = desc.pixelRepresentation === 1;
  switch (photometric) {
    case 'MONOCHROME2':
      return [signed ? -(2 ** (bits - 1)) : 0];
    case 'MONOCHROME1':
      return [signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1];
    case 'RGB':
      return [0, 0, 0];
    case 'YBR_FULL':
      return [0, 2 ** (bits - 1), 2 ** (bits - 1)];
    case 'PALETTE COLOR': {
      const lut = paletteLut(desc);
      let best = 0;
      let darkest = Infinity;
      for (let i = 0; i < lut.red.length; i++) {
        const sum = lut.red[i]! + (lut.green[i] ?? 0) + (lut.blue[i] ?? 0);
        if (sum < darkest) {
          darkest = sum;
          best = i;
        }
      }
      return [best + lut.firstMapped];
    }
    default:
      throw new AtriumError('ATRIUM_ERR_DEID_PIXEL_CLEANING_UNSUPPORTED', `Clean Pixel Data: frames of Photometric Interpretation ${photometric} cannot be blanked (MONOCHROME1/2, RGB, YBR_FULL(_422) and PALETTE COLOR can)`, { photometricInterpretation: photometric });
  }
}
