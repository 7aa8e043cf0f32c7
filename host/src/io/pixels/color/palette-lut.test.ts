import { describe, expect, it } from 'vitest';
import { getFrame } from '../get-frame.js';
import type { PixelDescription } from '../pixel-types.js';
import { expandSegmentedLut } from './expand-segmented-lut.js';
import { applyPalette, paletteLut } from './palette-lut.js';

const le16 = (...v: number[]): Uint8Array => {
  const out = new Uint8Array(v.length * 2);
  v.forEach((x, i) => {
    out[2 * i] = x & 0xff;
    out[2 * i + 1] = (x >> 8) & 0xff;
  });
  return out;
};

/** 4-entry 16-bit palette starting at stored value 10. */
const palette: PixelDescription = {
  transferSyntaxUID: '1.2.840.10008.1.2.1',
  rows: 2,
  columns: 3,
  samplesPerPixel: 1,
  bitsAllocated: 8,
  bitsStored: 8,
  highBit: 7,
  pixelRepresentation: 0,
  photometricInterpretation: 'PALETTE COLOR',
  numberOfFrames: 1,
  redPaletteDescriptor: [4, 10, 16],
  greenPaletteDescriptor: [4, 10, 16],
  bluePaletteDescriptor: [4, 10, 16],
  redPaletteData: le16(0, 1000, 2000, 65535),
  greenPaletteData: le16(10, 20, 30, 40),
  bluePaletteData: le16(65535, 0, 0, 1),
};

describe('PALETTE COLOR to RGB (PS3.3 C.7.6.3.1.5-6)', () => {
  it('maps a frame through 16-bit LUTs, clamping below the first mapped value and past the end', async () => {
    const frame = await getFrame(palette, { kind: 'native', bytes: Uint8Array.of(9, 10, 11, 12, 13, 200), bigEndian: false, vr: 'OB' }, 0, { color: 'rgb' });
    expect(frame.photometricInterpretation).toBe('RGB');
    expect(frame.samplesPerPixel).toBe(3);
    expect(frame.data).toBeInstanceOf(Uint16Array);
    // Stored 9 -> entry 0 (below first mapped 10); 10..13 -> entries 0..3; 200 -> entry 3.
    expect(Array.from(frame.data)).toEqual([
      0, 10, 65535, 0, 10, 65535, 1000, 20, 0, 2000, 30, 0, 65535, 40, 1, 65535, 40, 1,
    ]);
  });

  it('keeps PALETTE COLOR indices when color is native', async () => {
    const frame = await getFrame(palette, { kind: 'native', bytes: Uint8Array.of(9, 10, 11, 12, 13, 200), bigEndian: false, vr: 'OB' }, 0);
    expect(frame.photometricInterpretation).toBe('PALETTE COLOR');
    expect(Array.from(frame.data)).toEqual([9, 10, 11, 12, 13, 200]);
  });

  it('reads 8-bit LUT data, also under a descriptor that claims 16 bits', () => {
    const desc = { ...palette, redPaletteData: Uint8Array.of(1, 2, 3, 4), greenPaletteData: Uint8Array.of(5, 6, 7, 8), bluePaletteData: Uint8Array.of(9, 10, 11, 12) };
    const lut = paletteLut(desc);
    expect(lut.bits).toBe(8);
    expect(Array.from(applyPalette(Uint8Array.of(11), lut))).toEqual([2, 6, 10]);
    expect(applyPalette(Uint8Array.of(11), lut)).toBeInstanceOf(Uint8Array);
  });

  it('accepts 8-bit data padded to even length', () => {
    const desc = { ...palette, redPaletteDescriptor: [3, 0, 8] as const, redPaletteData: Uint8Array.of(1, 2, 3, 0), greenPaletteData: Uint8Array.of(4, 5, 6, 0), bluePaletteData: Uint8Array.of(7, 8, 9, 0) };
    expect(Array.from(applyPalette(Uint8Array.of(2), paletteLut({ ...desc, greenPaletteDescriptor: [3, 0, 8], bluePaletteDescriptor: [3, 0, 8] })))).toEqual([3, 6, 9]);
  });

  it('reads 0 entries as 65536 and a first mapped value above 32767 as signed for signed pixel data', () => {
    const big = new Uint8Array(65536 * 2);
    big[2 * 65535] = 0x34;
    big[2 * 65535 + 1] = 0x12;
    const desc: PixelDescription = {
      ...palette,
      bitsAllocated: 16,
      bitsStored: 16,
      highBit: 15,
      pixelRepresentation: 1,
      redPaletteDescriptor: [0, 0x8000, 16],
      greenPaletteDescriptor: [0, 0x8000, 16],
      bluePaletteDescriptor: [0, 0x8000, 16],
      redPaletteData: big,
      greenPaletteData: big,
      bluePaletteData: big,
    };
    const lut = paletteLut(desc);
    expect(lut.red.length).toBe(65536);
    expect(lut.firstMapped).toBe(-32768);
    expect(Array.from(applyPalette(Int16Array.of(32767, -32768), lut))).toEqual([0x1234, 0x1234, 0x1234, 0, 0, 0]);
  });

  it('expands segmented LUT data', () => {
    // Discrete [0, 10], linear to 20 over 4 entries (12.5, 15, 17.5, 20 rounded half to even),
    // discrete [5], indirect copy of 1 segment at entry 0.
    const words = [0, 2, 0, 10, 1, 4, 20, 0, 1, 5, 2, 1, 0, 0];
    expect(expandSegmentedLut(words, 2)).toEqual([0, 10, 12, 15, 18, 20, 5, 0, 10]);
    const desc = {
      ...palette,
      redPaletteData: undefined,
      greenPaletteData: undefined,
      bluePaletteData: undefined,
      redSegmentedPaletteData: le16(...words),
      greenSegmentedPaletteData: le16(0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9),
      blueSegmentedPaletteData: le16(0, 1, 7, 1, 8, 7),
    };
    const lut = paletteLut(desc);
    expect(Array.from(lut.red)).toEqual([0, 10, 12, 15, 18, 20, 5, 0, 10]);
    expect(Array.from(lut.blue)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 7]);
  });

  it('reports missing or inconsistent LUTs', () => {
    expect(() => paletteLut({ ...palette, greenPaletteDescriptor: undefined })).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_PALETTE' }));
    expect(() => paletteLut({ ...palette, bluePaletteData: undefined })).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_PALETTE' }));
    expect(() => paletteLut({ ...palette, redPaletteData: new Uint8Array(5) })).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_PALETTE' }));
    expect(() => expandSegmentedLut([1, 2, 5], 2)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_PALETTE' }));
    expect(() => expandSegmentedLut([3, 1, 5], 2)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_PALETTE' }));
  });
});
