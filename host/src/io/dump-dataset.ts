import { lookupTag } from '@atrium/sdk';
import type { DataSet } from './data-set.js';
import type { DataElement } from './data-element.js';
import { decodeElementStrings } from './element-value.js';
import { formatTag } from './parse-error.js';
import type { DatasetEncoding } from './transfer-syntax.js';
import { binaryValueSize, isStringVr } from './vr.js';

/** Options of {@link dumpDataset}. */
export interface DumpOptions {
  /** Values longer than this many characters are cut with "..." (default 64). */
  readonly maxValueChars?: number;
}

/**
 * A dcmdump-like listing: one line per element (tag, VR, value, length, VM, keyword),
 * nested items indented, private and unknown elements included. {@link dumpFile} writes
 * the same listing from a file without reading it into memory.
 */
export function dumpDataset(ds: DataSet, options: DumpOptions = {}): string {
  const lines: string[] = [];
  dumpInto(lines, ds, 0, options.maxValueChars ?? 64);
  return lines.join('\n');
}

function dumpInto(lines: string[], ds: DataSet, depth: number, max: number): void {
  for (const e of ds.elements) {
    if (e.items) {
      lines.push(dumpLine.sequence(depth, e.tag, e.vr, e.undefinedLength, e.items.length));
      for (const item of e.items) {
        lines.push(dumpLine.item(depth, item.undefinedLength, item.dataset.size));
        dumpInto(lines, item.dataset, depth + 1, max);
      }
      continue;
    }
    if (e.encapsulated) {
      const { offsetTable, fragments } = e.encapsulated;
      lines.push(dumpLine.pixelSequence(depth, e.tag, e.vr, fragments.length + 1), dumpLine.offsetTable(depth, offsetTable.length));
      fragments.forEach((f, i) => lines.push(dumpLine.fragment(depth, i + 1, f.length)));
      continue;
    }
    const prefix = e.value.length > valuePrefixBytes(max) ? { ...e, value: e.value.subarray(0, valuePrefixBytes(max)) } : e;
    lines.push(dumpLine.value(depth, prefix, e.value.length, ds.encoding, ds.characterSet, max));
  }
}

/**
 * How many bytes of a value the listing decodes: enough for `max` characters of any
 * character set or binary VR; a longer value is shown cut from its first bytes.
 */
export function valuePrefixBytes(max: number): number {
  return Math.max(1024, 8 * max);
}

/**
 * The lines of the listing, by what they show. `depth` is the sequence nesting of the
 * element (items of a top-level sequence hold elements at depth 1); each level indents
 * by four spaces and items by two.
 */
export const dumpLine = {
  sequence(depth: number, tag: number, vr: string, undefinedLength: boolean, items: number): string {
    return `${indent(depth)}${formatTag(tag)} ${vr} (Sequence with ${undefinedLength ? 'undefined' : 'explicit'} length #=${items})  # ${keyword(tag)}`;
  },
  item(depth: number, undefinedLength: boolean, elements: number): string {
    return `${indent(depth)}  (FFFE,E000) na (Item with ${undefinedLength ? 'undefined' : 'explicit'} length #=${elements})`;
  },
  pixelSequence(depth: number, tag: number, vr: string, items: number): string {
    return `${indent(depth)}${formatTag(tag)} ${vr} (PixelSequence #=${items})  # ${keyword(tag)}`;
  },
  offsetTable(depth: number, length: number): string {
    return `${indent(depth)}  (FFFE,E000) pi (offset table, ${length} bytes)`;
  },
  fragment(depth: number, index: number, length: number): string {
    return `${indent(depth)}  (FFFE,E000) pi (fragment ${index}, ${length} bytes)`;
  },
  /** A value element; `e.value` may hold only the first bytes of a value of `length` bytes. */
  value(depth: number, e: DataElement, length: number, encoding: DatasetEncoding, characterSet: readonly string[], max: number): string {
    const text = valueText(e, encoding, characterSet);
    const shown = text.length > max || e.value.length < length ? `${text.slice(0, max)}...` : text;
    return `${indent(depth)}${formatTag(e.tag)} ${e.vr} ${shown.padEnd(40)} # ${String(length).padStart(4)}, ${keyword(e.tag)}`;
  },
};

function indent(depth: number): string {
  return '    '.repeat(depth);
}

function keyword(tag: number): string {
  return lookupTag(tag)?.keyword || (isPrivate(tag) ? 'PrivateTag' : 'UnknownTag');
}

function valueText(e: DataElement, encoding: DatasetEncoding, characterSet: readonly string[]): string {
  if (e.value.length === 0) return '(no value available)';
  if (isStringVr(e.vr)) return `[${decodeElementStrings(e, encoding, characterSet).join('\\')}]`;
  const size = binaryValueSize(e.vr);
  if (size !== undefined && e.vr !== 'OW' && e.vr !== 'OB') {
    const values = decodeElementStrings(e, encoding, characterSet);
    return e.vr === 'AT' ? values.map((v) => formatTag(Number(v))).join('\\') : values.join('\\');
  }
  const hex = Array.from(e.value.subarray(0, 24), (b) => b.toString(16).padStart(2, '0')).join('\\');
  return e.value.length > 24 ? `${hex}...` : hex;
}

function isPrivate(tag: number): boolean {
  return (Math.floor(tag / 0x10000) & 1) === 1;
}
