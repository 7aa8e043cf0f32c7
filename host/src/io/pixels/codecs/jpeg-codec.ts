import { pixelError } from '../pixel-error.js';
import type { PixelDescription } from '../pixel-types.js';
import { PixelTransferSyntax } from '../transfer-syntax-uids.js';
import type { FrameCodec } from './frame-codec.js';
import { readJpegHeader } from './jpeg-header.js';
import { checkGeometry, wasmDecode, wasmEncode } from './wasm-decode.js';

const LOSSY = new Set<string>([PixelTransferSyntax.JPEGBaseline8Bit, PixelTransferSyntax.JPEGExtended12Bit]);

/** Lossy JPEG of a YBR image is decoded to RGB by libjpeg, as DCMTK's dcmdjpeg does by default. */
function convertsToRgb(desc: PixelDescription): boolean {
  return LOSSY.has(desc.transferSyntaxUID) && desc.samplesPerPixel === 3 && desc.photometricInterpretation.startsWith('YBR');
}

/**
 * JPEG Baseline (Process 1), Extended (Processes 2 & 4, 12-bit), Lossless (Process 14) and
 * Lossless SV1, decoded by the IJG libjpeg 8/12/16-bit builds inside dcmjs-codecs' wasm
 * (the bit depth is chosen from the SOF precision). Encodes Lossless SV1 (first-order
 * prediction) only.
 */
export const jpegCodec: FrameCodec = {
  name: 'JPEG (IJG libjpeg 8/12/16 via dcmjs-codecs wasm)',
  transferSyntaxUIDs: [
    PixelTransferSyntax.JPEGBaseline8Bit,
    PixelTransferSyntax.JPEGExtended12Bit,
    PixelTransferSyntax.JPEGLossless,
    PixelTransferSyntax.JPEGLosslessSV1,
  ],
  encodableUIDs: [PixelTransferSyntax.JPEGLosslessSV1],
  async decode(encoded, desc) {
    const header = readJpegHeader(encoded);
    if (!header || header.sofMarker === 0xf7) throw pixelError('CORRUPT', 'JPEG frame has no JPEG start-of-frame marker', { length: encoded.length });
    checkGeometry('JPEG', header, desc);
    if (header.precision > 16 || header.precision < 2) {
      throw pixelError('UNSUPPORTED', `JPEG precision ${header.precision} is not supported`, { precision: header.precision });
    }
    const width = header.precision <= 8 ? 1 : 2;
    if (width * 8 > desc.bitsAllocated) {
      throw pixelError('CORRUPT', `JPEG precision ${header.precision} does not fit Bits Allocated ${desc.bitsAllocated}`, { precision: header.precision });
    }
    const convert = convertsToRgb(desc);
    if (convert && desc.pixelRepresentation === 1) {
      throw pixelError('UNSUPPORTED', 'YCbCr to RGB conversion of signed JPEG data is not supported', {});
    }
    return wasmDecode(
      'decodeJpeg',
      encoded,
      desc,
      { bitsAllocated: width * 8, bitsStored: header.precision, photometricInterpretation: desc.photometricInterpretation },
      width,
      { convertColorspaceToRgb: convert },
    );
  },
  async encode(samples, desc) {
    if (desc.bitsAllocated !== 8 && desc.bitsAllocated !== 16) {
      throw pixelError('UNSUPPORTED', `JPEG Lossless encoding needs Bits Allocated 8 or 16, got ${desc.bitsAllocated}`, {});
    }
    return wasmEncode('encodeJpeg', samples, desc, { lossy: false, predictor: 1, pointTransform: 0 });
  },
  decodedPhotometricInterpretation: (desc) => (convertsToRgb(desc) ? 'RGB' : desc.photometricInterpretation),
};
