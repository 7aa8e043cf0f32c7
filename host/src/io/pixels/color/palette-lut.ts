import { pixelError } from '../pixel-error.js';
import type { PaletteDescriptor, PixelArray, PixelDescription } from '../pixel-types.js';
import { expandSegmentedLut } from './expand-segmented-lut.js';

/** The three expanded Palette Color LUTs of an image (PS3.3 C.7.6.3.1.5-6). */
export interface PaletteLut {
  red: Uint8Array | Uint16Array;
  green: Uint8Array | Uint16Array;
  blue: Uint8Array | Uint16Array;
  /** First stored pixel value mapped to entry 0 (may be negative for signed pixel data). */
  firstMapped: number;
  /** Bits per entry of the LUT data actually present: 8 or 16. */
  bits: 8 | 16;
}

type Channel = 'red' | 'green' | 'blue';
const CHANNELS: readonly Channel[] = ['red', 'green', 'blue'];

/**
 * Expands the Palette Color LUTs of `desc`. Tolerates the usual descriptor quirks: 0 entries
 * means 65536; a negative entry count (read as SS) is taken modulo 65536; a first mapped
 * value read as US for signed pixel data is converted to SS; the entry width is taken from
 * the data length (8-bit data under a 16-bit descriptor and vice versa, as pydicom does).
 */
export function paletteLut(desc: PixelDescription): PaletteLut {
  const luts: Partial<Record<Channel, Uint8Array | Uint16Array>> = {};
  let firstMapped = 0;
  let bits: 8 | 16 = 16;
  for (const channel of CHANNELS) {
    const descriptor = desc[`${channel}PaletteDescriptor`];
    if (!descriptor) throw pixelError('PALETTE', `PALETTE COLOR image lacks the ${channel} Palette Color Lookup Table Descriptor`, { channel });
    const entries = entryCount(descriptor);
    firstMapped = descriptor[1];
    if (desc.pixelRepresentation === 1 && firstMapped > 0x7fff) firstMapped -= 0x10000;
    const data = desc[`${channel}PaletteData`];
    const segmented = desc[`${channel}SegmentedPaletteData`];
    let lut: Uint8Array | Uint16Array;
    if (data) {
      if (data.length === 2 * entries) {
        lut = new Uint16Array(entries);
        for (let i = 0; i < entries; i++) lut[i] = data[2 * i]! | (data[2 * i + 1]! << 8);
        bits = 16;
      } else if (data.length === entries || data.length === entries + 1) {
        lut = data.slice(0, entries);
        bits = 8;
      } else {
        throw pixelError('PALETTE', `${channel} Palette Color LUT Data has ${data.length} bytes for ${entries} entries`, {
          channel,
          entries,
          byteLength: data.length,
        });
      }
    } else if (segmented) {
      const wordBytes = descriptor[2] === 8 ? 1 : 2;
      const words = wordBytes === 1 ? segmented : wordsOf(segmented);
      const expanded = expandSegmentedLut(words, wordBytes);
      lut = wordBytes === 1 ? Uint8Array.from(expanded) : Uint16Array.from(expanded);
      bits = wordBytes === 1 ? 8 : 16;
    } else {
      throw pixelError('PALETTE', `PALETTE COLOR image lacks the ${channel} Palette Color Lookup Table Data`, { channel });
    }
    if (lut.length === 0) throw pixelError('PALETTE', `${channel} Palette Color LUT is empty`, { channel });
    luts[channel] = lut;
  }
  const { red, green, blue } = luts as Record<Channel, Uint8Array | Uint16Array>;
  if (red.length !== green.length || red.length !== blue.length || red.BYTES_PER_ELEMENT !== green.BYTES_PER_ELEMENT || red.BYTES_PER_ELEMENT !== blue.BYTES_PER_ELEMENT) {
    throw pixelError('PALETTE', 'Red, green and blue Palette Color LUTs differ in length or entry size', {
      lengths: [red.length, green.length, blue.length],
    });
  }
  return { red, green, blue, firstMapped, bits };
}

/**
 * Maps stored values through the palette to interleaved RGB: values below the first mapped
 * value use entry 0, values past the end use the last entry. Output is `Uint8Array` for
 * 8-bit LUTs and `Uint16Array` for 16-bit ones.
 */
export function applyPalette(indices: PixelArray, lut: PaletteLut): Uint8Array | Uint16Array {
  const out = lut.bits === 8 ? new Uint8Array(indices.length * 3) : new Uint16Array(indices.length * 3);
  const last = lut.red.length - 1;
  for (let i = 0; i < indices.length; i++) {
    let k = indices[i]! - lut.firstMapped;
    k = k < 0 ? 0 : k > last ? last : k;
    out[3 * i] = lut.red[k]!;
    out[3 * i + 1] = lut.green[k]!;
    out[3 * i + 2] = lut.blue[k]!;
  }
  return out;
}

function entryCount(descriptor: PaletteDescriptor): number {
  const n = descriptor[0];
  return n === 0 ? 65536 : n < 0 ? n + 65536 : n;
}

function wordsOf(bytes: Uint8Array): Uint16Array {
  const words = new Uint16Array(bytes.length >>> 1);
  for (let i = 0; i < words.length; i++) words[i] = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
  return words;
}
