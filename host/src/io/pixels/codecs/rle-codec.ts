import { bytesPerSample } from '../pixel-layout.js';
import { PixelTransferSyntax } from '../transfer-syntax-uids.js';
import type { FrameCodec } from './frame-codec.js';
import { rleDecode } from './rle-decode.js';
import { rleEncode } from './rle-encode.js';

/** RLE Lossless (1.2.840.10008.1.2.5), implemented here in TypeScript per PS3.5 Annex G. */
export const rleCodec: FrameCodec = {
  name: 'RLE Lossless (own TypeScript)',
  transferSyntaxUIDs: [PixelTransferSyntax.RLELossless],
  encodableUIDs: [PixelTransferSyntax.RLELossless],
  decode(encoded, desc) {
    const width = bytesPerSample(desc.bitsAllocated);
    const bytes = rleDecode(encoded, desc.rows * desc.columns, desc.samplesPerPixel, width);
    return Promise.resolve({ bytes, width, planarConfiguration: 0, subsampled422: false });
  },
  encode(samples, desc) {
    const width = bytesPerSample(desc.bitsAllocated);
    return Promise.resolve(rleEncode(samples, desc.rows, desc.columns, desc.samplesPerPixel, width));
  },
  decodedPhotometricInterpretation: (desc) => desc.photometricInterpretation,
};
