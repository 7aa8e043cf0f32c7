import type { PixelArray } from './pixel-types.js';

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bit layout of stored samples: Bits Stored, High Bit and Pixel Representation. */
export interface SampleBits {
  bitsStored: number;
  highBit: number;
  pixelRepresentation: 0 | 1;
}

/**
 * Turns little-endian stored samples into a typed array of values: the sample is shifted
 * right so that High Bit becomes bit Bits Stored - 1, masked to Bits Stored bits and, for
 * Pixel Representation 1, sign-extended from bit Bits Stored - 1 (PS3.5 8.1.1). The result
 * is `Uint8/16/32Array` or `Int8/16/32Array` by sample width and sign; `bytes` is not modified.
 */
export function samplesFromBytes(bytes: Uint8Array, width: 1 | 2 | 4, bits: SampleBits): PixelArray {
  const count = Math.floor(bytes.length / width);
  // A fresh, aligned copy (Buffer#slice would share memory, and may be unaligned).
  const copy = new Uint8Array(count * width);
  copy.set(bytes.subarray(0, count * width));
  if (!HOST_LITTLE_ENDIAN && width > 1) swapBytesInPlace(copy, width);
  const buffer = copy.buffer;
  const unsigned = width === 1 ? new Uint8Array(buffer) : width === 2 ? new Uint16Array(buffer) : new Uint32Array(buffer);
  const signed = bits.pixelRepresentation === 1;
  const out = signed ? (width === 1 ? new Int8Array(buffer) : width === 2 ? new Int16Array(buffer) : new Int32Array(buffer)) : unsigned;
  const shift = bits.highBit + 1 - bits.bitsStored;
  const fullWidth = bits.bitsStored === width * 8 && shift === 0;
  if (fullWidth) return out;
  const bs = bits.bitsStored;
  const mask = bs >= 32 ? 0xffffffff : 2 ** bs - 1;
  const up = 32 - bs;
  // In-place: every output element depends only on the input element at the same index.
  if (signed) {
    for (let i = 0; i < count; i++) out[i] = ((((unsigned[i]! >>> shift) & mask) << up) >> up);
  } else {
    for (let i = 0; i < count; i++) out[i] = ((unsigned[i]! >>> shift) & mask) >>> 0;
  }
  return out;
}

/** Reverses the byte order of every `width`-byte word of `bytes` in place. */
export function swapBytesInPlace(bytes: Uint8Array, width: number): void {
  const n = bytes.length - (bytes.length % width);
  for (let i = 0; i < n; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

/** Little-endian bytes of typed-array values, each written in `width` bytes (two's complement for negatives). */
export function bytesFromSamples(values: ArrayLike<number>, width: 1 | 2 | 4): Uint8Array {
  const out = new Uint8Array(values.length * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (width === 1) out[i] = v & 0xff;
    else if (width === 2) view.setUint16(i * 2, v & 0xffff, true);
    else view.setUint32(i * 4, v >>> 0, true);
  }
  return out;
}
