import { Tag } from '@atrium/sdk';
import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import { MemoryWindow, type ByteWindow } from './byte-window.js';
import { INFLATED_IN_MEMORY_BYTES, inflateDataset, type InflatedDataset } from './inflate-dataset.js';
import { parseDataset, type ParsedDataset } from './parse-dataset.js';
import { DEFAULT_PARSE_LIMITS, ParseBudget, type ParseLimits } from './parse-limits.js';
import { parseAfterPreface, parseDicom, parsePreface, type DicomFile, type Preface } from './parse-part10.js';
import type { DatasetEncoding } from './transfer-syntax.js';
import { walkDataset } from './walk-dataset.js';

/** Options of {@link readDeflatedObject}. */
export interface DeflatedReadOptions {
  readonly limits: ParseLimits;
  /** Size of the whole object (its file), which earns its allowance of elements (see ParseBudget). */
  readonly objectBytes: number;
  /** Read only the data set before Pixel Data (indexing, render): the rest is not walked. */
  readonly headerOnly?: boolean;
  /** Folder of the temporary file a large inflated data set goes to (see inflateDataset). */
  readonly tempDir?: string;
}

/**
 * Reads a deflated object (Deflated Explicit VR Little Endian, PS3.5 §A.5) in memory bounded
 * whatever it inflates to. The data set is inflated as a stream (see inflateDataset; past
 * `maxInflatedBytes` refused). Held in memory, it is parsed as {@link parseDicom} parses it. In a
 * temporary file, it is walked to its end there — the parser's structure checks and limits,
 * nothing built — and only its part before Pixel Data is parsed (`stoppedAtPixelData`, as for a
 * large object): at most {@link INFLATED_IN_MEMORY_BYTES} of it (ATRIUM_ERR_PARSE_LIMIT
 * `inflatedHeaderBytes` past that). Offsets in messages are those of the inflated data set.
 */
export function readDeflatedObject(source: ByteWindow, preface: Preface, options: DeflatedReadOptions): DicomFile {
  const inflated = inflateDataset(source, preface.datasetStart, { maxBytes: options.limits.maxInflatedBytes, ...(options.tempDir ? { tempDir: options.tempDir } : {}) });
  try {
    return readInflated(preface, inflated, options);
  } finally {
    inflated.close();
  }
}

/**
 * The {@link DicomFile} of a data set inflated by inflateDataset (see readDeflatedObject): parsed
 * when it is in memory; in a temporary file, walked (unless `headerOnly`) and its header parsed,
 * `stoppedAt` the offset of Pixel Data in the inflated bytes.
 */
export function readInflated(preface: Preface, inflated: InflatedDataset, options: DeflatedReadOptions): DicomFile {
  if (inflated.bytes) return parseAfterPreface(preface, inflated.bytes, options);
  if (!options.headerOnly) {
    const walk = walkDataset(inflated.window, 0, inflated.window.size, preface.transferSyntax, new ParseBudget(options.limits, options.objectBytes));
    for (let step = walk.next(); !step.done; step = walk.next());
  }
  const header = readInflatedHeader(inflated.window, preface.transferSyntax, options);
  const { preamble, hasPrefix, meta, transferSyntax, transferSyntaxDetected } = preface;
  return {
    ...(preamble ? { preamble } : {}),
    hasPrefix,
    ...(meta ? { meta } : {}),
    dataset: header.dataset,
    transferSyntax,
    transferSyntaxDetected,
    trailing: new Uint8Array(0),
    stoppedAtPixelData: header.stopped,
    datasetBytes: header.bytes.subarray(0, header.end),
    ...(header.stopped ? { stoppedAt: header.end } : {}),
  };
}

/**
 * The data set in `window` (an inflated data set, from offset 0) up to Pixel Data, parsed from
 * as few bytes as it needs (from 64 KiB, four times more at each try), at most
 * {@link INFLATED_IN_MEMORY_BYTES}: `end` is where Pixel Data starts when `stopped`.
 */
export function readInflatedHeader(window: ByteWindow, encoding: DatasetEncoding, options: Pick<DeflatedReadOptions, 'limits' | 'objectBytes'>): ParsedDataset & { readonly bytes: Uint8Array } {
  const size = window.size;
  for (let want = Math.min(size, 64 * 1024); ; want = Math.min(size, INFLATED_IN_MEMORY_BYTES, want * 4)) {
    const bytes = window.bytes(0, want);
    try {
      const parsed = parseDataset(bytes, encoding, 0, bytes.length, { stopAtTag: Tag.PixelData, limits: options.limits, objectBytes: options.objectBytes });
      if (parsed.stopped || want >= size) return { ...parsed, bytes };
    } catch (e) {
      // A cut inside the header reads as truncated: read more. A limit passed in the start is passed in the whole.
      if (want >= size || !isAtriumError(e) || e.code === 'ATRIUM_ERR_PARSE_LIMIT') throw e;
    }
    if (want >= INFLATED_IN_MEMORY_BYTES) {
      throw new AtriumError(
        'ATRIUM_ERR_PARSE_LIMIT',
        `the deflated data set holds more than ${INFLATED_IN_MEMORY_BYTES} bytes before Pixel Data, the most of it read into memory (it inflates to ${size} bytes)`,
        { limit: 'inflatedHeaderBytes', value: INFLATED_IN_MEMORY_BYTES, offset: 0 },
      );
    }
  }
}

/**
 * {@link parseDicom} of an object in memory, except that a deflated data set is read by
 * {@link readDeflatedObject}: one that inflates past {@link INFLATED_IN_MEMORY_BYTES} is walked
 * in a temporary file and only its header parsed. What the store reads what it receives with.
 */
export function parseDicomBounded(bytes: Uint8Array, options: { readonly limits?: ParseLimits; readonly tempDir?: string } = {}): DicomFile {
  const limits = options.limits ?? DEFAULT_PARSE_LIMITS;
  const preface = parsePreface(bytes);
  if (!preface.transferSyntax.deflated) return parseDicom(bytes, { limits });
  return readDeflatedObject(new MemoryWindow(bytes), preface, { limits, objectBytes: bytes.length, ...(options.tempDir ? { tempDir: options.tempDir } : {}) });
}
