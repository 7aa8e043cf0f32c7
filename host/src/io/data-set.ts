import { Tag } from '@atrium/sdk';
import type { DataElement, SequenceItem } from './data-element.js';
import { decodeElementStrings, decodeElementNumbers } from './element-value.js';
import type { DatasetEncoding } from './transfer-syntax.js';

/** Specific Character Set (0008,0005). */
const SPECIFIC_CHARACTER_SET = Tag.SpecificCharacterSet;

/**
 * An ordered, read-only DICOM dataset. Elements keep their raw bytes; typed accessors
 * decode on demand using the dataset's encoding and Specific Character Set (inherited
 * by nested items unless an item carries its own, PS3.5 §6.1.2.5.3 / PS3.3 C.12.1.1.2).
 */
export class DataSet {
  /**
   * Lookup by tag, made on first use: `'sorted'` (binary search, no extra memory) when
   * the tags are strictly ascending, as PS3.5 §7.1 requires; a map (the last element of
   * a repeated tag wins) otherwise. Nested items that are never looked up cost nothing.
   */
  private lookup: 'sorted' | Map<number, DataElement> | undefined;
  /** The effective Specific Character Set values (empty: the default repertoire). */
  readonly characterSet: readonly string[];

  constructor(
    readonly elements: readonly DataElement[],
    readonly encoding: DatasetEncoding,
    inheritedCharacterSet: readonly string[] = [],
  ) {
    let own: DataElement | undefined;
    for (const e of elements) if (e.tag === SPECIFIC_CHARACTER_SET) own = e;
    this.characterSet = own ? decodeElementStrings(own, encoding, []).map((s) => s.trim()) : inheritedCharacterSet;
  }

  get size(): number {
    return this.elements.length;
  }
  has(tag: number): boolean {
    return this.get(tag) !== undefined;
  }
  get(tag: number): DataElement | undefined {
    this.lookup ??= makeLookup(this.elements);
    if (this.lookup !== 'sorted') return this.lookup.get(tag);
    const els = this.elements;
    const want = tag >>> 0;
    let lo = 0;
    let hi = els.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = els[mid]!.tag >>> 0;
      if (t === want) return els[mid];
      if (t < want) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** All values of a string element, decoded and with padding removed; [] when absent or empty. */
  strings(tag: number): string[] {
    const e = this.get(tag);
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
    const e = this.get(tag);
    return e ? decodeElementNumbers(e, this.encoding) : [];
  }
  /** The first numeric value, or undefined. */
  number(tag: number): number | undefined {
    return this.numbers(tag)[0];
  }
  /** The items of a sequence element ([] when absent or not a sequence). */
  items(tag: number): readonly SequenceItem[] {
    return this.get(tag)?.items ?? [];
  }

  /** A copy with elements replaced, added (kept in ascending tag order) or removed (value `undefined`). */
  with(changes: ReadonlyMap<number, DataElement | undefined>): DataSet {
    const kept = this.elements.filter((e) => !changes.has(e.tag));
    for (const [, e] of changes) if (e) kept.push(e);
    kept.sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
    return new DataSet(kept, this.encoding, this.characterSet);
  }
}

function makeLookup(elements: readonly DataElement[]): 'sorted' | Map<number, DataElement> {
  for (let i = 1; i < elements.length; i++) {
    if (!(elements[i - 1]!.tag >>> 0 < elements[i]!.tag >>> 0)) return new Map(elements.map((e) => [e.tag, e]));
  }
  return 'sorted';
}
