import type { GetFrameOptions, PixelDescription } from './pixel-types.js';
import { isNativePixelSyntax } from './transfer-syntax-uids.js';
import { requireCodec } from './stored-frame.js';

/**
 * The Photometric Interpretation of the frames {@link getFrame} returns for `desc`: e.g.
 * `RGB` for JPEG Baseline/Extended YBR_FULL(_422) (libjpeg converts), `RGB` for JPEG 2000
 * YBR_ICT/YBR_RCT, `YBR_FULL` for YBR_FULL_422 that is not converted (frames are always
 * full resolution), and `RGB` for any convertible colour image when `options.color` is `'rgb'`.
 */
export function decodedPhotometricInterpretation(desc: PixelDescription, options: Pick<GetFrameOptions, 'color'> = {}): string {
  let pi = isNativePixelSyntax(desc.transferSyntaxUID)
    ? desc.photometricInterpretation
    : requireCodec(desc).decodedPhotometricInterpretation(desc);
  if (pi === 'YBR_FULL_422' && desc.samplesPerPixel === 3) pi = 'YBR_FULL';
  if (options.color === 'rgb' && (pi === 'YBR_FULL' || pi === 'PALETTE COLOR')) return 'RGB';
  return pi;
}
