import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../encode-frame.js';
import { getFrame } from '../get-frame.js';
import type { PixelDescription } from '../pixel-types.js';
import { PixelTransferSyntax as TS } from '../transfer-syntax-uids.js';

const eightBit: PixelDescription = {
  transferSyntaxUID: TS.ExplicitVRLittleEndian,
  rows: 8,
  columns: 9,
  samplesPerPixel: 1,
  bitsAllocated: 8,
  bitsStored: 8,
  highBit: 7,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  numberOfFrames: 1,
};

describe('8-bit codestreams in a 16-bit Bits Allocated image', () => {
  it.each([TS.JPEGLosslessSV1, TS.JPEGLSLossless, TS.JPEG2000Lossless])('%s decodes to the Bits Allocated type', async (syntax) => {
    const pixels = Uint8Array.from({ length: 72 }, (_, i) => (i * 29) & 0xff);
    const encoded = await encodeFrame(eightBit, pixels, syntax);
    const frame = await getFrame(
      { ...eightBit, transferSyntaxUID: syntax, bitsAllocated: 16 },
      { kind: 'encapsulated', fragments: [encoded], basicOffsetTable: [] },
      0,
    );
    expect(frame.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(frame.data)).toEqual(Array.from(pixels));
  });
});
