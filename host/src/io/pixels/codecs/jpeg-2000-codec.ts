import { pixelError } from '../pixel-error.js';
import type { PixelDescription } from '../pixel-types.js';
import { PixelTransferSyntax } from '../transfer-syntax-uids.js';
import type { FrameCodec } from './frame-codec.js';
import { readJ2kHeader } from './j2k-header.js';
import { checkGeometry, wasmDecode, wasmEncode } from './wasm-decode.js';

/** OpenJPEG applies the inverse component transform, so YBR_ICT / YBR_RCT frames come out as RGB. */
function decodedPhotometric(desc: PixelDescription): string {
  const pi = desc.photometricInterpretation;
  return pi === 'YBR_ICT' || pi === 'YBR_RCT' ? 'RGB' : pi;
}

/**
 * JPEG 2000 Lossless (1.2.840.10008.1.2.4.90) and lossy (.91) via OpenJPEG 2.5.0 in
 * dcmjs-codecs' wasm; raw codestreams and JP2 files. Color is limited to 8 bits per sample
 * (the wasm truncates wider color samples, so those are refused). Encodes lossless only,
 * without the multi-component transform, so the Photometric Interpretation is unchanged.
 */
export const jpeg2000Codec: FrameCodec = {
  name: 'JPEG 2000 (OpenJPEG via dcmjs-codecs wasm)',
  transferSyntaxUIDs: [PixelTransferSyntax.JPEG2000Lossless, PixelTransferSyntax.JPEG2000],
  encodableUIDs: [PixelTransferSyntax.JPEG2000Lossless],
  async decode(encoded, desc) {
    const header = readJ2kHeader(encoded);
    if (!header) throw pixelError('CORRUPT', 'JPEG 2000 frame has no SIZ marker segment', { length: encoded.length });
    checkGeometry('JPEG 2000', header, desc);
    if (header.precision > 16 || (header.components > 1 && header.precision > 8)) {
      throw pixelError('UNSUPPORTED', `JPEG 2000 with ${header.components} component(s) of ${header.precision} bits is not supported by the wasm decoder`, {
        components: header.components,
        precision: header.precision,
      });
    }
    const width = header.precision <= 8 ? 1 : 2;
    return wasmDecode(
      'decodeJpeg2000',
      encoded,
      desc,
      { bitsAllocated: width * 8, bitsStored: header.precision, photometricInterpretation: desc.photometricInterpretation },
      width,
    );
  },
  async encode(samples, desc) {
    if (desc.bitsAllocated !== 8 && desc.bitsAllocated !== 16) {
      throw pixelError('UNSUPPORTED', `JPEG 2000 encoding needs Bits Allocated 8 or 16, got ${desc.bitsAllocated}`, {});
    }
    if (desc.samplesPerPixel > 1 && desc.bitsAllocated !== 8) {
      throw pixelError('UNSUPPORTED', 'JPEG 2000 encoding of color supports 8 bits per sample only', {});
    }
    return wasmEncode('encodeJpeg2000', samples, desc, { lossy: false, allowMct: false });
  },
  decodedPhotometricInterpretation: decodedPhotometric,
};
