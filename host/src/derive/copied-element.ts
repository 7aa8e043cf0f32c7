import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';
import { writeDataset } from '../io/write-dataset.js';
import { toOutputElement } from './output-element.js';

/** The outcome of copying one attribute from the sources. */
export type CopyOutcome =
  | { readonly status: 'copied'; readonly element: DataElement }
  | { readonly status: 'absent' }
  | { readonly status: 'inconsistent' };

/**
 * `Copied` (GE SmartScore §1.9): the element of `tag` from the sources, as the output writes
 * it (Explicit VR LE, text re-encoded when `toUtf8`). One source: its element. Several: the
 * element only when every source has it with byte-identical encoded value (sequences
 * included), else `inconsistent`; `absent` when no source has it.
 */
export function copiedElement(tag: number, sources: readonly DataSet[], toUtf8: boolean): CopyOutcome {
  let first: DataElement | undefined;
  let firstBytes: Uint8Array | undefined;
  let present = 0;
  for (const ds of sources) {
    const e = ds.get(tag);
    if (!e) continue;
    present++;
    const out = toOutputElement(e, ds, toUtf8);
    if (!first) {
      first = out;
      continue;
    }
    firstBytes ??= encoded(first);
    if (!sameBytes(firstBytes, encoded(out))) return { status: 'inconsistent' };
  }
  if (!first) return { status: 'absent' };
  if (present < sources.length) return { status: 'inconsistent' };
  return { status: 'copied', element: first };
}

/** The element's bytes with every sequence and item of defined length, so that only values are compared. */
function encoded(e: DataElement): Uint8Array {
  return writeDataset(new DataSet([definedLengths(e)], EXPLICIT_LE), EXPLICIT_LE);
}

function definedLengths(e: DataElement): DataElement {
  if (!e.items) return e;
  const items = e.items.map((item) => ({ undefinedLength: false, dataset: new DataSet(item.dataset.elements.map(definedLengths), EXPLICIT_LE) }));
  return { ...e, items, undefinedLength: false };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
