import { deflateSync } from 'node:zlib';
import { concatBytes } from '../io/concat-bytes.js';

/** An 8-bit image, pixel-interleaved, row-major. */
export interface Image8 {
  readonly width: number;
  readonly height: number;
  /** 1: greyscale, 3: RGB. */
  readonly channels: 1 | 3;
  /** width × height × channels bytes. */
  readonly data: Uint8Array;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * A PNG file (ISO/IEC 15948) of an 8-bit greyscale or RGB image: IHDR (bit depth 8, colour
 * type 0 or 2, no interlace), one zlib IDAT, IEND. Each row gets the filter (None, Sub, Up,
 * Average or Paeth) with the smallest sum of absolute differences, the usual heuristic.
 * Throws a RangeError when the sizes and the data disagree.
 */
export function encodePng(image: Image8): Uint8Array {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 0x7fffffff || height > 0x7fffffff) {
    throw new RangeError(`encodePng: width and height must be whole numbers ≥ 1, got ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 3) throw new RangeError(`encodePng: channels must be 1 or 3, got ${String(channels)}`);
  if (data.length !== width * height * channels) throw new RangeError(`encodePng: ${width}×${height}×${channels} needs ${width * height * channels} bytes, got ${data.length}`);
  const stride = width * channels;
  const filtered = new Uint8Array((stride + 1) * height);
  const candidate = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = data.subarray(y * stride, (y + 1) * stride);
    const prior = y > 0 ? data.subarray((y - 1) * stride, y * stride) : undefined;
    let best = -1;
    let bestCost = Infinity;
    for (let type = 0; type <= 4; type++) {
      const cost = filterRow(type, row, prior, channels, candidate);
      if (cost < bestCost) {
        bestCost = cost;
        best = type;
        filtered[y * (stride + 1)] = type;
        filtered.set(candidate, y * (stride + 1) + 1);
      }
    }
    if (best < 0) throw new Error('encodePng: no filter chosen');
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = channels === 1 ? 0 : 2; // colour type: greyscale or truecolour
  // compression 0, filter method 0, interlace 0
  return concatBytes([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(filtered, { level: 6 })), chunk('IEND', new Uint8Array(0))]);
}

/** Filter one row with `type` into `out`; returns the sum of |signed byte| (the cost). */
function filterRow(type: number, row: Uint8Array, prior: Uint8Array | undefined, bpp: number, out: Uint8Array): number {
  let cost = 0;
  for (let i = 0; i < row.length; i++) {
    const x = row[i]!;
    const a = i >= bpp ? row[i - bpp]! : 0;
    const b = prior ? prior[i]! : 0;
    const c = prior && i >= bpp ? prior[i - bpp]! : 0;
    let predictor = 0;
    if (type === 1) predictor = a;
    else if (type === 2) predictor = b;
    else if (type === 3) predictor = (a + b) >>> 1;
    else if (type === 4) predictor = paeth(a, b, c);
    const v = (x - predictor) & 0xff;
    out[i] = v;
    cost += v < 128 ? v : 256 - v;
  }
  return cost;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, polynomial 0xEDB88320), as PNG chunks need it. */
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
