import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../../errors/atrium-error.js';
import { rleDecode } from './rle-decode.js';
import { rleEncode } from './rle-encode.js';

/** Deterministic pseudo-random bytes (xorshift32). */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

interface Pattern {
  name: string;
  rows: number;
  columns: number;
  samples: number;
  width: 1 | 2 | 4;
  fill: (bytes: Uint8Array) => void;
}

const PATTERNS: Pattern[] = [
  { name: '8-bit mono noise', rows: 17, columns: 33, samples: 1, width: 1, fill: (b) => b.set(noise(b.length, 1)) },
  { name: '8-bit mono constant (runs > 128 split)', rows: 5, columns: 300, samples: 1, width: 1, fill: (b) => b.fill(7) },
  { name: '8-bit mono alternating (worst case literals)', rows: 4, columns: 257, samples: 1, width: 1, fill: (b) => b.forEach((_, i) => (b[i] = i & 1 ? 0xaa : 0x55)) },
  {
    name: '8-bit mono runs of exactly 1..130',
    rows: 3,
    columns: 8515,
    samples: 1,
    width: 1,
    fill: (b) => {
      let i = 0;
      for (let r = 0; r < 3; r++) for (let len = 1; len <= 130; len++) for (let k = 0; k < len; k++) b[i++] = len & 0xff;
    },
  },
  { name: '8-bit RGB noise', rows: 9, columns: 11, samples: 3, width: 1, fill: (b) => b.set(noise(b.length, 2)) },
  { name: '16-bit mono noise', rows: 16, columns: 16, samples: 1, width: 2, fill: (b) => b.set(noise(b.length, 3)) },
  { name: '16-bit mono low byte runs, high byte noise', rows: 8, columns: 200, samples: 1, width: 2, fill: (b) => b.forEach((_, i) => (b[i] = i & 1 ? (i * 7) & 0xff : 0)) },
  { name: '16-bit RGB noise', rows: 6, columns: 7, samples: 3, width: 2, fill: (b) => b.set(noise(b.length, 4)) },
  { name: '32-bit mono noise', rows: 5, columns: 9, samples: 1, width: 4, fill: (b) => b.set(noise(b.length, 5)) },
  { name: '1x1 8-bit', rows: 1, columns: 1, samples: 1, width: 1, fill: (b) => b.fill(200) },
];

describe('RLE Lossless (PS3.5 Annex G)', () => {
  it.each(PATTERNS.map((p) => [p.name, p] as const))('round-trips %s exactly', (_name, p) => {
    const bytes = new Uint8Array(p.rows * p.columns * p.samples * p.width);
    p.fill(bytes);
    const encoded = rleEncode(bytes, p.rows, p.columns, p.samples, p.width);
    expect(encoded.length % 2).toBe(0);
    const view = new DataView(encoded.buffer, encoded.byteOffset);
    expect(view.getUint32(0, true)).toBe(p.samples * p.width);
    for (let s = 0; s < p.samples * p.width; s++) expect(view.getUint32(4 + 4 * s, true) % 2).toBe(0);
    expect(rleDecode(encoded, p.rows * p.columns, p.samples, p.width)).toEqual(bytes);
  });

  it('encodes a row as replicate and literal runs, padded to even length', () => {
    const encoded = rleEncode(Uint8Array.of(5, 5, 5, 1, 2), 1, 5, 1, 1);
    const header = new Uint8Array(64);
    header[0] = 1;
    header[4] = 64;
    expect(encoded).toEqual(Uint8Array.of(...header, 0xfe, 5, 0x01, 1, 2, 0x00));
  });

  it('encodes each row separately (no run crosses a row boundary)', () => {
    const encoded = rleEncode(Uint8Array.of(9, 9, 9, 9), 2, 2, 1, 1);
    expect(Array.from(encoded.subarray(64))).toEqual([0xff, 9, 0xff, 9]);
  });

  it('puts the most significant byte of each sample in the earlier segment', () => {
    // One 16-bit pixel 0x1234 (little-endian 34 12): segment 0 = 0x12, segment 1 = 0x34.
    const encoded = rleEncode(Uint8Array.of(0x34, 0x12), 1, 1, 1, 2);
    const view = new DataView(encoded.buffer);
    expect(view.getUint32(0, true)).toBe(2);
    expect(encoded[view.getUint32(4, true) + 1]).toBe(0x12);
    expect(encoded[view.getUint32(8, true) + 1]).toBe(0x34);
  });

  it('decodes hand-made data with the no-op header byte 0x80', () => {
    const frame = new Uint8Array(64 + 6);
    frame[0] = 1;
    frame[4] = 64;
    frame.set([0x80, 0xfd, 3, 0x00, 8, 0x00], 64); // no-op, 4 x 3, literal [8], pad
    expect(rleDecode(frame, 5, 1, 1)).toEqual(Uint8Array.of(3, 3, 3, 3, 8));
  });

  it('rejects a segment count that does not fit the description', () => {
    const encoded = rleEncode(new Uint8Array(4), 2, 2, 1, 1);
    expect(() => rleDecode(encoded, 4, 1, 2)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_CORRUPT' }));
  });

  it('rejects a segment that ends before the frame is full', () => {
    const encoded = rleEncode(Uint8Array.of(1, 2, 3, 4), 2, 2, 1, 1);
    try {
      rleDecode(encoded, 5, 1, 1);
      expect.unreachable();
    } catch (e) {
      expect(isAtriumError(e, 'ATRIUM_ERR_PIXELS_CORRUPT')).toBe(true);
      expect((e as Error).message).toMatch(/segment 0 decodes to 4 bytes; 5 are needed/);
    }
  });

  it('rejects a frame shorter than the header', () => {
    expect(() => rleDecode(new Uint8Array(10), 1, 1, 1)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_CORRUPT' }));
  });
});
