import { closeSync } from 'node:fs';
import { Tag } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import { FileWindow } from './byte-window.js';
import type { DataSet } from './data-set.js';
import { elementLayout, PIXEL_DATA, readElementHeader } from './element-header.js';
import { scanFragments, tableFrameFragments, type PixelSequence } from './fragment-index.js';
import { parseError } from './parse-error.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse-limits.js';
import { readInflated } from './deflated-object.js';
import { inflateDataset } from './inflate-dataset.js';
import type { DicomFile } from './parse-part10.js';
import { readPreface } from './read-preface.js';
import { pixelDataSourceOf, pixelDescriptionOf, readFrame } from './pixel-access.js';
import { encapsulatedFrameBytes } from './pixels/encapsulated-frame.js';
import { pixelError } from './pixels/pixel-error.js';
import { getFrame } from './pixels/get-frame.js';
import { storedSamplesPerFrame } from './pixels/pixel-layout.js';
import type { Frame, GetFrameOptions, PixelDataSource, PixelDescription } from './pixels/pixel-types.js';

type EncapsulatedSource = Extract<PixelDataSource, { kind: 'encapsulated' }>;
import { readHeader } from './read-dicom-header.js';
import { openRegularFile } from './regular-file.js';
import type { TransferSyntaxInfo } from './transfer-syntax.js';

/** An image's attributes and its frames, decoded one at a time. */
export interface ImageSource {
  /** The data set (without Pixel Data when the image is read from a file). */
  readonly dataset: DataSet;
  readonly transferSyntax: TransferSyntaxInfo;
  /** Frame `index` (from 0): see {@link getFrame}. */
  frame(index: number, options?: GetFrameOptions): Promise<Frame>;
}

/** The frames of a file parsed into memory. */
export function imageSourceOf(file: DicomFile): ImageSource {
  return {
    dataset: file.dataset,
    transferSyntax: file.transferSyntax,
    frame: (index, options) => readFrame(file, index, options),
  };
}

/** An image file open for frame access ({@link openImageFile}). */
export interface ImageFile extends ImageSource {
  /** Bytes read from the file so far. */
  readonly bytesRead: number;
  /**
   * Frame `index` (from 0) as stored, not decoded: for encapsulated Pixel Data its fragments'
   * values concatenated (one codestream), for native Pixel Data its bits (in the file's byte
   * order; a frame of 1-bit samples that starts inside a byte is moved to bit 0). Reads only
   * that frame's bytes. Throws ATRIUM_ERR_PIXELS_FRAME_INDEX / ATRIUM_ERR_PIXEL_NO_DATA.
   */
  storedFrame(index: number): Uint8Array;
  close(): void;
}

/** Pixel access to an image: its decoded frames and its stored frame bytes. */
interface PixelAccess {
  readonly frame: ImageSource['frame'];
  readonly stored: ImageFile['storedFrame'];
}

/**
 * Opens an image file for frame access without reading it whole: the header (everything
 * before Pixel Data) is parsed within `limits`; a frame reads only its own bytes — for
 * native Pixel Data the frame's range, for encapsulated Pixel Data the fragments the
 * Extended or Basic Offset Table gives it, or, without a usable table, the fragments
 * found by a scan of the fragment headers (PS3.5 A.4). A deflated data set is inflated as
 * a stream: parsed whole when it is held in memory, else read as above from the temporary
 * file in `tempDir` it went to (see inflateDataset), released by `close`.
 */
export function openImageFile(path: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS, tempDir?: string): ImageFile {
  const { fd, size } = openRegularFile(path);
  const window = new FileWindow(fd, size);
  const closing: (() => void)[] = [() => closeSync(fd)];
  const close = (): void => closing.splice(0).forEach((c) => c());
  try {
    const preface = readPreface(window);
    let pixels = window;
    let header: DicomFile;
    if (preface.transferSyntax.deflated) {
      const inflated = inflateDataset(window, preface.datasetStart, { maxBytes: limits.maxInflatedBytes, ...(tempDir ? { tempDir } : {}) });
      closing.push(() => inflated.close());
      // In memory: parsed whole. In a temporary file: its header, the frames read from the file.
      header = readInflated(preface, inflated, { limits, objectBytes: size, headerOnly: inflated.bytes === undefined });
      if (!inflated.bytes) pixels = inflated.window;
    } else {
      header = readHeader(window, undefined, limits);
    }
    const access = header.stoppedAt === undefined ? memoryPixels(header) : pixelFrames(pixels, header, header.stoppedAt, limits);
    return { dataset: header.dataset, transferSyntax: header.transferSyntax, frame: access.frame, storedFrame: access.stored, close, get bytesRead() { return window.bytesRead; } };
  } catch (e) {
    close();
    throw e;
  }
}

