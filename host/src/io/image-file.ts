import { closeSync, openSync } from 'node:fs';
import { Tag } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import { FileWindow } from './byte-window.js';
import type { DataSet } from './data-set.js';
import { elementLayout, PIXEL_DATA, readElementHeader } from './element-header.js';
import { scanFragments, tableFrameFragments, type PixelSequence } from './fragment-index.js';
import { parseError } from './parse-error.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse-limits.js';
import { parseDicom, type DicomFile } from './parse-part10.js';
import { pixelDescriptionOf, readFrame } from './pixel-access.js';
import { getFrame } from './pixels/get-frame.js';
import { storedSamplesPerFrame } from './pixels/pixel-layout.js';
import type { Frame, GetFrameOptions, PixelDescription } from './pixels/pixel-types.js';
import { readHeader } from './read-dicom-header.js';
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
  close(): void;
}

/**
 * Opens an image file for frame access without reading it whole: the header (everything
 * before Pixel Data) is parsed within `limits`; a frame reads only its own bytes — for
 * native Pixel Data the frame's range, for encapsulated Pixel Data the fragments the
 * Extended or Basic Offset Table gives it, or, without a usable table, the fragments
 * found by a scan of the fragment headers (PS3.5 A.4). A deflated file is parsed whole.
 */
export function openImageFile(path: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ImageFile {
  const fd = openSync(path, 'r');
  const window = new FileWindow(fd);
  const close = (): void => closeSync(fd);
  try {
    const header = readHeader(window, undefined, limits);
    const inMemory = header.transferSyntax.deflated ? imageSourceOf(parseDicom(window.read(0, window.size), { limits })) : undefined;
    const frames = inMemory?.frame ?? (header.stoppedAt === undefined ? imageSourceOf(header).frame : pixelFrames(window, header, header.stoppedAt, limits));
    return { dataset: inMemory?.dataset ?? header.dataset, transferSyntax: header.transferSyntax, frame: frames, close, get bytesRead() { return window.bytesRead; } };
  } catch (e) {
    close();
    throw e;
  }
}

/** Frame access to the Pixel Data element at `offset` (where the header parse stopped). */
function pixelFrames(window: FileWindow, header: DicomFile, offset: number, limits: ParseLimits): ImageSource['frame'] {
  const ts = header.transferSyntax;
  const b = window.bytes(offset, 12);
  const h = readElementHeader(b, new DataView(b.buffer, b.byteOffset, b.length), 0, b.length, ts, false, [], offset);
  if (h.tag !== PIXEL_DATA) return () => Promise.reject(new AtriumError('ATRIUM_ERR_PIXEL_NO_DATA', 'the dataset has no Pixel Data (7FE0,0010)'));
  const valueOffset = offset + h.headerLength;
  if (elementLayout(h, ts, 0, [], offset).kind === 'encapsulated') {
    const pixels: PixelSequence = { window, start: valueOffset, littleEndian: ts.littleEndian, ds: header.dataset };
    let all: ReturnType<typeof scanFragments> | undefined;
    return (index, options) => {
      const desc = pixelDescriptionOf(header.dataset, ts.uid);
      const one = tableFrameFragments(pixels, index, desc.numberOfFrames);
      if (one) return getFrame({ ...desc, numberOfFrames: 1 }, one, 0, options);
      all ??= scanFragments(pixels, limits);
      return getFrame(desc, all, index, options);
    };
  }
  if (h.length > window.size - valueOffset) throw parseError('TRUNCATED', `value length ${h.length} runs past the end of the data (${window.size - valueOffset} bytes left)`, [Tag.PixelData], offset);
  return (index, options) => {
    const desc = pixelDescriptionOf(header.dataset, ts.uid);
    const { from, to } = frameByteRange(desc, index, h.length);
    const source = { kind: 'native' as const, bytes: window.read(valueOffset + from, to - from), byteOffset: from, valueLength: h.length, bigEndian: !ts.littleEndian, vr: h.vr === 'OB' ? ('OB' as const) : ('OW' as const) };
    return getFrame(desc, source, index, options);
  };
}

/** The bytes of native frame `index` within the value, widened to multiples of 8 (byte-swapped words stay whole). */
function frameByteRange(desc: PixelDescription, index: number, valueLength: number): { from: number; to: number } {
  const bits = storedSamplesPerFrame(desc) * desc.bitsAllocated;
  const clamp = (n: number): number => Math.max(0, Math.min(valueLength, n));
  const first = Number.isInteger(index) && index >= 0 ? index : 0;
  return { from: clamp(Math.floor((first * bits) / 64) * 8), to: clamp(Math.ceil(((first + 1) * bits) / 64) * 8) };
}
