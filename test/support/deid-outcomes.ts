import { lookupTag } from '@atrium/sdk';
import type { DataElement } from '../../host/src/io/data-element.js';
import type { DataSet } from '../../host/src/io/data-set.js';

/** What a de-identifier did to one attribute of the input (or `added` for one the input lacked). */
export type DeidOutcome = 'kept' | 'emptied' | 'replaced' | 'removed' | 'added';

/**
 * An attribute path by keyword, item numbers dropped (`ReferencedImageSequence/ReferencedSOPInstanceUID`);
 * private elements as `private(gggg,eeee)` with the element's low byte (the block number is not stable).
 */
function nameOf(tag: number): string {
  const group = tag >>> 16;
  if ((group & 1) === 1) return `private(${group.toString(16).padStart(4, '0')},xx${(tag & 0xff).toString(16).padStart(2, '0')})`;
  return lookupTag(tag)?.keyword || `(${group.toString(16).padStart(4, '0')},${(tag & 0xffff).toString(16).padStart(4, '0')})`;
}

function flatten(ds: DataSet, prefix: string, namePrefix: string, out: Map<string, { name: string; e: DataElement }>): void {
  for (const e of ds.elements) {
    if ((e.tag & 0xffff) === 0) continue; // group lengths
    const path = `${prefix}${(e.tag >>> 0).toString(16).padStart(8, '0')}`;
    const name = `${namePrefix}${nameOf(e.tag)}`;
    out.set(path, { name, e });
    e.items?.forEach((item, i) => flatten(item.dataset, `${path}[${i}]/`, `${name}/`, out));
  }
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
const isEmpty = (e: DataElement): boolean => (e.items ? e.items.length === 0 : e.value.every((b) => b === 0x20 || b === 0) && !e.encapsulated);

/**
 * For each attribute path of the input (at any depth) what the output made of it, and the
 * output's attributes the input lacked (`added`). Paths under a sequence whose own outcome is
 * not `kept` are left out (the sequence's outcome says it). Keys are attribute names
 * ({@link nameOf}), each with the set of outcomes seen (one per element occurrence).
 */
export function deidOutcomes(input: DataSet, output: DataSet): Map<string, Set<DeidOutcome>> {
  const before = new Map<string, { name: string; e: DataElement }>();
  const after = new Map<string, { name: string; e: DataElement }>();
  flatten(input, '', '', before);
  flatten(output, '', '', after);
  const result = new Map<string, Set<DeidOutcome>>();
  const add = (name: string, o: DeidOutcome): void => void result.set(name, (result.get(name) ?? new Set()).add(o));
  const notKept = new Set<string>();
  const classify = (a: DataElement, b: DataElement | undefined): DeidOutcome => {
    if (!b) return 'removed';
    if (a.items || b.items) return isEmpty(b) && !isEmpty(a) ? 'emptied' : 'kept';
    if (isEmpty(b)) return isEmpty(a) ? 'kept' : 'emptied';
    if (a.encapsulated || b.encapsulated) return 'kept';
    return equalBytes(a.value, b.value) ? 'kept' : 'replaced';
  };
  for (const [path, { name, e }] of before) {
    if ([...notKept].some((p) => path.startsWith(`${p}[`))) continue;
    const outcome = classify(e, after.get(path)?.e);
    if (outcome !== 'kept' && e.items) notKept.add(path);
    add(name, outcome);
  }
  for (const [path, { name }] of after) {
    if (before.has(path)) continue;
    if ([...notKept].some((p) => path.startsWith(`${p}[`))) continue;
    add(name, 'added');
  }
  return result;
}
