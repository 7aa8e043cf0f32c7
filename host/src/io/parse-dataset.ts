import { lookupTag } from '@atrium/sdk';
import { DataSet } from './data-set.js';
import { UNDEFINED_LENGTH, type DataElement, type SequenceItem } from './data-element.js';
import { formatTag, parseError } from './parse-error.js';
import { IMPLICIT_LE, type DatasetEncoding } from './transfer-syntax.js';
import { hasLongHeader, isKnownVr } from './vr.js';

const ITEM = 0xfffee000;
const ITEM_DELIMITATION = 0xfffee00d;
const SEQUENCE_DELIMITATION = 0xfffee0dd;
const PIXEL_DATA = 0x7fe00010;
const PIXEL_REPRESENTATION = 0x00280103;
const MAX_DEPTH = 64;

/** Options of {@link parseDataset}. */
export interface ParseDatasetOptions {
  /** Stop before this top-level tag (exclusive), e.g. Pixel Data for a header-only parse. */
  readonly stopAtTag?: number;
  /** The Specific Character Set inherited from an enclosing dataset. */
  readonly characterSet?: readonly string[];
}

/** Result of {@link parseDataset}. */
export interface ParsedDataset {
  readonly dataset: DataSet;
  /** Offset just after the last element read (where `stopAtTag` stopped, or the end). */
  readonly end: number;
  /** Whether the parse stopped early at `stopAtTag`. */
  readonly stopped: boolean;
}

/**
 * Parse a bare dataset from `bytes[start, end)` in the given encoding, keeping every
 * element's raw bytes (full fidelity). Throws an AtriumError (ATRIUM_ERR_PARSE_*) that
 * names the tag path and byte offset on malformed or truncated input.
 */
export function parseDataset(
  bytes: Uint8Array,
  encoding: DatasetEncoding,
  start = 0,
  end = bytes.length,
  options: ParseDatasetOptions = {},
): ParsedDataset {
  const reader = new DatasetReader(bytes);
  return reader.readTopLevel(start, end, encoding, options);
}

class DatasetReader {
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  readTopLevel(start: number, end: number, enc: DatasetEncoding, options: ParseDatasetOptions): ParsedDataset {
    const r = this.readElements(start, end, enc, options.characterSet ?? [], [], 0, false, false, options.stopAtTag);
    return { dataset: r.dataset, end: r.pos, stopped: r.stopped };
  }

  /**
   * Read elements from `pos` until `end` or, with `untilItemEnd`, an Item Delimitation Item.
   */
  private readElements(
    pos: number,
    end: number,
    enc: DatasetEncoding,
    characterSet: readonly string[],
    path: readonly number[],
    depth: number,
    untilItemEnd: boolean,
    signedPixels: boolean,
    stopAtTag?: number,
  ): { dataset: DataSet; pos: number; stopped: boolean } {
    if (depth > MAX_DEPTH) throw parseError('MALFORMED', `sequences nested deeper than ${MAX_DEPTH}`, path, pos);
    const elements: DataElement[] = [];
    let charset = characterSet;
    let signed = signedPixels;
    let stopped = false;
    while (pos < end) {
      if (end - pos < 8) {
        // Trailing padding shorter than an element header: only zero bytes are tolerated.
        if (untilItemEnd) throw parseError('TRUNCATED', 'item ends without an Item Delimitation Item', path, pos);
        if (this.bytes.subarray(pos, end).every((b) => b === 0) && depth === 0) break;
        throw parseError('TRUNCATED', `${end - pos} trailing bytes are too short for an element header`, path, pos);
      }
      const tag = this.readTag(pos, enc.littleEndian);
      if (tag === ITEM_DELIMITATION) {
        if (!untilItemEnd) throw parseError('MALFORMED', 'Item Delimitation Item outside an item of undefined length', path, pos);
        return { dataset: new DataSet(elements, enc, characterSet), pos: pos + 8, stopped };
      }
      if (stopAtTag !== undefined && depth === 0 && tag >= stopAtTag) {
        stopped = true;
        break;
      }
      const read = this.readElement(pos, end, enc, charset, path, depth, signed);
      elements.push(read.element);
      if (tag === 0x00080005) charset = new DataSet([read.element], enc).characterSet;
      if (tag === PIXEL_REPRESENTATION && read.element.value.length >= 2) {
        signed = new DataView(read.element.value.buffer, read.element.value.byteOffset, 2).getUint16(0, enc.littleEndian) === 1;
      }
      pos = read.pos;
    }
    if (untilItemEnd) throw parseError('TRUNCATED', 'item of undefined length has no Item Delimitation Item', path, pos);
    return { dataset: new DataSet(elements, enc, characterSet), pos, stopped };
  }

