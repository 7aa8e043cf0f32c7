import { describe, expect, it } from 'vitest';
import { readJ2kHeader } from './j2k-header.js';
import { readJpegHeader } from './jpeg-header.js';

const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

describe('JPEG / JPEG-LS headers', () => {
  it('reads SOF3 past APP and DHT segments and fill bytes', () => {
    const bytes = Uint8Array.of(
      0xff, 0xd8,
      0xff, 0xe0, 0, 4, 1, 2, // APP0
      0xff, 0xff, 0xc4, 0, 3, 9, // fill byte, DHT
      0xff, 0xc3, 0, 11, 12, 0x01, 0x00, 0x02, 0x00, 1, 1, 0x11, 0, // SOF3: P=12, Y=256, X=512, Nf=1
      0xff, 0xda, 0, 8, 1, 1, 0, 1, 0, 0,
    );
    expect(readJpegHeader(bytes)).toEqual({ sofMarker: 0xc3, precision: 12, rows: 256, columns: 512, components: 1 });
  });

  it('reads the JPEG-LS interleave mode from the first scan', () => {
    const bytes = Uint8Array.of(
      0xff, 0xd8,
      0xff, 0xf7, 0, 17, 8, 0, 2, 0, 3, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, // SOF55: 8-bit 2x3, 3 components
      0xff, 0xda, 0, 12, 3, 1, 0, 2, 0, 3, 0, 2, 1, 0, // Ns=3, NEAR=2, ILV=1
    );
    expect(readJpegHeader(bytes)).toEqual({ sofMarker: 0xf7, precision: 8, rows: 2, columns: 3, components: 3, interleaveMode: 1 });
  });

  it('returns undefined without a frame header', () => {
    expect(readJpegHeader(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9))).toBeUndefined();
    expect(readJpegHeader(Uint8Array.of(1, 2, 3))).toBeUndefined();
  });
});

describe('JPEG 2000 SIZ', () => {
  const siz = [
    0xff, 0x4f, 0xff, 0x51, 0, 41, 0, 0,
    ...u32(300), ...u32(200), ...u32(10), ...u32(0), // Xsiz, Ysiz, XOsiz, YOsiz
    ...u32(300), ...u32(200), ...u32(0), ...u32(0), // tiles
    0, 1, 0x8b, 1, 1, // Csiz=1, Ssiz = signed 12-bit
  ];

  it('reads a raw codestream', () => {
    expect(readJ2kHeader(Uint8Array.from(siz))).toEqual({ columns: 290, rows: 200, components: 1, precision: 12, signed: true });
  });

  it('finds the codestream inside a JP2 file', () => {
    const jp2 = [...u32(12), 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a, ...u32(8), ...[0x66, 0x74, 0x79, 0x70], ...u32(8 + siz.length), 0x6a, 0x70, 0x32, 0x63, ...siz];
    expect(readJ2kHeader(Uint8Array.from(jp2))).toEqual({ columns: 290, rows: 200, components: 1, precision: 12, signed: true });
  });

  it('returns undefined for other data', () => {
    expect(readJ2kHeader(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9))).toBeUndefined();
  });
});
