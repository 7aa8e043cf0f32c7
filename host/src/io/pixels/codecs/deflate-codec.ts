import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { bytesPerSample, isSubsampled422, storedSamplesPerFrame } from '../pixel-layout.js';
import { pixelError } from '../pixel-error.js';
import type { PixelDescription } from '../pixel-types.js';
import { PixelTransferSyntax } from '../transfer-syntax-uids.js';
import type { DecodedSamples, FrameCodec } from './frame-codec.js';

function asStored(bytes: Uint8Array, desc: PixelDescription): DecodedSamples {
  const width = bytesPerSample(desc.bitsAllocated);
  const needed = storedSamplesPerFrame(desc) * width;
  if (bytes.length < needed) {
    throw pixelError('CORRUPT', `Frame holds ${bytes.length} bytes after decoding; ${needed} are needed`, { length: bytes.length, needed });
  }
  return {
    bytes: bytes.subarray(0, needed),
    width,
    planarConfiguration: desc.planarConfiguration ?? 0,
    subsampled422: desc.samplesPerPixel === 3 && isSubsampled422(desc.photometricInterpretation),
  };
}

/**
 * Deflated Image Frame Compression (1.2.840.10008.1.2.8.1: each frame a raw RFC 1951
 * stream of the native little-endian frame) and Encapsulated Uncompressed Explicit VR
 * Little Endian (1.2.840.10008.1.2.1.98: each frame as is), via node:zlib.
 */
export const deflateCodec: FrameCodec = {
  name: 'Deflated image frames / encapsulated uncompressed (node:zlib)',
  transferSyntaxUIDs: [PixelTransferSyntax.DeflatedImageFrameCompression, PixelTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian],
  encodableUIDs: [PixelTransferSyntax.DeflatedImageFrameCompression, PixelTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian],
  decode(encoded, desc) {
    if (desc.transferSyntaxUID === PixelTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian) {
      return Promise.resolve(asStored(encoded, desc));
    }
    let inflated: Uint8Array;
    try {
      const buffer = inflateRawSync(encoded);
      inflated = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (e) {
      throw pixelError('CORRUPT', `Deflated image frame does not inflate: ${String(e)}`, {}, e);
    }
    return Promise.resolve(asStored(inflated, desc));
  },
  encode(samples, _desc, transferSyntaxUID) {
    if (transferSyntaxUID === PixelTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian) return Promise.resolve(samples.slice());
    const buffer = deflateRawSync(samples);
    return Promise.resolve(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice());
  },
  decodedPhotometricInterpretation: (desc) => desc.photometricInterpretation,
};
