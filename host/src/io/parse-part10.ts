import { inflateRawSync } from 'node:zlib';
import { Tag, TransferSyntax } from '@atrium/sdk';
import type { DataSet } from './data-set.js';
import { parseDataset } from './parse-dataset.js';
import { knownTransferSyntax } from './known-transfer-syntax.js';
import { parseError } from './parse-error.js';
import { DEFAULT_PARSE_LIMITS, limitError, type ParseLimits } from './parse-limits.js';
import { EXPLICIT_BE, EXPLICIT_LE, IMPLICIT_LE, transferSyntaxInfo, type DatasetEncoding, type TransferSyntaxInfo } from './transfer-syntax.js';
import { hasLongHeader, isKnownVr } from './vr.js';

/** A parsed DICOM file or bare dataset, with what is needed to write it back unchanged. */
export interface DicomFile {
  /** The 128-byte preamble, when the stream had one ("DICM" at offset 128). */
  readonly preamble?: Uint8Array;
  /** Whether the stream had the "DICM" prefix. */
  readonly hasPrefix: boolean;
  /** File Meta Information (group 0002), when present. */
  readonly meta?: DataSet;
  /** The dataset (without group 0002). */
  readonly dataset: DataSet;
  /** The transfer syntax of the dataset (from the meta, or detected for a bare dataset). */
  readonly transferSyntax: TransferSyntaxInfo;
  /** The stream had no file meta: the transfer syntax was detected from the bytes. */
  readonly transferSyntaxDetected: boolean;
  /** Bytes after the dataset that are not elements (zero padding), kept for fidelity. */
  readonly trailing: Uint8Array;
  /** Whether a header-only parse stopped before Pixel Data. */
  readonly stoppedAtPixelData: boolean;
  /** The raw (inflated, for deflated syntaxes) bytes of the dataset. */
  readonly datasetBytes: Uint8Array;
  /**
   * Where a header-only parse stopped: the byte offset of the first element not read
   * (Pixel Data or what follows it) — in the file, or for a deflated data set in its
   * inflated bytes.
   */
  readonly stoppedAt?: number;
}

/** Options of {@link parseDicom}. */
export interface ParseDicomOptions {
  /** Stop before Pixel Data (7FE0,0010): the header-only parse used for indexing. */
  readonly headerOnly?: boolean;
  /** Transfer syntax of a bare dataset without file meta; detected when omitted. */
  readonly transferSyntaxUID?: string;
  /** What may be built in memory (default {@link DEFAULT_PARSE_LIMITS}). */
  readonly limits?: ParseLimits;
  /** Size of the whole file when `bytes` holds only its start (a header-only read); default `bytes.length`. */
  readonly objectBytes?: number;
}

/**
 * Parse a Part 10 file (PS3.10 §7.1) or a bare dataset, with or without preamble and
 * file meta, in Implicit VR LE, Explicit VR LE / BE, Deflated Explicit VR LE or any
 * encapsulated syntax. Throws AtriumError ATRIUM_ERR_PARSE_* naming the tag and offset.
 * A deflated data set is inflated whole in memory (up to `maxInflatedBytes`): what must stay
 * within bounded memory whatever it inflates to reads with parseDicomBounded.
 */
export function parseDicom(bytes: Uint8Array, options: ParseDicomOptions = {}): DicomFile {
  const preface = parsePreface(bytes, options.transferSyntaxUID);
  const limits = options.limits ?? DEFAULT_PARSE_LIMITS;
  const objectBytes = options.objectBytes ?? bytes.length;
  if (!preface.transferSyntax.deflated) return parseAfterPreface(preface, bytes, { ...options, limits, objectBytes });
  return parseAfterPreface(preface, inflate(bytes.subarray(preface.datasetStart), preface.datasetStart, limits.maxInflatedBytes), { ...options, limits, objectBytes });
}

/**
 * The {@link DicomFile} of the data set behind `preface`: in `source` from the preface's
 * data set start, or for a deflated data set, `source` is its inflated bytes (offsets in
 * messages are then those of the inflated bytes).
 */
export function parseAfterPreface(preface: Preface, source: Uint8Array, options: ParseDicomOptions & { readonly limits: ParseLimits; readonly objectBytes: number }): DicomFile {
  const { preamble, hasPrefix, meta, transferSyntax, transferSyntaxDetected: detected, datasetStart: pos } = preface;
  const start = transferSyntax.deflated ? 0 : pos;
  if (source.length === start && !meta) throw parseError('NOT_DICOM', 'no data', [], 0);
  const parsed = parseDataset(source, transferSyntax, start, source.length, {
    ...(options.headerOnly ? { stopAtTag: Tag.PixelData } : {}),
    limits: options.limits,
    objectBytes: options.objectBytes,
  });
  if (!meta && parsed.dataset.size === 0) throw parseError('NOT_DICOM', 'no DICOM elements found', [], pos);
  return {
    ...(preamble ? { preamble } : {}),
    hasPrefix,
    ...(meta ? { meta } : {}),
    dataset: parsed.dataset,
    transferSyntax,
    transferSyntaxDetected: detected,
    trailing: parsed.stopped ? new Uint8Array(0) : source.subarray(parsed.end),
    stoppedAtPixelData: parsed.stopped,
    datasetBytes: source.subarray(start),
    ...(parsed.stopped ? { stoppedAt: parsed.end } : {}),
  };
}

/** What comes before the data set of a Part 10 file (PS3.10 §7.1), and where the data set starts. */
export interface Preface {
  readonly preamble?: Uint8Array;
  readonly hasPrefix: boolean;
  readonly meta?: DataSet;
  readonly transferSyntax: TransferSyntaxInfo;
  readonly transferSyntaxDetected: boolean;
  /** Byte offset of the data set (after the File Meta Information). */
  readonly datasetStart: number;
}

