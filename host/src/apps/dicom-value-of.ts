import type { DicomItem, DicomValue } from '@atrium/sdk';
import type { DataElement } from '../io/data-element.js';
import type { DataSet } from '../io/data-set.js';
import { decodeElementNumbers, decodeElementStrings } from '../io/element-value.js';
import { binaryValueSize, isStringVr } from '../io/vr.js';
import { lookupKeyword, lookupTag } from '@atrium/sdk';

/**
 * The SDK view of an element's value: strings (one, or a list when multi-valued), numbers
 * (IS/DS and binary VRs), raw bytes (OB/OW/UN and other bulk data), sequence items as
 * keyword → value records (private attributes left out).
 */
export function dicomValueOf(ds: DataSet, e: DataElement): DicomValue {
  if (e.items) return e.items.map((item) => datasetRecord(item.dataset));
  if (e.encapsulated) return new Uint8Array(0);
  if (e.vr === 'IS' || e.vr === 'DS') return single(decodeElementNumbers(e, ds.encoding));
  if (isStringVr(e.vr)) return single(decodeElementStrings(e, ds.encoding, ds.characterSet));
  if (e.vr === 'OB' || e.vr === 'OW' || e.vr === 'UN' || e.vr === 'OD' || e.vr === 'OF' || e.vr === 'OL' || e.vr === 'OV') return e.value;
  if (binaryValueSize(e.vr) !== undefined) return single(decodeElementNumbers(e, ds.encoding));
  return e.value;
}

/** The value of the attribute with this keyword (standard attributes only). */
export function attributeOf(ds: DataSet, keyword: string): DicomValue | undefined {
  const entry = lookupKeyword(keyword);
  const e = entry ? ds.get(entry.tag) : undefined;
  return e ? dicomValueOf(ds, e) : undefined;
}

function datasetRecord(ds: DataSet): DicomItem {
  const out: Record<string, DicomValue> = {};
  for (const e of ds.elements) {
    const keyword = lookupTag(e.tag)?.keyword;
    if (keyword && (Math.floor(e.tag / 0x10000) & 1) === 0) out[keyword] = dicomValueOf(ds, e);
  }
  return out;
}

function single<T>(values: T[]): T | T[] {
  return values.length === 1 ? (values[0] as T) : values;
}
