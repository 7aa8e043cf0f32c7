import { Tag } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { encapsulate } from './encapsulate.js';
import { encapsulatedFrameBytes } from './encapsulated-frame.js';

const item = (length: number): number[] => [0xfe, 0xff, 0x00, 0xe0, length & 0xff, (length >> 8) & 0xff, 0, 0];

describe('encapsulate (PS3.5 A.4)', () => {
  it('writes the Basic Offset Table, even-padded fragments and the sequence delimiter', () => {
    const value = encapsulate([Uint8Array.of(1, 2, 3), Uint8Array.of(4, 5)]);
    expect(Array.from(value)).toEqual([
      ...item(8), 0, 0, 0, 0, 12, 0, 0, 0, // offsets 0 and 8 + 4
      ...item(4), 1, 2, 3, 0,
      ...item(2), 4, 5,
      0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0,
    ]);
  });

  it('writes an empty table item for no frames', () => {
    expect(Array.from(encapsulate([]))).toEqual([...item(0), 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  });

  it('is read back frame by frame through its own offset table', () => {
    const frames = [Uint8Array.of(9), Uint8Array.of(8, 7, 6, 5), Uint8Array.of(4, 3, 2)];
    const value = encapsulate(frames);
    // Split the value into fragment values the way a parser would.
    const view = new DataView(value.buffer);
    const table: number[] = [];
    const fragments: Uint8Array[] = [];
    let at = 8;
    for (let i = 0; i < view.getUint32(4, true) / 4; i++) table.push(view.getUint32(8 + 4 * i, true));
    at += view.getUint32(4, true);
    while (((view.getUint16(at, true) << 16) | view.getUint16(at + 2, true)) >>> 0 === Tag.Item) {
      const length = view.getUint32(at + 4, true);
      fragments.push(value.subarray(at + 8, at + 8 + length));
      at += 8 + length;
    }
    expect(table).toEqual([0, 10, 22]);
    const source = { kind: 'encapsulated' as const, fragments, basicOffsetTable: table };
    expect(Array.from(encapsulatedFrameBytes(source, 0, 3))).toEqual([9, 0]);
    expect(Array.from(encapsulatedFrameBytes(source, 1, 3))).toEqual([8, 7, 6, 5]);
    expect(Array.from(encapsulatedFrameBytes(source, 2, 3))).toEqual([4, 3, 2, 0]);
  });
});
