import type { DataElement, SequenceItem } from './data-element.js';
import { decodeElementStrings, decodeElementNumbers } from './element-value.js';
import type { DatasetEncoding } from './transfer-syntax.js';

/** Specific Character Set (0008,0005). */
const SPECIFIC_CHARACTER_SET = 0x00080005;

/**
 * An ordered, read-only DICOM dataset. Elements keep their raw bytes; typed accessors
 * decode on demand using the dataset's encoding and Specific Character Set (inherited
 * by nested items unless an item carries its own, PS3.5 §6.1.2.5.3 / PS3.3 C.12.1.1.2).
 */
export class DataSet {
  private readonly byTag = new Map<number, DataElement>();
  /** The effective Specific Character Set values (empty: the default repertoire). */
  readonly characterSet: readonly string[];

  constructor(
    readonly elements: readonly DataElement[],
    readonly encoding: DatasetEncoding,
    inheritedCharacterSet: readonly string[] = [],
  ) {
    for (const e of elements) this.byTag.set(e.tag, e);
    const own = this.byTag.get(SPECIFIC_CHARACTER_SET);
    this.characterSet = own ? decodeElementStrings(own, encoding, []).map((s) => s.trim()) : inheritedCharacterSet;
  }

  get size(): number {
    return this.elements.length;
  }
  has(tag: number): boolean {
    return this.byTag.has(tag);
  }
  get(tag: number): DataElement | undefined {
    return this.byTag.get(tag);
  }

  /** All values of a string element, decoded and with padding removed; [] when absent or empty. */
  strings(tag: number): string[] {
    const e = this.byTag.get(tag);
    return e ? decodeElementStrings(e, this.encoding, this.characterSet) : [];
  }
  /** The first value of a string element, or undefined when absent or empty. */
  string(tag: number): string | undefined {
    const v = this.strings(tag)[0];
    return v === undefined || v === '' ? undefined : v;
  }
  /** All values of the element, joined by backslash as written (for multi-valued text). */
  text(tag: number): string | undefined {
    const vs = this.strings(tag);
    return vs.length === 0 ? undefined : vs.join('\\');
  }
  /** All numeric values (binary VRs, IS and DS); [] when absent or empty. */
  numbers(tag: number): number[] {
    const e = this.byTag.get(tag);
    return e ? decodeElementNumbers(e, this.encoding) : [];
  }
  /** The first numeric value, or undefined. */
  number(tag: number): number | undefined {
    return this.numbers(tag)[0];
  }
  /** The items of a sequence element ([] when absent or not a sequence). */
  items(tag: number): readonly SequenceItem[] {
    return this.byTag.get(tag)?.items ?? [];
  }

  /** A copy with elements replaced, added (kept in ascending tag order) or removed (value `undefined`). */
  with(changes: ReadonlyMap<number, DataElement | undefined>): DataSet {
    const kept = this.elements.filter((e) => !changes.has(e.tag));
    for (const [, e] of changes) if (e) kept.push(e);
    kept.sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
    return new DataSet(kept, this.encoding, this.characterSet);
  }
}
