import { DataSet } from './data-set.js';
import { UNDEFINED_LENGTH, type DataElement, type SequenceItem } from './data-element.js';
import {
  elementLayout,
  endsItem,
  ITEM,
  notAnItem,
  PIXEL_DATA,
  PIXEL_REPRESENTATION,
  readElementHeader,
  readItemHeader,
  SEQUENCE_DELIMITATION,
  SPECIFIC_CHARACTER_SET,
} from './element-header.js';
import { parseError } from './parse-error.js';
import { ParseBudget, type ParseLimits } from './parse-limits.js';
import type { DatasetEncoding } from './transfer-syntax.js';

/** Options of {@link parseDataset}. */
export interface ParseDatasetOptions {
  /** Stop before this top-level tag (exclusive), e.g. Pixel Data for a header-only parse. */
  readonly stopAtTag?: number;
  /** The Specific Character Set inherited from an enclosing dataset. */
  readonly characterSet?: readonly string[];
  /** What may be built in memory (default {@link DEFAULT_PARSE_LIMITS}). */
  readonly limits?: ParseLimits;
  /** Size of the whole object, which earns its allowance of elements (default `bytes.length`). */
  readonly objectBytes?: number;
}

/** Result of {@link parseDataset}. */
export interface ParsedDataset {
  readonly dataset: DataSet;
  /** Offset just after the last element read (where `stopAtTag` stopped, or the end). */
  readonly end: number;
  /** Whether the parse stopped early at `stopAtTag`. */
  readonly stopped: boolean;
}

/** The value of every empty element: one shared, immutable, zero-length array. */
const EMPTY = new Uint8Array(0);

/**
 * Parse a bare dataset from `bytes[start, end)` in the given encoding, keeping every
 * element's raw bytes (full fidelity). Throws an AtriumError (ATRIUM_ERR_PARSE_*) that
 * names the tag path and byte offset on malformed or truncated input, and
 * ATRIUM_ERR_PARSE_LIMIT past a limit of {@link ParseLimits}.
 */
export function parseDataset(
  bytes: Uint8Array,
  encoding: DatasetEncoding,
  start = 0,
  end = bytes.length,
  options: ParseDatasetOptions = {},
): ParsedDataset {
  const reader = new DatasetReader(bytes, new ParseBudget(options.limits, options.objectBytes ?? bytes.length));
  return reader.readTopLevel(start, end, encoding, options);
}

class DatasetReader {
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly budget: ParseBudget,
  ) {
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
      const h = readElementHeader(this.bytes, this.view, pos, end - pos, enc, signed, path);
      if (endsItem(h.tag, untilItemEnd, path, pos)) return { dataset: new DataSet(elements, enc, characterSet), pos: pos + 8, stopped };
      if (stopAtTag !== undefined && depth === 0 && h.tag >= stopAtTag) {
        stopped = true;
        break;
      }
      this.budget.element(path, h.tag, pos);
      const read = this.readElement(h, pos, end, enc, charset, path, depth, signed);
      elements.push(read.element);
      if (h.tag === SPECIFIC_CHARACTER_SET) charset = new DataSet([read.element], enc).characterSet;
      if (h.tag === PIXEL_REPRESENTATION && read.element.value.length >= 2) {
        signed = new DataView(read.element.value.buffer, read.element.value.byteOffset, 2).getUint16(0, enc.littleEndian) === 1;
      }
      pos = read.pos;
    }
    if (untilItemEnd) throw parseError('TRUNCATED', 'item of undefined length has no Item Delimitation Item', path, pos);
    return { dataset: new DataSet(elements, enc, characterSet), pos, stopped };
  }

  private readElement(
    h: ReturnType<typeof readElementHeader>,
    start: number,
    end: number,
    enc: DatasetEncoding,
    charset: readonly string[],
    parentPath: readonly number[],
    depth: number,
    signedPixels: boolean,
  ): { element: DataElement; pos: number } {
    const { tag, vr, length } = h;
    const pos = start + h.headerLength;
    const layout = elementLayout(h, enc, depth, parentPath, start);
    if (layout.kind === 'encapsulated') return this.readEncapsulated(pos, end, enc, vr, [...parentPath, tag]);
    if (length !== UNDEFINED_LENGTH && length > end - pos) {
      throw parseError('TRUNCATED', `value length ${length} runs past the end of the data (${end - pos} bytes left)`, [...parentPath, tag], start);
    }
    if (layout.kind === 'sequence') {
      const path = [...parentPath, tag];
      const undefinedLength = length === UNDEFINED_LENGTH;
      const r = this.readItems(pos, undefinedLength ? end : pos + length, layout.itemsEncoding, charset, path, depth, undefinedLength, signedPixels);
      const element: DataElement = {
        tag,
        vr: layout.vr,
        value: EMPTY,
        items: r.items,
        undefinedLength,
        ...(layout.itemsEncoding !== enc ? { itemsImplicit: true } : {}),
      };
      return { element, pos: undefinedLength ? r.pos : pos + length };
    }
    const value = length === 0 ? EMPTY : this.bytes.subarray(pos, pos + length);
    const element: DataElement = h.rawVr ? { tag, vr, value, undefinedLength: false, rawVr: h.rawVr } : { tag, vr, value, undefinedLength: false };
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
      const { tag, length } = readItemHeader(this.view, pos, enc.littleEndian);
      if (tag === SEQUENCE_DELIMITATION) {
        if (!untilDelimiter) throw parseError('MALFORMED', 'Sequence Delimitation Item in a sequence of defined length', path, pos);
        return { items, pos: pos + 8 };
      }
      if (tag !== ITEM) throw notAnItem(tag, path, pos);
      this.budget.depth(depth + 1, path, pos);
      this.budget.item(path, pos);
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
      const { tag, length } = readItemHeader(this.view, pos, enc.littleEndian);
      pos += 8;
      if (tag === SEQUENCE_DELIMITATION) break;
      if (tag !== ITEM) throw notAnItem(tag, path, pos - 8, 'a fragment Item');
      if (length === UNDEFINED_LENGTH || length > end - pos) {
        throw parseError('TRUNCATED', `fragment length ${length} runs past the end of the data`, path, pos - 8);
      }
      this.budget.item(path, pos - 8);
      const bytes = this.bytes.subarray(pos, pos + length);
      if (offsetTable === undefined) offsetTable = bytes;
      else fragments.push(bytes);
      pos += length;
    }
    const element: DataElement = {
      tag: PIXEL_DATA,
      vr,
      value: EMPTY,
      encapsulated: { offsetTable: offsetTable ?? EMPTY, fragments },
      undefinedLength: true,
    };
    return { element, pos };
  }
}
