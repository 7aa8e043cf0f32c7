import { pixelError } from '../pixel-error.js';

/** Round half to even, as numpy's `around` does. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Expands Segmented Palette Color LUT data (PS3.3 C.7.9.2) given as its entries (16-bit
 * words, or bytes for 8-bit LUTs): discrete (opcode 0), linear (1, interpolated from the
 * previous value and rounded half to even) and indirect (2, byte offset into the data)
 * segments, whose offset is taken as an entry index. `wordBytes` is 2 for 16-bit and 1 for
 * 8-bit entries.
 */
export function expandSegmentedLut(
  data: ArrayLike<number>,
  wordBytes: 1 | 2,
  maxSegments = Infinity,
  lastValue?: number,
  start = 0,
  depth = 0,
): number[] {
  const lut: number[] = [];
  let offset = start;
  let segments = 0;
  const at = (i: number): number => {
    const v = data[i];
    if (v === undefined) throw pixelError('PALETTE', `Segmented palette LUT data ends inside a segment at entry ${i}`, { entry: i });
    return v;
  };
  while (offset + 1 < data.length && segments < maxSegments) {
    const opcode = at(offset);
    const length = at(offset + 1);
    offset += 2;
    if (opcode === 0) {
      for (let i = 0; i < length; i++) lut.push(at(offset + i));
      offset += length;
    } else if (opcode === 1) {
      const y0 = lut.length > 0 ? lut[lut.length - 1]! : lastValue;
      if (y0 === undefined) throw pixelError('PALETTE', 'Segmented palette LUT starts with a linear segment', {});
      const y1 = at(offset);
      offset += 1;
      const step = (y1 - y0) / length;
      for (let i = 1; i <= length; i++) lut.push(y0 === y1 ? y1 : roundHalfEven(y0 + step * i));
    } else if (opcode === 2) {
      if (lut.length === 0 && lastValue === undefined) {
        throw pixelError('PALETTE', 'Segmented palette LUT starts with an indirect segment', {});
      }
      if (depth > 8) throw pixelError('PALETTE', 'Segmented palette LUT indirect segments nest too deeply', {});
      // 32-bit offset, least significant 16-bit word first; used as an entry index into the
      // data, as pydicom and GDCM do.
      let target: number;
      if (wordBytes === 1) {
        target = ((at(offset + 3) << 8) | at(offset + 2)) * 65536 + ((at(offset + 1) << 8) | at(offset));
        offset += 4;
      } else {
        target = at(offset + 1) * 65536 + at(offset);
        offset += 2;
      }
      const prev = lut.length > 0 ? lut[lut.length - 1] : lastValue;
      lut.push(...expandSegmentedLut(data, wordBytes, length, prev, target, depth + 1));
    } else {
      throw pixelError('PALETTE', `Segmented palette LUT has unknown segment type ${opcode} at entry ${offset - 2}`, {
        opcode,
        entry: offset - 2,
      });
    }
    segments++;
  }
  return lut;
}
