import { pixelError } from '../pixel-error.js';

/**
 * Encodes one frame as RLE Lossless (PS3.5 Annex G): one PackBits segment per byte plane,
 * most significant byte of sample 0 first, each row encoded separately (G.3.1), each segment
 * padded to even length. `samples` is pixel-interleaved little-endian, `width` bytes per sample.
 */
export function rleEncode(samples: Uint8Array, rows: number, columns: number, samplesPerPixel: number, width: 1 | 2 | 4): Uint8Array {
  const segmentCount = samplesPerPixel * width;
  if (segmentCount > 15) throw pixelError('UNSUPPORTED', `RLE allows 15 segments; ${samplesPerPixel} x ${width} bytes need ${segmentCount}`, {});
  const stride = segmentCount;
  if (samples.length !== rows * columns * stride) {
    throw pixelError('BAD_DESCRIPTION', `RLE encoder got ${samples.length} bytes for ${rows}x${columns}x${stride}`, {});
  }
  const segments: Uint8Array[] = [];
  const row = new Uint8Array(columns);
  for (let s = 0; s < segmentCount; s++) {
    const sample = Math.floor(s / width);
    const byteInSample = width - 1 - (s % width);
    const out = new PackBitsWriter(rows * (columns + Math.ceil(columns / 64) + 2) + 1);
    for (let r = 0; r < rows; r++) {
      let o = (r * columns) * stride + sample * width + byteInSample;
      for (let c = 0; c < columns; c++, o += stride) row[c] = samples[o]!;
      out.packRow(row);
    }
    segments.push(out.finish());
  }
  const total = 64 + segments.reduce((n, seg) => n + seg.length, 0);
  const frame = new Uint8Array(total);
  const view = new DataView(frame.buffer);
  view.setUint32(0, segmentCount, true);
  let at = 64;
  segments.forEach((seg, s) => {
    view.setUint32(4 + 4 * s, at, true);
    frame.set(seg, at);
    at += seg.length;
  });
  return frame;
}

class PackBitsWriter {
  private readonly buf: Uint8Array;
  private n = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }

  /** Replicate runs of 3+ bytes (or 2 when no literal is pending), literal runs otherwise; at most 128 per run. */
  packRow(row: Uint8Array): void {
    let i = 0;
    let literalStart = -1;
    while (i < row.length) {
      let run = 1;
      while (i + run < row.length && run < 128 && row[i + run] === row[i]) run++;
      if (run >= 3 || (run === 2 && literalStart < 0)) {
        if (literalStart >= 0) this.literal(row, literalStart, i);
        literalStart = -1;
        this.buf[this.n++] = 257 - run;
        this.buf[this.n++] = row[i]!;
        i += run;
      } else {
        if (literalStart < 0) literalStart = i;
        i++;
        if (i - literalStart === 128) {
          this.literal(row, literalStart, i);
          literalStart = -1;
        }
      }
    }
    if (literalStart >= 0) this.literal(row, literalStart, row.length);
  }

  private literal(row: Uint8Array, from: number, to: number): void {
    this.buf[this.n++] = to - from - 1;
    for (let k = from; k < to; k++) this.buf[this.n++] = row[k]!;
  }

  finish(): Uint8Array {
    if (this.n & 1) this.buf[this.n++] = 0; // even-length segment; 0x00 is a harmless trailing header
    return this.buf.slice(0, this.n);
  }
}