/**
 * Reads the preamble, "DICM" prefix and File Meta Information at the start of `bytes`
 * (which need hold no more than that and the first element of the data set), and the
 * transfer syntax of the data set: from the meta, `transferSyntaxUID`, or detected.
 */
export function parsePreface(bytes: Uint8Array, transferSyntaxUID?: string): Preface {
  let pos = 0;
  let preamble: Uint8Array | undefined;
  let hasPrefix = false;
  if (bytes.length >= 132 && isDicm(bytes, 128)) {
    preamble = bytes.subarray(0, 128);
    hasPrefix = true;
    pos = 132;
  } else if (isDicm(bytes, 0)) {
    hasPrefix = true;
    pos = 4;
  }
  let meta: DataSet | undefined;
  if (bytes.length - pos >= 8 && readGroup(bytes, pos, true) === 0x0002) {
    const metaEnc = looksExplicit(bytes, pos) ? EXPLICIT_LE : IMPLICIT_LE;
    const metaEnd = findGroupEnd(bytes, pos, metaEnc);
    meta = parseDataset(bytes, metaEnc, pos, metaEnd).dataset;
    pos = metaEnd;
  } else if (hasPrefix) {
    throw parseError('MALFORMED', 'DICM prefix is not followed by File Meta Information (group 0002)', [], pos);
  }
  if (meta && !meta.has(Tag.TransferSyntaxUID)) {
    throw parseError('MALFORMED', 'File Meta Information has no Transfer Syntax UID (0002,0010)', [Tag.TransferSyntaxUID], pos);
  }
  const tsSource = meta ?? transferSyntaxUID;
  const transferSyntax = tsSource !== undefined ? knownTransferSyntax(tsSource, pos) : detectEncoding(bytes, pos);
  return { ...(preamble ? { preamble } : {}), hasPrefix, ...(meta ? { meta } : {}), transferSyntax, transferSyntaxDetected: tsSource === undefined, datasetStart: pos };
}

/** Inflates a deflated data set (PS3.5 §A.5), refusing past `maxBytes` (ATRIUM_ERR_PARSE_LIMIT). */
function inflate(deflated: Uint8Array, offset: number, maxBytes: number): Uint8Array {
  try {
    return inflateRawSync(deflated, { maxOutputLength: maxBytes });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw limitError('maxInflatedBytes', maxBytes, `the deflated data set inflates to more than ${maxBytes} bytes`, [], offset);
    }
    throw parseError('MALFORMED', `deflated dataset cannot be inflated (${(cause as Error).message})`, [], offset);
  }
}

function isDicm(b: Uint8Array, at: number): boolean {
  return b[at] === 0x44 && b[at + 1] === 0x49 && b[at + 2] === 0x43 && b[at + 3] === 0x4d;
}

function readGroup(b: Uint8Array, at: number, le: boolean): number {
  return le ? (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) : ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

function looksExplicit(b: Uint8Array, at: number): boolean {
  return isKnownVr(String.fromCharCode(b[at + 4] ?? 0, b[at + 5] ?? 0));
}

/** Offset where group 0002 ends: walk its elements (no reliance on the group length). */
function findGroupEnd(b: Uint8Array, start: number, enc: DatasetEncoding): number {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = start;
  while (b.length - pos >= 8 && readGroup(b, pos, true) === 0x0002) {
    const at = pos;
    const tag = Tag.FileMetaInformationGroupLength + view.getUint16(pos + 2, true); // (0002,0000) plus the element
    if (enc.explicitVR && looksExplicit(b, pos)) {
      const vr = String.fromCharCode(b[pos + 4] ?? 0, b[pos + 5] ?? 0);
      const long = hasLongHeader(vr);
      if (long && b.length - pos < 12) throw parseError('TRUNCATED', 'element header is cut off', [tag], at);
      const len = long ? view.getUint32(pos + 8, true) : view.getUint16(pos + 6, true);
      pos += (long ? 12 : 8) + len;
    } else {
      pos += 8 + view.getUint32(pos + 4, true);
    }
    if (pos > b.length) throw parseError('TRUNCATED', 'File Meta Information runs past the end of the data', [tag], at);
  }
  return pos;
}

/** Detect the encoding of a bare dataset from its first element header (as DCMTK does). */
function detectEncoding(b: Uint8Array, at: number): TransferSyntaxInfo {
  if (b.length - at < 8) throw parseError('NOT_DICOM', 'too short to hold a DICOM element', [], at);
  const first = Math.min(readGroup(b, at, true), readGroup(b, at, false));
  // Group 0000 (command elements) never starts a stored dataset; zero bytes are not DICOM.
  if (first === 0 || first > 0x0008 || first % 2 !== 0) {
    throw parseError('NOT_DICOM', 'no DICM prefix, no File Meta Information, and the data does not start with a DICOM element', [], at);
  }
  const explicit = looksExplicit(b, at);
  const groupLE = readGroup(b, at, true);
  const groupBE = readGroup(b, at, false);
  // A plausible first group is small (0008 and the like); byte-swapped it would be large.
  const bigEndian = explicit && groupLE > 0x00ff && groupBE <= 0x00ff;
  const enc = !explicit ? IMPLICIT_LE : bigEndian ? EXPLICIT_BE : EXPLICIT_LE;
  const uid = !explicit ? TransferSyntax.ImplicitVRLittleEndian : bigEndian ? TransferSyntax.ExplicitVRBigEndian : TransferSyntax.ExplicitVRLittleEndian;
  return { ...transferSyntaxInfo(uid), ...enc };
}
