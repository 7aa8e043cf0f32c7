/** What a JPEG (ISO 10918-1) or JPEG-LS (ISO 14495-1) frame header and first scan header say. */
export interface JpegHeader {
  /** SOF marker code, e.g. 0xc0 baseline, 0xc3 lossless, 0xf7 JPEG-LS. */
  sofMarker: number;
  precision: number;
  rows: number;
  columns: number;
  components: number;
  /** JPEG-LS interleave mode of the first scan (0 none, 1 line, 2 sample); undefined for JPEG. */
  interleaveMode?: number;
}

const isSof = (m: number): boolean => (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7;

/** Reads the frame header (and the first scan header) by walking the markers; undefined when there is none. */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | undefined {
  let pos = 0;
  let header: JpegHeader | undefined;
  while (pos + 1 < bytes.length) {
    if (bytes[pos] !== 0xff) return header;
    let marker = bytes[pos + 1]!;
    while (marker === 0xff && pos + 2 < bytes.length) marker = bytes[++pos + 1]!; // fill bytes
    pos += 2;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9 || pos + 1 >= bytes.length) return header;
    const length = (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (isSof(marker) && pos + 7 < bytes.length) {
      header = {
        sofMarker: marker,
        precision: bytes[pos + 2]!,
        rows: (bytes[pos + 3]! << 8) | bytes[pos + 4]!,
        columns: (bytes[pos + 5]! << 8) | bytes[pos + 6]!,
        components: bytes[pos + 7]!,
      };
    }
    if (marker === 0xda) {
      const ns = bytes[pos + 2] ?? 0;
      const ilv = bytes[pos + 3 + 2 * ns + 1];
      if (header && header.sofMarker === 0xf7 && ilv !== undefined) header.interleaveMode = ilv;
      return header;
    }
    pos += length;
  }
  return header;
}
