import { bytesPerSample, storedSamplesPerFrame } from './pixel-layout.js';
import { pixelError } from './pixel-error.js';
import type { PixelArray, PixelDataSource, PixelDescription } from './pixel-types.js';
import { samplesFromBytes } from './samples-from-bytes.js';

type NativeSource = Extract<PixelDataSource, { kind: 'native' }>;

/** Number of whole frames a native Pixel Data value holds for this description. */
export function nativeFramesAvailable(desc: PixelDescription, source: NativeSource): number {
  const bits = storedSamplesPerFrame(desc) * desc.bitsAllocated;
  return Math.floor(((source.valueLength ?? source.bytes.length) * 8) / bits);
}

/**
 * The stored samples of native frame `index`, as values (High Bit shift, Bits Stored mask
 * and sign extension applied; big-endian data swapped). Layout is as stored: planar when
 * Planar Configuration is 1, two samples per pixel for YBR_FULL_422. 1-bit data is
 * unpacked to one `Uint8Array` element (0 or 1) per pixel, least significant bit first.
 */
export function nativeFrameSamples(desc: PixelDescription, source: NativeSource, index: number): PixelArray {
  const samples = storedSamplesPerFrame(desc);
  const available = nativeFramesAvailable(desc, source);
  if (index >= available) {
    throw pixelError(
      'TRUNCATED',
      `Native Pixel Data holds ${available} whole frame(s) of ${samples} samples x ${desc.bitsAllocated} bits; frame ${index} is missing`,
      { index, byteLength: source.valueLength ?? source.bytes.length, bitsAllocated: desc.bitsAllocated },
    );
  }
  // `bytes` may be a part of the value starting at `byteOffset` (a multiple of 8, so words keep their alignment).
  const offset = source.byteOffset ?? 0;
  // In Explicit VR Big Endian, OW values are byte-swapped per 16-bit word, and wider samples per sample.
  const swapWidth = !source.bigEndian ? 1 : desc.bitsAllocated > 16 ? desc.bitsAllocated / 8 : source.vr === 'OW' ? 2 : 1;
  if (desc.bitsAllocated === 1) return unpackBits(source.bytes, index * samples - offset * 8, samples, swapWidth);
  const width = bytesPerSample(desc.bitsAllocated);
  const start = index * samples * width - offset;
  const length = samples * width;
  const le = swapWidth === 1 ? source.bytes.subarray(start, start + length) : gatherSwapped(source.bytes, start, length, swapWidth);
  return samplesFromBytes(le, width, desc);
}

/** Copies `length` bytes from `start`, reading each byte at its position within a swapped `width`-byte word. */
function gatherSwapped(bytes: Uint8Array, start: number, length: number, width: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let j = 0; j < length; j++) {
    const k = start + j;
    const word = k - (k % width);
    out[j] = bytes[word + width - 1 - (k % width)] ?? 0;
  }
  return out;
}

function unpackBits(bytes: Uint8Array, firstBit: number, count: number, swapWidth: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const bit = firstBit + i;
    let k = bit >>> 3;
    if (swapWidth > 1) k = k - (k % swapWidth) + swapWidth - 1 - (k % swapWidth);
    out[i] = ((bytes[k] ?? 0) >>> (bit & 7)) & 1;
  }
  return out;
}
