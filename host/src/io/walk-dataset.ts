import type { ByteWindow } from './byte-window.js';
import { UNDEFINED_LENGTH } from './data-element.js';
import {
  elementLayout,
  endsItem,
  ITEM,
  notAnItem,
  PIXEL_REPRESENTATION,
  readElementHeader,
  SEQUENCE_DELIMITATION,
  type ElementHeader,
} from './element-header.js';
import { parseError } from './parse-error.js';
import type { ParseBudget } from './parse-limits.js';
import type { DatasetEncoding } from './transfer-syntax.js';

/**
 * What {@link walkDataset} meets, in file order. `depth` is the sequence nesting of the
 * element (0 at the top level; the elements of a top-level sequence's items are at 1).
 * Offsets are those of the {@link ByteWindow} (file offsets for a file).
 */
export type WalkEvent =
  /** A data element with a value (not read: `window.bytes(valueOffset, header.length)` reads it). */
  | { readonly kind: 'element'; readonly depth: number; readonly header: ElementHeader; readonly offset: number; readonly valueOffset: number }
  /** The start of a sequence; its items follow, then `sequenceEnd`. */
  | { readonly kind: 'sequence'; readonly depth: number; readonly header: ElementHeader; readonly offset: number; readonly vr: 'SQ' | 'UN'; readonly encoding: DatasetEncoding }
  /** The start of an item whose elements are at `depth`; `itemEnd` follows them. */
  | { readonly kind: 'item'; readonly depth: number; readonly offset: number; readonly undefinedLength: boolean }
  | { readonly kind: 'itemEnd'; readonly depth: number }
  | { readonly kind: 'sequenceEnd'; readonly depth: number }
  /** Encapsulated Pixel Data: its items (`fragment`, index 0 the Basic Offset Table) follow, then `pixelSequenceEnd`. */
  | { readonly kind: 'pixelSequence'; readonly header: ElementHeader; readonly offset: number }
  | { readonly kind: 'fragment'; readonly index: number; readonly offset: number; readonly valueOffset: number; readonly length: number }
  | { readonly kind: 'pixelSequenceEnd' };

/**
 * Walks a data set in `window[start, end)` without building it: element headers are read,
 * values skipped (a caller reads what it needs), by the same rules as the parser (shared
 * element-header.ts). Memory stays that of the nesting, whatever the object holds.
 * Elements, items and depth are counted against `budget` (Pixel Data fragments are not:
 * they are never held). Returns the offset where the data set ends. Throws the parser's
 * ATRIUM_ERR_PARSE_* errors, with file offsets.
 */
export function* walkDataset(window: ByteWindow, start: number, end: number, encoding: DatasetEncoding, budget: ParseBudget): Generator<WalkEvent, number> {
  return yield* new Walker(window, budget).elements(start, end, encoding, [], 0, false, false);
}

class Walker {
  constructor(
    private readonly window: ByteWindow,
    private readonly budget: ParseBudget,
  ) {}

