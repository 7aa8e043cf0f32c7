import type { DataElement } from '../data-element.js';
import { DataSet } from '../data-set.js';
import { toExplicitLittleEndian } from '../to-explicit-little-endian.js';
import { EXPLICIT_LE, type DatasetEncoding } from '../transfer-syntax.js';
import { hasLongHeader } from '../vr.js';

/** Largest value an explicit-VR element with a 16-bit length field can hold. */
const SHORT_LENGTH_MAX = 0xfffe;

/**
 * The dataset `ds` (read in encoding `from`) with elements fit to be written in Explicit or
 * Implicit VR Little Endian, recursively through sequences: Explicit VR Little Endian input
 * is kept as read (byte-exact); Implicit VR and Big Endian input gets explicit VRs and
 * little-endian binary values ({@link toExplicitLittleEndian}); a value too long for its
 * VR's 16-bit length field (possible when read as implicit VR) becomes UN (PS3.5 §6.2.2).
 */
export function explicitElements(ds: DataSet, from: DatasetEncoding): DataSet {
  if (from.explicitVR && from.littleEndian) return ds;
  const elements = ds.elements.map((e) => fitLength(toExplicitLittleEndian(e, from)));
  return new DataSet(elements, EXPLICIT_LE, ds.characterSet);
}

function fitLength(e: DataElement): DataElement {
  if (e.items) {
    const items = e.items.map((item) => {
      const elements = item.dataset.elements.map(fitLength);
      return elements.every((c, i) => c === item.dataset.elements[i]) ? item : { ...item, dataset: new DataSet(elements, EXPLICIT_LE, item.dataset.characterSet) };
    });
    return items.every((it, i) => it === e.items?.[i]) ? e : { ...e, items };
  }
  if (e.encapsulated || hasLongHeader(e.vr) || e.value.length <= SHORT_LENGTH_MAX) return e;
  return { ...e, vr: 'UN' };
}
