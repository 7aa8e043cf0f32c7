import { codecFor } from './codecs/codec-registry.js';
import type { FrameCodec } from './codecs/frame-codec.js';
import { encapsulatedFrameBytes } from './encapsulated-frame.js';
import { nativeFrameSamples } from './native-frame.js';
import { isSubsampled422 } from './pixel-layout.js';
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
  return {
    data: samplesFromBytes(decoded.bytes, decoded.width, desc),
    planarConfiguration: decoded.planarConfiguration,
    subsampled422: decoded.subsampled422,
    photometricInterpretation: codec.decodedPhotometricInterpretation(desc),
  };
}
