import { describe, expect, it } from 'vitest';
import { frameCount } from './frame-count.js';
import { getFrame, getNativeFrameSync } from './get-frame.js';
import type { PixelDataSource, PixelDescription } from './pixel-types.js';

const base: PixelDescription = {
  transferSyntaxUID: '1.2.840.10008.1.2.1',
  rows: 1,
  columns: 4,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  numberOfFrames: 1,
};
const native = (bytes: number[], bigEndian = false, vr: 'OB' | 'OW' = 'OW'): Extract<PixelDataSource, { kind: 'native' }> => ({
  kind: 'native',
  bytes: Uint8Array.from(bytes),
  bigEndian,
  vr,
});
const values = (desc: Partial<PixelDescription>, src: Extract<PixelDataSource, { kind: 'native' }>, index = 0) =>
  Array.from(getNativeFrameSync({ ...base, ...desc }, src, index).data);

describe('native frames', () => {
  it('reads 8-bit unsigned and signed samples', () => {
    expect(values({ bitsAllocated: 8, bitsStored: 8, highBit: 7 }, native([0, 127, 128, 255]))).toEqual([0, 127, 128, 255]);
    expect(values({ bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 1 }, native([0, 127, 128, 255]))).toEqual([0, 127, -128, -1]);
  });

  it('sign-extends 16-bit samples from Bits Stored', () => {
    // 12-bit stored: 0x0800 is -2048, 0x0fff is -1; bits above High Bit are ignored.
    const src = native([0x00, 0x08, 0xff, 0x0f, 0xff, 0x07, 0x01, 0xf0]);
    expect(values({ bitsStored: 12, highBit: 11, pixelRepresentation: 1 }, src)).toEqual([-2048, -1, 2047, 1]);
    expect(values({ bitsStored: 12, highBit: 11 }, src)).toEqual([2048, 4095, 2047, 1]);
  });

  it('shifts samples whose High Bit is above Bits Stored - 1 and masks the rest', () => {
    // Bits Stored 12 at High Bit 15: value = word >> 4.
    const src = native([0x10, 0x00, 0xf0, 0xff, 0x0f, 0x80, 0x00, 0x00]);
    expect(values({ bitsStored: 12, highBit: 15 }, src)).toEqual([1, 4095, 2048, 0]);
    expect(values({ bitsStored: 12, highBit: 15, pixelRepresentation: 1 }, src)).toEqual([1, -1, -2048, 0]);
  });

  it('reads 32-bit samples', () => {
    const src = native([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0x80, 0, 0, 0, 0]);
    expect(values({ bitsAllocated: 32, bitsStored: 32, highBit: 31 }, src)).toEqual([1, 4294967295, 2147483648, 0]);
    expect(values({ bitsAllocated: 32, bitsStored: 32, highBit: 31, pixelRepresentation: 1 }, src)).toEqual([1, -1, -2147483648, 0]);
    expect(values({ bitsAllocated: 32, bitsStored: 24, highBit: 23, pixelRepresentation: 1 }, src)).toEqual([1, -1, 0, 0]);
  });

  it('swaps big-endian OW data per sample, and 8-bit data only when it is OW', () => {
    expect(values({}, native([0x12, 0x34, 0xff, 0xfe, 0, 1, 0x80, 0], true))).toEqual([0x1234, 0xfffe, 1, 0x8000]);
    const eight = { bitsAllocated: 8, bitsStored: 8, highBit: 7 };
    expect(values(eight, native([1, 2, 3, 4], true, 'OW'))).toEqual([2, 1, 4, 3]);
    expect(values(eight, native([1, 2, 3, 4], true, 'OB'))).toEqual([1, 2, 3, 4]);
    expect(values({ bitsAllocated: 32, bitsStored: 32, highBit: 31, columns: 1 }, native([0x01, 0x02, 0x03, 0x04], true))).toEqual([0x01020304]);
  });

  it('swaps big-endian 8-bit OW frames that start at an odd byte', () => {
    // 3 pixels per frame; frame 1 starts at byte 3, inside the word (2,3).
    const desc = { bitsAllocated: 8, bitsStored: 8, highBit: 7, columns: 3, numberOfFrames: 2 };
    expect(values(desc, native([1, 0, 3, 2, 5, 4], true, 'OW'), 1)).toEqual([3, 4, 5]);
  });

  it('unpacks 1-bit frames least significant bit first, across byte boundaries', () => {
    const desc = { bitsAllocated: 1, bitsStored: 1, highBit: 0, rows: 1, columns: 5, numberOfFrames: 3 };
    const src = native([0b10110101, 0b01110010]); // bits 0..15: 1,0,1,0,1,1,0,1, 0,1,0,0,1,1,1,0
    expect(values(desc, src, 0)).toEqual([1, 0, 1, 0, 1]);
    expect(values(desc, src, 1)).toEqual([1, 0, 1, 0, 1]);
    expect(values(desc, src, 2)).toEqual([0, 0, 1, 1, 1]);
    expect(frameCount({ ...base, ...desc }, src)).toBe(3);
  });

  it('interleaves color-by-plane frames', () => {
    const desc = { bitsAllocated: 8, bitsStored: 8, highBit: 7, samplesPerPixel: 3, columns: 2, planarConfiguration: 1 as const, photometricInterpretation: 'RGB' };
    expect(values(desc, native([1, 2, 10, 20, 100, 200]))).toEqual([1, 10, 100, 2, 20, 200]);
  });

  it('upsamples native YBR_FULL_422 and reports it as YBR_FULL', () => {
    const desc = { bitsAllocated: 8, bitsStored: 8, highBit: 7, samplesPerPixel: 3, columns: 2, rows: 2, photometricInterpretation: 'YBR_FULL_422' };
    const frame = getNativeFrameSync({ ...base, ...desc }, native([10, 11, 100, 200, 20, 21, 101, 201]), 0);
    expect(frame.photometricInterpretation).toBe('YBR_FULL');
    expect(Array.from(frame.data)).toEqual([10, 100, 200, 11, 100, 200, 20, 101, 201, 21, 101, 201]);
  });

  it('selects frames by index and counts whole frames only', () => {
    const desc = { bitsAllocated: 8, bitsStored: 8, highBit: 7, columns: 2, numberOfFrames: 3 };
    const src = native([1, 2, 3, 4, 5, 6, 7]);
    expect(values(desc, src, 2)).toEqual([5, 6]);
    expect(frameCount({ ...base, ...desc, numberOfFrames: 4 }, src)).toBe(3);
    expect(() => getNativeFrameSync({ ...base, ...desc, numberOfFrames: 4 }, src, 3)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_TRUNCATED' }));
    expect(() => getNativeFrameSync({ ...base, ...desc }, src, 3)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_FRAME_INDEX' }));
    expect(() => getNativeFrameSync({ ...base, ...desc }, src, -1)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_FRAME_INDEX' }));
  });

  it('rejects inconsistent descriptions', () => {
    const src = native([0, 0, 0, 0, 0, 0, 0, 0]);
    for (const bad of [{ bitsAllocated: 12 }, { bitsStored: 17 }, { highBit: 10 }, { rows: 0 }, { numberOfFrames: 0 }]) {
      expect(() => getNativeFrameSync({ ...base, ...bad }, src, 0)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PIXELS_BAD_DESCRIPTION' }));
    }
  });

  it('rescales to Int32 for slope 1 and to Float32 otherwise; grayscale only', async () => {
    const src = native([0, 0, 0x18, 0xfc, 0xe8, 0x03, 0xff, 0x7f]);
    const signed = { ...base, pixelRepresentation: 1 as const, rescaleSlope: 1, rescaleIntercept: -1024 };
    const hu = await getFrame(signed, src, 0, { rescale: true });
    expect(hu.data).toBeInstanceOf(Int32Array);
    expect(Array.from(hu.data)).toEqual([-1024, -2024, -24, 31743]);
    const scaled = await getFrame({ ...signed, rescaleSlope: 0.5, rescaleIntercept: 0.25 }, src, 0, { rescale: true });
    expect(scaled.data).toBeInstanceOf(Float32Array);
    expect(Array.from(scaled.data)).toEqual([0.25, -499.75, 500.25, 16383.75]);
    const identity = await getFrame(base, src, 0, { rescale: true });
    expect(identity.data).toBeInstanceOf(Int32Array);
    const rgb = await getFrame({ ...base, bitsAllocated: 8, bitsStored: 8, highBit: 7, samplesPerPixel: 3, columns: 1, photometricInterpretation: 'RGB', rescaleSlope: 2 }, native([1, 2, 3]), 0, { rescale: true });
    expect(rgb.data).toBeInstanceOf(Uint8Array);
  });

  it('reports MONOCHROME1 without inverting it', async () => {
    const frame = await getFrame({ ...base, photometricInterpretation: 'MONOCHROME1' }, native([0, 0, 1, 0, 2, 0, 3, 0]), 0, { color: 'rgb' });
    expect(frame.photometricInterpretation).toBe('MONOCHROME1');
    expect(Array.from(frame.data)).toEqual([0, 1, 2, 3]);
  });
});

describe('encapsulated frames without a codec', () => {
  it('reports an unknown transfer syntax', async () => {
    await expect(getFrame({ ...base, transferSyntaxUID: '1.2.3.4' }, { kind: 'encapsulated', fragments: [new Uint8Array(2)], basicOffsetTable: [] }, 0)).rejects.toMatchObject({
      code: 'ATRIUM_ERR_PIXELS_UNSUPPORTED',
    });
  });
});