  private readTag(pos: number, le: boolean): number {
    return this.view.getUint16(pos, le) * 0x10000 + this.view.getUint16(pos + 2, le);
  }

  private readElement(
    start: number,
    end: number,
    enc: DatasetEncoding,
    charset: readonly string[],
    parentPath: readonly number[],
    depth: number,
    signedPixels: boolean,
  ): { element: DataElement; pos: number } {
    const le = enc.littleEndian;
    const tag = this.readTag(start, le);
    const path = [...parentPath, tag];
    let pos = start + 4;
    let vr: string;
    let length: number;
    let rawVr: Uint8Array | undefined;
    const c0 = this.bytes[pos] ?? 0;
    const c1 = this.bytes[pos + 1] ?? 0;
    const vrText = String.fromCharCode(c0, c1);
    if (enc.explicitVR && (tag >>> 16) !== 0xfffe && isKnownVr(vrText)) {
      vr = vrText;
      if (hasLongHeader(vr)) {
        if (end - pos < 8) throw parseError('TRUNCATED', 'element header is cut off', path, start);
        length = this.view.getUint32(pos + 4, le);
        pos += 8;
      } else {
        length = this.view.getUint16(pos + 2, le);
        pos += 4;
      }
    } else {
      // Implicit VR, delimiters, or an explicit-VR stream with an invalid VR (read as implicit).
      if (enc.explicitVR && (tag >>> 16) !== 0xfffe) rawVr = this.bytes.slice(pos, pos + 2);
      vr = rawVr ? 'UN' : implicitVr(tag, signedPixels);
      length = this.view.getUint32(pos, le);
      pos += 4;
      if (rawVr) {
        // Invalid VR bytes followed by a 16-bit length is what such writers produce; keep the bytes.
        length = this.view.getUint16(pos - 2, le);
      }
    }
    if (length === UNDEFINED_LENGTH) {
      if (tag === PIXEL_DATA && depth === 0 && vr !== 'SQ') return this.readEncapsulated(pos, end, enc, vr, path);
      if (vr === 'SQ' || vr === 'UN' || implicitVr(tag) === 'SQ' || !enc.explicitVR) {
        const itemsEnc = vr === 'UN' && enc.explicitVR ? IMPLICIT_LE : enc;
        const r = this.readItems(pos, end, itemsEnc, charset, path, depth, true, signedPixels);
        const element: DataElement = {
          tag,
          vr: vr === 'UN' ? 'UN' : 'SQ',
          value: new Uint8Array(0),
          items: r.items,
          undefinedLength: true,
          ...(itemsEnc !== enc ? { itemsImplicit: true } : {}),
        };
        return { element, pos: r.pos };
      }
      throw parseError('MALFORMED', `undefined length is not allowed for VR ${vr}`, path, start);
    }
    if (length > end - pos) {
      throw parseError('TRUNCATED', `value length ${length} runs past the end of the data (${end - pos} bytes left)`, path, start);
    }
    if (vr === 'SQ') {
      const r = this.readItems(pos, pos + length, enc, charset, path, depth, false, signedPixels);
      return { element: { tag, vr, value: new Uint8Array(0), items: r.items, undefinedLength: false }, pos: pos + length };
    }
    const value = this.bytes.subarray(pos, pos + length);
    const element: DataElement = rawVr ? { tag, vr, value, undefinedLength: false, rawVr } : { tag, vr, value, undefinedLength: false };
    return { element, pos: pos + length };
  }