/** Pixel access to a file parsed into memory (deflated, or a header parse that did not stop at Pixel Data). */
function memoryPixels(file: DicomFile): PixelAccess {
  return {
    frame: imageSourceOf(file).frame,
    stored: (index) => {
      const desc = pixelDescriptionOf(file.dataset, file.transferSyntax.uid);
      const source = pixelDataSourceOf(file.dataset, file.transferSyntax);
      if (source.kind === 'encapsulated') return encapsulatedFrameBytes(source, index, desc.numberOfFrames);
      return nativeFrameBits(desc, index, source.bytes.length, (from, length) => source.bytes.subarray(from, from + length));
    },
  };
}

/** Frame access to the Pixel Data element at `offset` (where the header parse stopped). */
function pixelFrames(window: FileWindow, header: DicomFile, offset: number, limits: ParseLimits): PixelAccess {
  const ts = header.transferSyntax;
  const b = window.bytes(offset, 12);
  const h = readElementHeader(b, new DataView(b.buffer, b.byteOffset, b.length), 0, b.length, ts, false, [], offset);
  if (h.tag !== PIXEL_DATA) {
    const none = (): AtriumError => new AtriumError('ATRIUM_ERR_PIXEL_NO_DATA', 'the dataset has no Pixel Data (7FE0,0010)');
    return { frame: () => Promise.reject(none()), stored: () => { throw none(); } };
  }
  const valueOffset = offset + h.headerLength;
  if (elementLayout(h, ts, 0, [], offset).kind === 'encapsulated') {
    const pixels: PixelSequence = { window, start: valueOffset, littleEndian: ts.littleEndian, ds: header.dataset };
    let all: ReturnType<typeof scanFragments> | undefined;
    const source = (index: number): { source: EncapsulatedSource; index: number; frames: number } => {
      const desc = pixelDescriptionOf(header.dataset, ts.uid);
      const one = tableFrameFragments(pixels, index, desc.numberOfFrames);
      if (one) return { source: one, index: 0, frames: 1 };
      all ??= scanFragments(pixels, limits);
      return { source: all, index, frames: desc.numberOfFrames };
    };
    return {
      frame: (index, options) => {
        const s = source(index);
        return getFrame({ ...pixelDescriptionOf(header.dataset, ts.uid), numberOfFrames: s.frames }, s.source, s.index, options);
      },
      stored: (index) => {
        const s = source(index);
        return encapsulatedFrameBytes(s.source, s.index, s.frames);
      },
    };
  }
  if (h.length > window.size - valueOffset) throw parseError('TRUNCATED', `value length ${h.length} runs past the end of the data (${window.size - valueOffset} bytes left)`, [Tag.PixelData], offset);
  return {
    frame: (index, options) => {
      const desc = pixelDescriptionOf(header.dataset, ts.uid);
      const { from, to } = frameByteRange(desc, index, h.length);
      const source = { kind: 'native' as const, bytes: window.read(valueOffset + from, to - from), byteOffset: from, valueLength: h.length, bigEndian: !ts.littleEndian, vr: h.vr === 'OB' ? ('OB' as const) : ('OW' as const) };
      return getFrame(desc, source, index, options);
    },
    stored: (index) => nativeFrameBits(pixelDescriptionOf(header.dataset, ts.uid), index, h.length, (from, length) => window.read(valueOffset + from, length)),
  };
}

/** The bits of native frame `index` of a value of `valueLength` bytes, read through `read`; moved to bit 0 when the frame starts inside a byte. */
function nativeFrameBits(desc: PixelDescription, index: number, valueLength: number, read: (from: number, length: number) => Uint8Array): Uint8Array {
  const bits = storedSamplesPerFrame(desc) * desc.bitsAllocated;
  const frames = Math.floor((valueLength * 8) / bits);
  if (!Number.isInteger(index) || index < 0 || index >= Math.min(frames, desc.numberOfFrames)) {
    throw pixelError('FRAME_INDEX', `Frame ${index} does not exist; the Pixel Data holds ${Math.min(frames, desc.numberOfFrames)} whole frame(s)`, { index, frames });
  }
  const start = index * bits;
  const bytes = read(Math.floor(start / 8), Math.ceil((start + bits) / 8) - Math.floor(start / 8));
  const shift = start % 8;
  if (shift === 0) return bytes;
  const out = new Uint8Array(Math.ceil(bits / 8));
  for (let i = 0; i < out.length; i++) out[i] = ((bytes[i]! >> shift) | (bytes[i + 1] ?? 0) << (8 - shift)) & 0xff;
  return out;
}

/** The bytes of native frame `index` within the value, widened to multiples of 8 (byte-swapped words stay whole). */
function frameByteRange(desc: PixelDescription, index: number, valueLength: number): { from: number; to: number } {
  const bits = storedSamplesPerFrame(desc) * desc.bitsAllocated;
  const clamp = (n: number): number => Math.max(0, Math.min(valueLength, n));
  const first = Number.isInteger(index) && index >= 0 ? index : 0;
  return { from: clamp(Math.floor((first * bits) / 64) * 8), to: clamp(Math.ceil(((first + 1) * bits) / 64) * 8) };
}
