import { wasmEncode } from '../io/pixels/codecs/wasm-decode.js';
import { TransferSyntax } from '@atrium/sdk';
import type { Image8 } from './encode-png.js';

/**
 * A baseline JPEG (ISO/IEC 10918-1, JFIF-readable by every browser) of an 8-bit greyscale
 * or RGB image, encoded by IJG libjpeg inside the dcmjs-codecs wasm; `quality` 1–100
 * (default 90).
 */
export async function encodeJpeg(image: Image8, quality = 90): Promise<Uint8Array> {
  const { width, height, channels, data } = image;
  if (data.length !== width * height * channels) throw new RangeError(`encodeJpeg: ${data.length} bytes for ${width}×${height}×${channels}`);
  return wasmEncode('encodeJpeg', data, {
    transferSyntaxUID: TransferSyntax.JPEGBaseline8Bit,
    rows: height,
    columns: width,
    samplesPerPixel: channels,
    bitsAllocated: 8,
    bitsStored: 8,
    highBit: 7,
    pixelRepresentation: 0,
    photometricInterpretation: channels === 3 ? 'RGB' : 'MONOCHROME2',
    numberOfFrames: 1,
  }, { lossy: true, quality: Math.max(1, Math.min(100, Math.round(quality))) });
}
