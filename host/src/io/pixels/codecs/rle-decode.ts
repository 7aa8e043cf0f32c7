import { pixelError } from '../pixel-error.js';

/**
 * Decodes one RLE Lossless frame (PS3.5 Annex G): a 64-byte header with the segment count
 * and up to 15 segment offsets, then PackBits segments, one per byte plane, most
 * significant byte of sample 0 first. Returns pixel-interleaved little-endian samples.
 */
export function rleDecode(encoded: Uint8Array, pixelCount: number, samplesPerPixel: number, width: 1 | 2 | 4): Uint8Array {
  if (encoded.length < 64) throw pixelError('CORRUPT', `RLE frame of ${encoded.length} bytes is shorter than its 64-byte header`, {});
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const segments = view.getUint32(0, true);
  const expected = samplesPerPixel * width;
  if (segments !== expected) {
    throw pixelError('CORRUPT', `RLE header declares ${segments} segment(s); ${samplesPerPixel} sample(s) of ${width} byte(s) need ${expected}`, {
      segments,
      expected,
    });
  }
  const offsets: number[] = [];
  for (let s = 0; s < segments; s++) offsets.push(view.getUint32(4 + 4 * s, true));
  const out = new Uint8Array(pixelCount * expected);
  for (let s = 0; s < segments; s++) {
    const start = offsets[s]!;
    const end = s + 1 < segments ? offsets[s + 1]! : encoded.length;
    if (start < 64 || end > encoded.length || end < start) {
      throw pixelError('CORRUPT', `RLE segment ${s} has invalid bounds ${start}..${end} in a ${encoded.length}-byte frame`, { segment: s, start, end });
    }
    const sample = Math.floor(s / width);
    const byteInSample = width - 1 - (s % width); // segments run MSB first; output is little-endian
    decodeSegment(encoded, start, end, out, sample * width + byteInSample, expected, pixelCount, s);
  }
  return out;
}

function decodeSegment(src: Uint8Array, start: number, end: number, out: Uint8Array, first: number, stride: number, count: number, segment: number): void {
  let p = start;
  let n = 0;
  let o = first;
  while (n < count && p < end) {
    const h = src[p++]!;
    if (h < 128) {
      const run = h + 1;
      if (p + run > end) break;
      for (let i = 0; i < run && n < count; i++, n++, o += stride) out[o] = src[p + i]!;
      p += run;
    } else if (h > 128) {
      const run = 257 - h;
      if (p >= end) break;
      const v = src[p++]!;
      for (let i = 0; i < run && n < count; i++, n++, o += stride) out[o] = v;
    }
    // h === 128 is a no-op
  }
  if (n < count) {
    throw pixelError('CORRUPT', `RLE segment ${segment} decodes to ${n} bytes; ${count} are needed`, { segment, decoded: n, needed: count });
  }
}