  private readItems(
    pos: number,
    end: number,
    enc: DatasetEncoding,
    charset: readonly string[],
    path: readonly number[],
    depth: number,
    untilDelimiter: boolean,
    signedPixels: boolean,
  ): { items: SequenceItem[]; pos: number } {
    const items: SequenceItem[] = [];
    while (true) {
      if (!untilDelimiter && pos >= end) return { items, pos };
      if (end - pos < 8) throw parseError('TRUNCATED', 'sequence ends without a Sequence Delimitation Item', path, pos);
      const tag = this.readTag(pos, enc.littleEndian);
      const length = this.view.getUint32(pos + 4, enc.littleEndian);
      if (tag === SEQUENCE_DELIMITATION) {
        if (!untilDelimiter) throw parseError('MALFORMED', 'Sequence Delimitation Item in a sequence of defined length', path, pos);
        return { items, pos: pos + 8 };
      }
      if (tag !== ITEM) throw parseError('MALFORMED', `expected an Item (FFFE,E000), found ${formatTag(tag)}`, path, pos);
      pos += 8;
      if (length === UNDEFINED_LENGTH) {
        const r = this.readElements(pos, end, enc, charset, path, depth + 1, true, signedPixels);
        items.push({ dataset: r.dataset, undefinedLength: true });
        pos = r.pos;
      } else {
        if (length > end - pos) throw parseError('TRUNCATED', `item length ${length} runs past the end of its sequence`, path, pos - 8);
        const r = this.readElements(pos, pos + length, enc, charset, path, depth + 1, false, signedPixels);
        items.push({ dataset: r.dataset, undefinedLength: false });
        pos += length;
      }
    }
  }

  private readEncapsulated(pos: number, end: number, enc: DatasetEncoding, vr: string, path: readonly number[]): { element: DataElement; pos: number } {
    const fragments: Uint8Array[] = [];
    let offsetTable: Uint8Array | undefined;
    while (true) {
      if (end - pos < 8) throw parseError('TRUNCATED', 'encapsulated Pixel Data ends without a Sequence Delimitation Item', path, pos);
      const tag = this.readTag(pos, enc.littleEndian);
      const length = this.view.getUint32(pos + 4, enc.littleEndian);
      pos += 8;
      if (tag === SEQUENCE_DELIMITATION) break;
      if (tag !== ITEM) throw parseError('MALFORMED', `expected a fragment Item (FFFE,E000), found ${formatTag(tag)}`, path, pos - 8);
      if (length === UNDEFINED_LENGTH || length > end - pos) {
        throw parseError('TRUNCATED', `fragment length ${length} runs past the end of the data`, path, pos - 8);
      }
      const bytes = this.bytes.subarray(pos, pos + length);
      if (offsetTable === undefined) offsetTable = bytes;
      else fragments.push(bytes);
      pos += length;
    }
    const element: DataElement = {
      tag: PIXEL_DATA,
      vr,
      value: new Uint8Array(0),
      encapsulated: { offsetTable: offsetTable ?? new Uint8Array(0), fragments },
      undefinedLength: true,
    };
    return { element, pos };
  }
}

/** LUT descriptors are "US or SS" in the dictionary, but their 1st and 3rd values are always unsigned (PS3.3 C.11.1.1.1). */
const LUT_DESCRIPTORS = new Set([0x00281100, 0x00281101, 0x00281102, 0x00281103, 0x00281111, 0x00281112, 0x00281113, 0x00283002]);

/**
 * VR for an implicit-VR element: from the dictionary, `UN` when unknown (private tags
 * included). A "US or SS" pixel value attribute is SS when Pixel Representation
 * (0028,0103) is 1 (`signedPixels`), as DCMTK and pydicom read it.
 */
export function implicitVr(tag: number, signedPixels = false): string {
  if ((tag & 0xffff) === 0x0000) return 'UL';
  const entry = lookupTag(tag);
  if (!entry) return 'UN';
  if (tag === PIXEL_DATA) return 'OW';
  if (signedPixels && entry.vrs.length === 2 && entry.vrs[0] === 'US' && entry.vrs[1] === 'SS' && !LUT_DESCRIPTORS.has(tag)) return 'SS';
  return entry.vr;
}
