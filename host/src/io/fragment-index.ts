import { Tag } from '@atrium/sdk';
import type { FileWindow } from './byte-window.js';
import { UNDEFINED_LENGTH } from './data-element.js';
import type { DataSet } from './data-set.js';
import { ITEM, notAnItem, SEQUENCE_DELIMITATION } from './element-header.js';
import { parseError } from './parse-error.js';
import { allowedCount, limitError, type ParseLimits } from './parse-limits.js';
import type { FragmentBytes, PixelDataSource } from './pixels/pixel-types.js';

type EncapsulatedSource = Extract<PixelDataSource, { kind: 'encapsulated' }>;

/** Encapsulated Pixel Data left in its file: where its first item (the Basic Offset Table) starts. */
export interface PixelSequence {
  readonly window: FileWindow;
  /** File offset of the first item header. */
  readonly start: number;
  readonly littleEndian: boolean;
  /** The data set, for the Extended Offset Table (7FE0,0001). */
  readonly ds: DataSet;
}

const PATH = [Tag.PixelData];

/** A fragment whose bytes stay in the file until asked for. */
class FileFragment implements FragmentBytes {
  constructor(
    private readonly window: FileWindow,
    private readonly valueOffset: number,
    readonly length: number,
  ) {}

  subarray(begin: number, end: number): Uint8Array {
    const b = Math.max(0, Math.min(begin, this.length));
    return this.window.read(this.valueOffset + b, Math.max(0, Math.min(end, this.length) - b));
  }
}

function itemAt(p: PixelSequence, pos: number): { tag: number; length: number } {
  const b = p.window.bytes(pos, 8);
  if (b.length < 8) throw parseError('TRUNCATED', 'encapsulated Pixel Data ends without a Sequence Delimitation Item', PATH, pos);
  const view = new DataView(b.buffer, b.byteOffset, 8);
  return { tag: view.getUint16(0, p.littleEndian) * 0x10000 + view.getUint16(2, p.littleEndian), length: view.getUint32(4, p.littleEndian) };
}

/** The Basic Offset Table (the first item's values) and where the first fragment's item starts. */
function basicOffsetTable(p: PixelSequence): { table: number[]; firstItem: number } {
  const { tag, length } = itemAt(p, p.start);
  if (tag !== ITEM) throw notAnItem(tag, PATH, p.start, 'a fragment Item');
  if (length === UNDEFINED_LENGTH || length > p.window.size - p.start - 8) throw parseError('TRUNCATED', `fragment length ${length} runs past the end of the data`, PATH, p.start);
  const bytes = p.window.read(p.start + 8, length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return { table: Array.from({ length: Math.floor(length / 4) }, (_, i) => view.getUint32(i * 4, true)), firstItem: p.start + 8 + length };
}

/**
 * The fragments of frame `index` alone, found through the Extended (7FE0,0001) or Basic
 * Offset Table when it has one entry per frame and its entries land on fragment items
 * (checked on the way): a source holding that one frame. Undefined when no table can be
 * used; then {@link scanFragments} reads every fragment header.
 */
export function tableFrameFragments(p: PixelSequence, index: number, numberOfFrames: number): EncapsulatedSource | undefined {
  if (!Number.isInteger(index) || index < 0 || index >= numberOfFrames) return undefined;
  const { table: bot, firstItem } = basicOffsetTable(p);
  for (const table of [p.ds.numbers(Tag.ExtendedOffsetTable), bot]) {
    if (table.length !== numberOfFrames) continue;
    const start = firstItem + table[index]!;
    const end = index + 1 < numberOfFrames ? firstItem + table[index + 1]! : Infinity;
    const fragments = fragmentsBetween(p, start, end);
    if (fragments) return { kind: 'encapsulated', fragments, basicOffsetTable: [0] };
  }
  return undefined;
}

/** The fragment items from `start` to `end` (or to the Sequence Delimitation Item); undefined when they do not line up. */
function fragmentsBetween(p: PixelSequence, start: number, end: number): FileFragment[] | undefined {
  const out: FileFragment[] = [];
  let pos = start;
  while (pos < end) {
    if (pos + 8 > p.window.size) return undefined;
    const { tag, length } = itemAt(p, pos);
    if (tag === SEQUENCE_DELIMITATION && end === Infinity) break;
    if (tag !== ITEM || length === UNDEFINED_LENGTH || length > p.window.size - pos - 8) return undefined;
    out.push(new FileFragment(p.window, pos + 8, length));
    pos += 8 + length;
  }
  return out.length > 0 && (pos === end || end === Infinity) ? out : undefined;
}

/**
 * Every fragment of the Pixel Data, from a scan of the item headers (the fragments' bytes
 * are not read). As many fragments are allowed as items when the Pixel Data is read into
 * memory (`maxItems`, with the file's allowance): past them ATRIUM_ERR_PARSE_LIMIT.
 */
export function scanFragments(p: PixelSequence, limits: ParseLimits): EncapsulatedSource {
  const { table, firstItem } = basicOffsetTable(p);
  const allowed = allowedCount(limits, 'maxItems', p.window.size);
  const fragments: FileFragment[] = [];
  for (let pos = firstItem; ; ) {
    const { tag, length } = itemAt(p, pos);
    if (tag === SEQUENCE_DELIMITATION) break;
    if (tag !== ITEM) throw notAnItem(tag, PATH, pos, 'a fragment Item');
    if (length === UNDEFINED_LENGTH || length > p.window.size - pos - 8) throw parseError('TRUNCATED', `fragment length ${length} runs past the end of the data`, PATH, pos);
    if (fragments.length >= allowed) throw limitError('maxItems', limits.maxItems, `more than ${allowed} Pixel Data fragments in one object`, PATH, pos);
    fragments.push(new FileFragment(p.window, pos + 8, length));
    pos += 8 + length;
  }
  const extended = p.ds.numbers(Tag.ExtendedOffsetTable);
  return { kind: 'encapsulated', fragments, basicOffsetTable: table, ...(extended.length > 0 ? { extendedOffsetTable: extended } : {}) };
}
