import { codecFor } from './codecs/codec-registry.js';
import type { FrameCodec } from './codecs/frame-codec.js';
import { encapsulatedFrameBytes } from './encapsulated-frame.js';
import { nativeFrameSamples } from './native-frame.js';
import { bytesPerSample, isSubsampled422 } from './pixel-layout.js';
import { pixelError } from './pixel-error.js';
import type { PixelArray, PixelDataSource, PixelDescription } from './pixel-types.js';
import { samplesFromBytes } from './samples-from-bytes.js';

/** A frame's sample values in the layout the data or codec delivered them. */
export interface StoredFrame {
  data: PixelArray;
  planarConfiguration: 0 | 1;
  subsampled422: boolean;
  photometricInterpretation: string;
}

/** Stored samples of a native frame (synchronous). */
export function nativeStoredFrame(desc: PixelDescription, source: Extract<PixelDataSource, { kind: 'native' }>, index: number): StoredFrame {
  return {
    data: nativeFrameSamples(desc, source, index),
    planarConfiguration: desc.samplesPerPixel > 1 ? (desc.planarConfiguration ?? 0) : 0,
    subsampled422: desc.samplesPerPixel === 3 && isSubsampled422(desc.photometricInterpretation),
    photometricInterpretation: desc.photometricInterpretation,
  };
}

/** The registered codec for the description's (encapsulated) transfer syntax; `ATRIUM_ERR_PIXELS_UNSUPPORTED` if none. */
export function requireCodec(desc: PixelDescription): FrameCodec {
  const codec = codecFor(desc.transferSyntaxUID);
  if (!codec) {
    throw pixelError('UNSUPPORTED', `No pixel codec is registered for transfer syntax ${desc.transferSyntaxUID}`, {
      transferSyntaxUID: desc.transferSyntaxUID,
    });
  }
  return codec;
}

/** Stored samples of an encapsulated frame: fragments to frame, then the codec. */
export async function encapsulatedStoredFrame(
  desc: PixelDescription,
  source: Extract<PixelDataSource, { kind: 'encapsulated' }>,
  index: number,
): Promise<StoredFrame> {
  const codec = requireCodec(desc);
  const encoded = encapsulatedFrameBytes(source, index, desc.numberOfFrames);
  const decoded = await codec.decode(encoded, desc);
  // e.g. an 8-bit JPEG in a 16-bit Bits Allocated image: deliver the type Bits Allocated implies.
  const width = bytesPerSample(desc.bitsAllocated);
  const bytes = decoded.width < width ? widenSamples(decoded.bytes, decoded.width, width) : decoded.bytes;
  return {
    data: samplesFromBytes(bytes, decoded.width < width ? width : decoded.width, desc),
    planarConfiguration: decoded.planarConfiguration,
    subsampled422: decoded.subsampled422,
    photometricInterpretation: codec.decodedPhotometricInterpretation(desc),
  };
}

/** Zero-extends little-endian samples from `from` to `to` bytes each. */
function widenSamples(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const count = Math.floor(bytes.length / from);
  const out = new Uint8Array(count * to);
  for (let i = 0; i < count; i++) for (let b = 0; b < from; b++) out[i * to + b] = bytes[i * from + b]!;
  return out;
}
