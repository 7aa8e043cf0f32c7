import { lookupTag } from '@atrium/sdk';
import type { DataSet } from './data-set.js';
import type { DataElement } from './data-element.js';
import { decodeElementStrings } from './element-value.js';
import { formatTag } from './parse-error.js';
import { binaryValueSize, isStringVr } from './vr.js';

/** Options of {@link dumpDataset}. */
export interface DumpOptions {
  /** Values longer than this many characters are cut with "..." (default 64). */
  readonly maxValueChars?: number;
}

/**
 * A dcmdump-like listing: one line per element (tag, VR, value, length, VM, keyword),
 * nested items indented, private and unknown elements included.
 */
export function dumpDataset(ds: DataSet, options: DumpOptions = {}): string {
  const lines: string[] = [];
  dumpInto(lines, ds, 0, options.maxValueChars ?? 64);
  return lines.join('\n');
}

function dumpInto(lines: string[], ds: DataSet, depth: number, max: number): void {
  const indent = '  '.repeat(depth);
  for (const e of ds.elements) {
    const keyword = lookupTag(e.tag)?.keyword || (isPrivate(e.tag) ? 'PrivateTag' : 'UnknownTag');
    if (e.items) {
      const how = e.undefinedLength ? 'undefined' : 'explicit';
      lines.push(`${indent}${formatTag(e.tag)} ${e.vr} (Sequence with ${how} length #=${e.items.length})  # ${keyword}`);
      for (const item of e.items) {
        lines.push(`${indent}  (FFFE,E000) na (Item with ${item.undefinedLength ? 'undefined' : 'explicit'} length #=${item.dataset.size})`);
        dumpInto(lines, item.dataset, depth + 2, max);
      }
      continue;
    }
    if (e.encapsulated) {
      lines.push(`${indent}${formatTag(e.tag)} ${e.vr} (PixelSequence #=${e.encapsulated.fragments.length + 1})  # ${keyword}`);
      lines.push(`${indent}  (FFFE,E000) pi (offset table, ${e.encapsulated.offsetTable.length} bytes)`);
      e.encapsulated.fragments.forEach((f, i) => lines.push(`${indent}  (FFFE,E000) pi (fragment ${i + 1}, ${f.length} bytes)`));
      continue;
    }
    const shown = cut(valueText(ds, e), max);
    lines.push(`${indent}${formatTag(e.tag)} ${e.vr} ${shown.padEnd(40)} # ${String(e.value.length).padStart(4)}, ${keyword}`);
  }
}

function valueText(ds: DataSet, e: DataElement): string {
  if (e.value.length === 0) return '(no value available)';
  if (isStringVr(e.vr)) return `[${decodeElementStrings(e, ds.encoding, ds.characterSet).join('\\')}]`;
  const size = binaryValueSize(e.vr);
  if (size !== undefined && e.vr !== 'OW' && e.vr !== 'OB') {
    const values = decodeElementStrings(e, ds.encoding, ds.characterSet);
    return e.vr === 'AT' ? values.map((v) => formatTag(Number(v))).join('\\') : values.join('\\');
  }
  const hex = Array.from(e.value.subarray(0, 24), (b) => b.toString(16).padStart(2, '0')).join('\\');
  return e.value.length > 24 ? `${hex}...` : hex;
}

function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

function isPrivate(tag: number): boolean {
  return (Math.floor(tag / 0x10000) & 1) === 1;
}
