import type { DataElement } from '../data-element.js';
import { DataSet } from '../data-set.js';

const padByte = (vr: string): number => (vr === 'UI' || vr === 'OB' || vr === 'UN' || vr === 'OW' ? 0 : 0x20);

function padElement(e: DataElement): DataElement {
  if (e.items) {
    let changed = false;
    const items = e.items.map((item) => {
      const padded = padOddLengths(item.dataset);
      if (!padded) return item;
      changed = true;
      return { ...item, dataset: padded };
    });
    return changed ? { ...e, items } : e;
  }
  if (e.encapsulated) {
    if (!e.encapsulated.fragments.some((f) => f.length % 2 === 1)) return e;
    return { ...e, encapsulated: { ...e.encapsulated, fragments: e.encapsulated.fragments.map((f) => (f.length % 2 === 1 ? pad(f, 0) : f)) } };
  }
  return e.value.length % 2 === 1 ? { ...e, value: pad(e.value, padByte(e.vr)) } : e;
}

function pad(bytes: Uint8Array, byte: number): Uint8Array {
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = byte;
  return out;
}

/**
 * The data set with every odd-length value (and encapsulated fragment) padded to even
 * length as PS3.5 §7.1.1 requires — NUL for UI and binary values, space for text — or
 * `undefined` when every length is already even. A stored object keeps its bytes as
 * received (Level 2); only what we send is made conformant, as DCMTK's senders do,
 * because receivers such as DCMTK refuse odd lengths.
 */
export function padOddLengths(ds: DataSet): DataSet | undefined {
  let changed = false;
  const elements = ds.elements.map((e) => {
    const p = padElement(e);
    if (p !== e) changed = true;
    return p;
  });
  return changed ? new DataSet(elements, ds.encoding, ds.characterSet) : undefined;
}