  *elements(pos: number, end: number, enc: DatasetEncoding, path: number[], depth: number, untilItemEnd: boolean, signedPixels: boolean): Generator<WalkEvent, number> {
    let signed = signedPixels;
    while (pos < end) {
      if (end - pos < 8) {
        if (untilItemEnd) throw parseError('TRUNCATED', 'item ends without an Item Delimitation Item', path, pos);
        if (depth === 0 && this.window.bytes(pos, end - pos).every((b) => b === 0)) break;
        throw parseError('TRUNCATED', `${end - pos} trailing bytes are too short for an element header`, path, pos);
      }
      const b = this.window.bytes(pos, Math.min(12, end - pos));
      const h = readElementHeader(b, new DataView(b.buffer, b.byteOffset, b.length), 0, b.length, enc, signed, path, pos);
      if (endsItem(h.tag, untilItemEnd, path, pos)) return pos + 8;
      this.budget.element(path, h.tag, pos);
      const layout = elementLayout(h, enc, depth, path, pos);
      const valueOffset = pos + h.headerLength;
      if (layout.kind === 'encapsulated') {
        yield { kind: 'pixelSequence', header: h, offset: pos };
        pos = yield* this.fragments(valueOffset, end, enc, [...path, h.tag]);
        yield { kind: 'pixelSequenceEnd' };
        continue;
      }
      const undefinedLength = h.length === UNDEFINED_LENGTH;
      if (!undefinedLength && h.length > end - valueOffset) {
        throw parseError('TRUNCATED', `value length ${h.length} runs past the end of the data (${end - valueOffset} bytes left)`, [...path, h.tag], pos);
      }
      if (layout.kind === 'sequence') {
        yield { kind: 'sequence', depth, header: h, offset: pos, vr: layout.vr, encoding: layout.itemsEncoding };
        path.push(h.tag);
        const after = yield* this.items(valueOffset, undefinedLength ? end : valueOffset + h.length, layout.itemsEncoding, path, depth, undefinedLength, signed);
        path.pop();
        yield { kind: 'sequenceEnd', depth };
        pos = undefinedLength ? after : valueOffset + h.length;
        continue;
      }
      yield { kind: 'element', depth, header: h, offset: pos, valueOffset };
      if (h.tag === PIXEL_REPRESENTATION && h.length >= 2) {
        const v = this.window.bytes(valueOffset, 2);
        signed = new DataView(v.buffer, v.byteOffset, 2).getUint16(0, enc.littleEndian) === 1;
      }
      pos = valueOffset + h.length;
    }
    if (untilItemEnd) throw parseError('TRUNCATED', 'item of undefined length has no Item Delimitation Item', path, pos);
    return pos;
  }

  private *items(pos: number, end: number, enc: DatasetEncoding, path: number[], depth: number, untilDelimiter: boolean, signed: boolean): Generator<WalkEvent, number> {
    for (;;) {
      if (!untilDelimiter && pos >= end) return pos;
      if (end - pos < 8) throw parseError('TRUNCATED', 'sequence ends without a Sequence Delimitation Item', path, pos);
      const { tag, length } = this.itemHeader(pos, enc.littleEndian);
      if (tag === SEQUENCE_DELIMITATION) {
        if (!untilDelimiter) throw parseError('MALFORMED', 'Sequence Delimitation Item in a sequence of defined length', path, pos);
        return pos + 8;
      }
      if (tag !== ITEM) throw notAnItem(tag, path, pos);
      this.budget.depth(depth + 1, path, pos);
      this.budget.item(path, pos);
      const undefinedLength = length === UNDEFINED_LENGTH;
      yield { kind: 'item', depth: depth + 1, offset: pos, undefinedLength };
      if (undefinedLength) {
        pos = yield* this.elements(pos + 8, end, enc, path, depth + 1, true, signed);
      } else {
        if (length > end - pos - 8) throw parseError('TRUNCATED', `item length ${length} runs past the end of its sequence`, path, pos);
        if (length > 0) yield* this.elements(pos + 8, pos + 8 + length, enc, path, depth + 1, false, signed);
        pos += 8 + length;
      }
      yield { kind: 'itemEnd', depth: depth + 1 };
    }
  }

  private *fragments(pos: number, end: number, enc: DatasetEncoding, path: readonly number[]): Generator<WalkEvent, number> {
    for (let index = 0; ; index++) {
      if (end - pos < 8) throw parseError('TRUNCATED', 'encapsulated Pixel Data ends without a Sequence Delimitation Item', path, pos);
      const { tag, length } = this.itemHeader(pos, enc.littleEndian);
      if (tag === SEQUENCE_DELIMITATION) return pos + 8;
      if (tag !== ITEM) throw notAnItem(tag, path, pos, 'a fragment Item');
      if (length === UNDEFINED_LENGTH || length > end - pos - 8) throw parseError('TRUNCATED', `fragment length ${length} runs past the end of the data`, path, pos);
      yield { kind: 'fragment', index, offset: pos, valueOffset: pos + 8, length };
      pos += 8 + length;
    }
  }

  private itemHeader(pos: number, le: boolean): { tag: number; length: number } {
    const b = this.window.bytes(pos, 8);
    const u16 = (i: number): number => (le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
    return { tag: u16(0) * 0x10000 + u16(2), length: le ? u16(4) + u16(6) * 0x10000 : u16(4) * 0x10000 + u16(6) };
  }
}
