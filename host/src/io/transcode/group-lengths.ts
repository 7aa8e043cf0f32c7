import { numberElement } from '../element-factory.js';
import type { DataElement } from '../data-element.js';
import { DataSet } from '../data-set.js';
import type { DatasetEncoding } from '../transfer-syntax.js';
import { writeDataset } from '../write-dataset.js';

/**
 * `ds` with every Group Length element (gggg,0000) recomputed for encoding `enc`, recursively
 * through sequence items (a changed encoding or Pixel Data changes the lengths, as DCMTK's
 * default `--group-length-recalc` does). Returns `ds` itself when it holds none.
 */
export function recalculateGroupLengths(ds: DataSet, enc: DatasetEncoding): DataSet {
  let changed = false;
  const elements = ds.elements.map((e): DataElement => {
    if (!e.items) return e;
    const items = e.items.map((item) => {
      const dataset = recalculateGroupLengths(item.dataset, enc);
      return dataset === item.dataset ? item : { ...item, dataset };
    });
    if (items.every((it, i) => it === e.items?.[i])) return e;
    changed = true;
    return { ...e, items };
  });
  const withLengths = elements.map((e) => {
    if ((e.tag & 0xffff) !== 0 || e.items || e.encapsulated) return e;
    const group = e.tag >>> 16;
    const members = elements.filter((m) => m.tag >>> 16 === group && (m.tag & 0xffff) !== 0);
    const length = writeDataset(new DataSet(members, enc), enc).length;
    changed = true;
    return numberElement(e.tag, 'UL', [length], enc);
  });
  return changed ? new DataSet(withLengths, ds.encoding, ds.characterSet) : ds;
}
