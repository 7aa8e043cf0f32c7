import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import type { DataElement } from './data-element.js';
import { DataSet } from './data-set.js';
import { EXPLICIT_BE, EXPLICIT_LE, IMPLICIT_LE } from './transfer-syntax.js';
import { toExplicitLittleEndian } from './to-explicit-little-endian.js';

const el = (tag: number, vr: string, bytes: number[], extra: Partial<DataElement> = {}): DataElement => ({ tag, vr, value: Uint8Array.from(bytes), undefinedLength: false, ...extra });

describe('toExplicitLittleEndian', () => {
  it('swaps binary values of Big Endian sources by their size; AT by 16-bit halves; OB and text untouched', () => {
    const cases: [DataElement, number[]][] = [
      [el(Tag.Rows, 'US', [0x01, 0x02, 0x03, 0x04]), [0x02, 0x01, 0x04, 0x03]],
      [el(Tag.ReferencedFrameNumbers, 'UL', [1, 2, 3, 4]), [4, 3, 2, 1]],
      [el(Tag.FrameIncrementPointer, 'AT', [0x00, 0x18, 0x10, 0x65]), [0x18, 0x00, 0x65, 0x10]],
      [el(Tag.RealWorldValueSlope, 'FD', [1, 2, 3, 4, 5, 6, 7, 8]), [8, 7, 6, 5, 4, 3, 2, 1]],
      [el(Tag.PixelData, 'OW', [1, 2, 3, 4]), [2, 1, 4, 3]],
      [el(Tag.PixelData, 'OB', [1, 2, 3, 4]), [1, 2, 3, 4]],
      [el(Tag.PatientName, 'PN', [0x41, 0x42]), [0x41, 0x42]],
    ];
    for (const [e, expected] of cases) expect([...toExplicitLittleEndian(e, EXPLICIT_BE).value], e.vr).toEqual(expected);
  });

  it('returns elements that need no change as they are', () => {
    const e = el(Tag.Rows, 'US', [1, 2]);
    expect(toExplicitLittleEndian(e, EXPLICIT_LE)).toBe(e);
    expect(toExplicitLittleEndian(e, IMPLICIT_LE)).toBe(e);
  });

  it('gives the dictionary VR to elements read without a valid VR and to UN of a known tag', () => {
    const raw = el(Tag.Rows, 'UN', [8, 0], { rawVr: Uint8Array.from([0x3f, 0x3f]) });
    const fixed = toExplicitLittleEndian(raw, EXPLICIT_LE);
    expect([fixed.vr, fixed.rawVr]).toEqual(['US', undefined]);
    expect(toExplicitLittleEndian(el(Tag.PatientName, 'UN', [0x41, 0x20]), EXPLICIT_LE).vr).toBe('PN');
    const privateUn = el(0x00091001, 'UN', [1, 2]);
    expect(toExplicitLittleEndian(privateUn, EXPLICIT_BE)).toBe(privateUn);
  });

  it('re-encodes sequence items: a UN sequence of Implicit VR items becomes SQ with Explicit VR LE items', () => {
    const item = new DataSet([el(Tag.ReferencedFrameNumber, 'IS', [0x31, 0x20]), el(Tag.Rows, 'US', [0, 8])], IMPLICIT_LE);
    const un: DataElement = { tag: Tag.ReferencedImageSequence, vr: 'UN', value: new Uint8Array(0), items: [{ dataset: item, undefinedLength: true }], undefinedLength: true, itemsImplicit: true };
    const sq = toExplicitLittleEndian(un, EXPLICIT_LE);
    expect([sq.vr, sq.itemsImplicit, sq.items?.[0]?.dataset.encoding]).toEqual(['SQ', undefined, EXPLICIT_LE]);
    const be = new DataSet([el(Tag.Rows, 'US', [0, 8])], EXPLICIT_BE);
    const swapped = toExplicitLittleEndian({ ...un, vr: 'SQ', items: [{ dataset: be, undefinedLength: false }], itemsImplicit: undefined }, EXPLICIT_BE);
    expect(swapped.items?.[0]?.dataset.number(Tag.Rows)).toBe(8);
  });
});
