import { describe, expect, it } from 'vitest';
import { ByteSink } from './byte-sink.js';
import { Tag } from '@atrium/sdk';

describe('ByteSink', () => {
  it('writes tags, words, text and bytes in either byte order, growing as needed', () => {
    for (const le of [true, false]) {
      const s = new ByteSink(le, 1);
      s.tag(Tag.PixelData);
      s.uint16(0x4f42);
      s.uint32(0xfffffffe);
      s.ascii('OB');
      s.bytes(new Uint8Array(0));
      s.bytes(Uint8Array.from({ length: 40 }, (_, i) => i));
      const other = new ByteSink(le);
      other.bytes(new Uint8Array([9, 8, 7]));
      s.append(other);
      const w = (a: number, b: number): number[] => (le ? [b, a] : [a, b]);
      expect(Array.from(s.toBytes())).toEqual([
        ...w(0x7f, 0xe0), ...w(0x00, 0x10), ...w(0x4f, 0x42), ...(le ? [0xfe, 0xff, 0xff, 0xff] : [0xff, 0xff, 0xff, 0xfe]), 0x4f, 0x42,
        ...Array.from({ length: 40 }, (_, i) => i), 9, 8, 7,
      ]);
      expect(s.length).toBe(4 + 2 + 4 + 2 + 40 + 3);
      s.uint16(1); // the sink goes on after toBytes
      expect(s.toBytes().length).toBe(57);
    }
  });
  it('keeps large values by reference until toBytes, in order with the small writes around them', () => {
    const big = Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff);
    const inner = new ByteSink(true);
    inner.uint16(0xaaaa);
    inner.bytes(big);
    inner.uint16(0xbbbb);
    const s = new ByteSink(true);
    s.uint32(1);
    s.append(inner);
    s.bytes(big);
    const out = s.toBytes();
    expect(out.length).toBe(4 + 2 + 5000 + 2 + 5000);
    expect(s.length).toBe(out.length);
    expect(Array.from(out.subarray(0, 6))).toEqual([1, 0, 0, 0, 0xaa, 0xaa]);
    expect(Buffer.from(out.subarray(6, 5006)).equals(Buffer.from(big))).toBe(true);
    expect(Array.from(out.subarray(5006, 5008))).toEqual([0xbb, 0xbb]);
    expect(Buffer.from(out.subarray(5008)).equals(Buffer.from(big))).toBe(true);
  });
});
