/** What a JPEG 2000 codestream's SIZ marker segment says (ISO 15444-1 A.5.1). */
export interface J2kHeader {
  rows: number;
  columns: number;
  components: number;
  /** Precision of component 0 in bits. */
  precision: number;
  signed: boolean;
}

const u16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const u32 = (b: Uint8Array, i: number): number => u16(b, i) * 65536 + u16(b, i + 2);

/** Reads SIZ from a raw codestream or from the `jp2c` box of a JP2 file; undefined when absent or truncated. */
export function readJ2kHeader(bytes: Uint8Array): J2kHeader | undefined {
  const start = codestreamStart(bytes);
  if (start === undefined || bytes.length < start + 44) return undefined;
  if (u16(bytes, start) !== 0xff4f || u16(bytes, start + 2) !== 0xff51) return undefined;
  const siz = start + 4;
  const xsiz = u32(bytes, siz + 4);
  const ysiz = u32(bytes, siz + 8);
  const xosiz = u32(bytes, siz + 12);
  const yosiz = u32(bytes, siz + 16);
  const csiz = u16(bytes, siz + 36);
  const ssiz = bytes[siz + 38]!;
  return { columns: xsiz - xosiz, rows: ysiz - yosiz, components: csiz, precision: (ssiz & 0x7f) + 1, signed: (ssiz & 0x80) !== 0 };
}

function codestreamStart(bytes: Uint8Array): number | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0x4f) return 0;
  // JP2: walk top-level boxes to the contiguous codestream box 'jp2c'.
  let pos = 0;
  while (pos + 8 <= bytes.length) {
    let length = u32(bytes, pos);
    const type = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!, bytes[pos + 6]!, bytes[pos + 7]!);
    let header = 8;
    if (length === 1) {
      if (pos + 16 > bytes.length) return undefined;
      length = u32(bytes, pos + 8) * 2 ** 32 + u32(bytes, pos + 12);
      header = 16;
    }
    if (type === 'jp2c') return pos + header;
    if (length === 0 || length < header) return undefined;
    pos += length;
  }
  return undefined;
}
