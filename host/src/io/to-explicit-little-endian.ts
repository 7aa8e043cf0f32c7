import { lookupTag } from '@atrium/sdk';
import type { DataElement } from './data-element.js';
import { DataSet } from './data-set.js';
import { EXPLICIT_LE, IMPLICIT_LE, type DatasetEncoding } from './transfer-syntax.js';
import { binaryValueSize } from './vr.js';

/**
 * Re-encode one element read from a dataset of encoding `from` so that it can be written
 * in Explicit VR Little Endian, recursively through sequence items:
 * - binary values (US, SS, UL, SL, FL, FD, OW, OL, OF, OD, SV, UV, OV, AT) are
 *   byte-swapped when `from` is Big Endian (OB and UN are byte streams and are kept);
 * - an element without a valid explicit VR (read as implicit, {@link DataElement.rawVr}) and a
 *   `UN` element whose tag the dictionary knows get the dictionary VR (a `UN` of undefined
 *   length with items becomes `SQ`, its Implicit VR LE items re-encoded);
 * - text bytes are kept (character sets are the caller's business).
 * Elements that need no change are returned as they are (same object).
 */
export function toExplicitLittleEndian(e: DataElement, from: DatasetEncoding): DataElement {
  if (e.encapsulated) return e;
  const dictionaryVr = lookupTag(e.tag)?.vr;
  let vr = e.vr;
  if (e.rawVr !== undefined || (vr === 'UN' && dictionaryVr !== undefined && dictionaryVr !== 'UN' && (dictionaryVr !== 'SQ' || e.items))) {
    vr = e.items ? 'SQ' : (dictionaryVr ?? 'UN');
  }
  if (vr === 'UN') {
    if (e.rawVr === undefined) return e;
    const { rawVr: _raw, ...rest } = e;
    return { ...rest, vr };
  }
  if (e.items) {
    const itemsFrom = e.itemsImplicit ? IMPLICIT_LE : from;
    const nativeItems = itemsFrom.explicitVR && itemsFrom.littleEndian;
    const items = e.items.map((item) => {
      const converted = item.dataset.elements.map((c) => toExplicitLittleEndian(c, itemsFrom));
      if (nativeItems && converted.every((c, i) => c === item.dataset.elements[i])) return item;
      return { ...item, dataset: new DataSet(converted, EXPLICIT_LE, item.dataset.characterSet) };
    });
    if (vr === e.vr && e.rawVr === undefined && items.every((it, i) => it === e.items?.[i])) return e;
    const { rawVr: _raw, itemsImplicit: _implicit, ...rest } = e;
    return { ...rest, vr, items };
  }
  const swap = from.littleEndian ? undefined : swapSize(vr);
  if (swap === undefined && vr === e.vr && e.rawVr === undefined) return e;
  const value = swap === undefined ? e.value : swapBytes(e.value, swap);
  const { rawVr: _raw, ...rest } = e;
  return { ...rest, vr, value };
}

/** Size of the units to byte-swap for a VR (AT swaps its two 16-bit halves), or undefined. */
function swapSize(vr: string): number | undefined {
  if (vr === 'AT') return 2;
  const size = binaryValueSize(vr);
  return size !== undefined && size > 1 ? size : undefined;
}

function swapBytes(value: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(value.length);
  const whole = value.length - (value.length % size);
  for (let off = 0; off < whole; off += size) {
    for (let k = 0; k < size; k++) out[off + k] = value[off + size - 1 - k] ?? 0;
  }
  out.set(value.subarray(whole), whole);
  return out;
}
