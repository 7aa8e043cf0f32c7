import { requireCodec } from './stored-frame.js';
import { bytesPerSample, isSubsampled422, validateDescription } from './pixel-layout.js';
import { pixelError } from './pixel-error.js';
import type { Frame, PixelDescription } from './pixel-types.js';
import { PixelTransferSyntax } from './transfer-syntax-uids.js';

/** Syntaxes whose codestreams carry the stored bits only (High Bit must be Bits Stored - 1; values are masked). */
const MASKED = new Set<string>([
  PixelTransferSyntax.JPEGLosslessSV1,
  PixelTransferSyntax.JPEGLSLossless,
]);
const NEEDS_LOW_BITS = new Set<string>([...MASKED, PixelTransferSyntax.JPEG2000Lossless]);

/**
 * Compresses one frame to `targetTransferSyntaxUID`. `pixels` are values as {@link getFrame}
 * returns them without `color`/`rescale` (pixel-interleaved, sign-extended), and `desc`
 * describes them (Planar Configuration is ignored: the encoded frame is color-by-pixel).
 * Encodable: RLE Lossless (own TS), JPEG Lossless SV1, JPEG-LS Lossless, JPEG 2000 Lossless
 * (wasm), Deflated Image Frame Compression and Encapsulated Uncompressed (node:zlib).
 */
export async function encodeFrame(desc: PixelDescription, pixels: Frame['data'], targetTransferSyntaxUID: string): Promise<Uint8Array> {
  validateDescription(desc);
  const target = { ...desc, transferSyntaxUID: targetTransferSyntaxUID, planarConfiguration: 0 as const };
  const codec = requireCodec(target);
  if (!codec.encode || !codec.encodableUIDs?.includes(targetTransferSyntaxUID)) {
    throw pixelError('UNSUPPORTED', `Encoding to transfer syntax ${targetTransferSyntaxUID} is not supported (${codec.name} decodes only)`, {
      transferSyntaxUID: targetTransferSyntaxUID,
    });
  }
  if (desc.samplesPerPixel === 3 && isSubsampled422(desc.photometricInterpretation)) {
    throw pixelError('UNSUPPORTED', `Encode full-resolution frames: describe them as YBR_FULL, not ${desc.photometricInterpretation}`, {});
  }
  const expected = desc.rows * desc.columns * desc.samplesPerPixel;
  if (pixels.length !== expected) {
    throw pixelError('BAD_DESCRIPTION', `Frame has ${pixels.length} samples; ${desc.rows}x${desc.columns}x${desc.samplesPerPixel} = ${expected} expected`, {
      length: pixels.length,
      expected,
    });
  }
  if (pixels instanceof Float32Array || pixels instanceof Float64Array) {
    throw pixelError('UNSUPPORTED', 'Cannot encode floating-point frames (rescaled data); encode stored values', {});
  }
  const shift = desc.highBit + 1 - desc.bitsStored;
  if (shift !== 0 && NEEDS_LOW_BITS.has(targetTransferSyntaxUID)) {
    throw pixelError('UNSUPPORTED', `High Bit ${desc.highBit} must be Bits Stored - 1 for ${targetTransferSyntaxUID}`, {});
  }
  return codec.encode(storedBytes(pixels, desc, MASKED.has(targetTransferSyntaxUID)), target, targetTransferSyntaxUID);
}

/** Little-endian stored words: values shifted back to High Bit, optionally masked to Bits Stored. */
function storedBytes(pixels: Frame['data'], desc: PixelDescription, mask: boolean): Uint8Array {
  const width = bytesPerSample(desc.bitsAllocated);
  const shift = desc.highBit + 1 - desc.bitsStored;
  const bits = desc.bitsStored >= 32 ? 0xffffffff : 2 ** desc.bitsStored - 1;
  const out = new Uint8Array(pixels.length * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < pixels.length; i++) {
    let v = pixels[i]!;
    if (mask) v &= bits;
    v = (v << shift) >>> 0;
    if (width === 1) out[i] = v & 0xff;
    else if (width === 2) view.setUint16(2 * i, v & 0xffff, true);
    else view.setUint32(4 * i, v, true);
  }
  return out;
}
