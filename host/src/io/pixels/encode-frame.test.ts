import { describe, expect, it } from 'vitest';
import { decodedPhotometricInterpretation } from './decoded-photometric-interpretation.js';
import { encodeFrame } from './encode-frame.js';
import { getFrame } from './get-frame.js';
import type { PixelArray, PixelDescription } from './pixel-types.js';
import { PixelTransferSyntax as TS } from './transfer-syntax-uids.js';

const mono12: PixelDescription = {
  transferSyntaxUID: TS.ExplicitVRLittleEndian,
  rows: 24,
  columns: 37,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  highBit: 11,
  pixelRepresentation: 1,
  photometricInterpretation: 'MONOCHROME2',
  numberOfFrames: 1,
};
const rgb8: PixelDescription = { ...mono12, samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 0, photometricInterpretation: 'RGB', planarConfiguration: 0 };

function ramp(desc: PixelDescription): PixelArray {
  const n = desc.rows * desc.columns * desc.samplesPerPixel;
  if (desc.bitsAllocated === 8) return Uint8Array.from({ length: n }, (_, i) => (i * 37) & 0xff);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = ((i * 97) % 4096) - 2048; // full signed 12-bit range
  return out;
}

async function roundTrip(desc: PixelDescription, syntax: string): Promise<PixelArray> {
  const pixels = ramp(desc);
  const encoded = await encodeFrame(desc, pixels, syntax);
  const frame = await getFrame({ ...desc, transferSyntaxUID: syntax }, { kind: 'encapsulated', fragments: [encoded], basicOffsetTable: [] }, 0);
  return frame.data;
}

describe('encodeFrame then getFrame', () => {
  const syntaxes = [TS.RLELossless, TS.JPEGLSLossless, TS.JPEG2000Lossless, TS.JPEGLosslessSV1, TS.DeflatedImageFrameCompression, TS.EncapsulatedUncompressedExplicitVRLittleEndian];
  it.each(syntaxes)('is exact for signed 12-bit mono in %s', async (syntax) => {
    expect(await roundTrip(mono12, syntax)).toEqual(ramp(mono12));
  });
  it.each(syntaxes)('is exact for 8-bit RGB in %s', async (syntax) => {
    expect(await roundTrip(rgb8, syntax)).toEqual(ramp(rgb8));
  });

  it('keeps a High Bit shift through RLE', async () => {
    const shifted = { ...mono12, highBit: 15, pixelRepresentation: 0 as const };
    const pixels = Uint16Array.from({ length: 24 * 37 }, (_, i) => i % 4096);
    const encoded = await encodeFrame(shifted, pixels, TS.RLELossless);
    const frame = await getFrame({ ...shifted, transferSyntaxUID: TS.RLELossless }, { kind: 'encapsulated', fragments: [encoded], basicOffsetTable: [] }, 0);
    expect(frame.data).toEqual(pixels);
  });

  it('refuses syntaxes it cannot encode and data it cannot represent', async () => {
    const pixels = ramp(mono12);
    await expect(encodeFrame(mono12, pixels, TS.JPEGBaseline8Bit)).rejects.toMatchObject({ code: 'ATRIUM_ERR_PIXELS_UNSUPPORTED' });
    await expect(encodeFrame(mono12, pixels, '1.2.3')).rejects.toMatchObject({ code: 'ATRIUM_ERR_PIXELS_UNSUPPORTED' });
    await expect(encodeFrame(mono12, new Float32Array(pixels.length), TS.RLELossless)).rejects.toMatchObject({ code: 'ATRIUM_ERR_PIXELS_UNSUPPORTED' });
    await expect(encodeFrame(mono12, pixels.subarray(1), TS.RLELossless)).rejects.toMatchObject({ code: 'ATRIUM_ERR_PIXELS_BAD_DESCRIPTION' });
    await expect(encodeFrame({ ...mono12, highBit: 15 }, pixels, TS.JPEG2000Lossless)).rejects.toMatchObject({ code: 'ATRIUM_ERR_PIXELS_UNSUPPORTED' });
    const rgb16 = { ...rgb8, bitsAllocated: 16, bitsStored: 16, highBit: 15 };
    await expect(encodeFrame(rgb16, new Uint16Array(24 * 37 * 3), TS.JPEG2000Lossless)).rejects.toMatchObject({ code: 'ATRIUM_ERR_PIXELS_UNSUPPORTED' });
    await expect(encodeFrame({ ...rgb8, photometricInterpretation: 'YBR_FULL_422' }, ramp(rgb8), TS.RLELossless)).rejects.toMatchObject({
      code: 'ATRIUM_ERR_PIXELS_UNSUPPORTED',
    });
  });
});

describe('wasm decoders on bad input', () => {
  it('report corrupt data and keep working afterwards', async () => {
    const good = await encodeFrame(mono12, ramp(mono12), TS.JPEGLSLossless);
    const desc = { ...mono12, transferSyntaxUID: TS.JPEGLSLossless };
    const broken = good.slice(0, 40);
    await expect(getFrame(desc, { kind: 'encapsulated', fragments: [broken], basicOffsetTable: [] }, 0)).rejects.toMatchObject({ code: 'ATRIUM_ERR_PIXELS_CORRUPT' });
    await expect(getFrame({ ...desc, rows: 25 }, { kind: 'encapsulated', fragments: [good], basicOffsetTable: [] }, 0)).rejects.toMatchObject({
      code: 'ATRIUM_ERR_PIXELS_CORRUPT',
    });
    await expect(getFrame({ ...desc, transferSyntaxUID: TS.JPEG2000Lossless }, { kind: 'encapsulated', fragments: [good], basicOffsetTable: [] }, 0)).rejects.toMatchObject({
      code: 'ATRIUM_ERR_PIXELS_CORRUPT',
    });
    const frame = await getFrame(desc, { kind: 'encapsulated', fragments: [good], basicOffsetTable: [] }, 0);
    expect(frame.data).toEqual(ramp(mono12));
  });
});

describe('decodedPhotometricInterpretation', () => {
  const color = { ...rgb8, photometricInterpretation: 'YBR_FULL_422' };
  it.each([
    [TS.JPEGBaseline8Bit, 'YBR_FULL_422', 'native', 'RGB'],
    [TS.JPEGExtended12Bit, 'YBR_FULL', 'native', 'RGB'],
    [TS.JPEGLosslessSV1, 'YBR_FULL', 'native', 'YBR_FULL'],
    [TS.JPEGLosslessSV1, 'YBR_FULL', 'rgb', 'RGB'],
    [TS.JPEG2000, 'YBR_ICT', 'native', 'RGB'],
    [TS.JPEG2000Lossless, 'YBR_RCT', 'native', 'RGB'],
    [TS.ExplicitVRLittleEndian, 'YBR_FULL_422', 'native', 'YBR_FULL'],
    [TS.ExplicitVRLittleEndian, 'YBR_FULL_422', 'rgb', 'RGB'],
    [TS.RLELossless, 'PALETTE COLOR', 'rgb', 'RGB'],
    [TS.RLELossless, 'MONOCHROME1', 'rgb', 'MONOCHROME1'],
  ] as const)('%s %s (%s) -> %s', (syntax, pi, mode, expected) => {
    expect(decodedPhotometricInterpretation({ ...color, transferSyntaxUID: syntax, photometricInterpretation: pi }, { color: mode })).toBe(expected);
  });
});
