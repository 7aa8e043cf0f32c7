import { pixelError } from '../pixel-error.js';
import { PixelTransferSyntax } from '../transfer-syntax-uids.js';
import type { FrameCodec } from './frame-codec.js';
import { readJpegHeader } from './jpeg-header.js';
import { checkGeometry, wasmDecode, wasmEncode } from './wasm-decode.js';

/**
 * JPEG-LS Lossless (1.2.840.10008.1.2.4.80) and Near-Lossless (.81) via CharLS 2.3.4 in
 * dcmjs-codecs' wasm. Uninterleaved (ILV 0) color frames come out color-by-plane. Encodes
 * lossless only, at a precision of Bits Allocated (CharLS is given the whole sample word).
 */
export const jpegLsCodec: FrameCodec = {
  name: 'JPEG-LS (CharLS via dcmjs-codecs wasm)',
  transferSyntaxUIDs: [PixelTransferSyntax.JPEGLSLossless, PixelTransferSyntax.JPEGLSNearLossless],
  encodableUIDs: [PixelTransferSyntax.JPEGLSLossless],
  async decode(encoded, desc) {
    const header = readJpegHeader(encoded);
    if (!header || header.sofMarker !== 0xf7) throw pixelError('CORRUPT', 'JPEG-LS frame has no SOF55 marker', { length: encoded.length });
    checkGeometry('JPEG-LS', header, desc);
    if (header.precision > 16 || header.precision < 2) {
      throw pixelError('UNSUPPORTED', `JPEG-LS precision ${header.precision} is not supported`, { precision: header.precision });
    }
    const width = header.precision <= 8 ? 1 : 2;
    const planar = desc.samplesPerPixel > 1 && header.interleaveMode === 0 ? 1 : 0;
    return wasmDecode(
      'decodeJpegLs',
      encoded,
      desc,
      { bitsAllocated: width * 8, bitsStored: header.precision, photometricInterpretation: desc.photometricInterpretation },
      width,
      { planarConfiguration: planar },
    );
  },
  async encode(samples, desc) {
    if (desc.bitsAllocated !== 8 && desc.bitsAllocated !== 16) {
      throw pixelError('UNSUPPORTED', `JPEG-LS encoding needs Bits Allocated 8 or 16, got ${desc.bitsAllocated}`, {});
    }
    return wasmEncode('encodeJpegLs', samples, desc, { lossy: false });
  },
  decodedPhotometricInterpretation: (desc) => desc.photometricInterpretation,
};
