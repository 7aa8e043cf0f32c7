import { describe, expect, it } from 'vitest';
import { encapsulatedFrameBytes, frameFragmentRanges } from './encapsulated-frame.js';
import type { PixelDataSource } from './pixel-types.js';

type Source = Extract<PixelDataSource, { kind: 'encapsulated' }>;
const bytes = (...v: number[]): Uint8Array => Uint8Array.from(v);
const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];

describe('encapsulated frames (PS3.5 A.4)', () => {
  it('uses the Basic Offset Table, including frames of several fragments', () => {
    // Fragment item positions: 0, 8+2=10, 10+8+4=22, 22+8+2=32.
    const source: Source = { kind: 'encapsulated', fragments: [bytes(1, 1), bytes(2, 2, 2, 2), bytes(3, 3), bytes(4, 4)], basicOffsetTable: [0, 22] };
    expect(frameFragmentRanges(source, 2)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(Array.from(encapsulatedFrameBytes(source, 0, 2))).toEqual([1, 1, 2, 2, 2, 2]);
    expect(Array.from(encapsulatedFrameBytes(source, 1, 2))).toEqual([3, 3, 4, 4]);
  });

  it('prefers the Extended Offset Table', () => {
    const source: Source = { kind: 'encapsulated', fragments: [bytes(1, 1), bytes(2, 2), bytes(3, 3)], basicOffsetTable: [], extendedOffsetTable: [0, 10, 20] };
    expect(Array.from(encapsulatedFrameBytes(source, 2, 3))).toEqual([3, 3]);
  });

  it('ignores an offset table that does not point at fragment starts and falls back', () => {
    const source: Source = { kind: 'encapsulated', fragments: [bytes(1, 1), bytes(2, 2)], basicOffsetTable: [0, 7] };
    expect(frameFragmentRanges(source, 2)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('takes one fragment per frame without a table when the counts agree', () => {
    const source: Source = { kind: 'encapsulated', fragments: [bytes(1), bytes(2), bytes(3)], basicOffsetTable: [] };
    expect(Array.from(encapsulatedFrameBytes(source, 1, 3))).toEqual([2]);
  });

  it('joins all fragments of a single frame', () => {
    const source: Source = { kind: 'encapsulated', fragments: [bytes(1), bytes(2), bytes(3)], basicOffsetTable: [] };
    expect(Array.from(encapsulatedFrameBytes(source, 0, 1))).toEqual([1, 2, 3]);
  });

  it('groups fragments by JPEG SOI / J2K SOC markers without a table', () => {
    const source: Source = {
      kind: 'encapsulated',
      fragments: [bytes(...SOI, 1), bytes(2), bytes(0xff, 0x4f, 0xff, 0x51, 3), bytes(4), bytes(5)],
      basicOffsetTable: [],
    };
    expect(frameFragmentRanges(source, 2)).toEqual([
      [0, 2],
      [2, 5],
    ]);
  });

  it('groups fragments by JPEG EOI markers (trailing pad allowed) when start markers do not separate frames', () => {
    const source: Source = {
      kind: 'encapsulated',
      fragments: [bytes(...SOI, 1, ...EOI), bytes(7, 7), bytes(8, ...EOI, 0)],
      basicOffsetTable: [],
    };
    expect(frameFragmentRanges(source, 2)).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });

  it('reports fragments it cannot map', () => {
    const source: Source = { kind: 'encapsulated', fragments: [bytes(1), bytes(2), bytes(3)], basicOffsetTable: [] };
    expect(() => frameFragmentRanges(source, 2)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_FRAGMENTS' }));
    expect(() => frameFragmentRanges({ kind: 'encapsulated', fragments: [], basicOffsetTable: [] }, 1)).toThrow(
      expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_FRAGMENTS' }),
    );
  });

  it('reports a frame index past the end', () => {
    const source: Source = { kind: 'encapsulated', fragments: [bytes(1)], basicOffsetTable: [] };
    expect(() => encapsulatedFrameBytes(source, 1, 1)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_FRAME_INDEX' }));
  });
});
