import { lookupKeyword, type DicomItem, type DicomValue } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { bytesElement, numberElement, stringElement } from '../io/element-factory.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';
import { binaryValueSize, isStringVr } from '../io/vr.js';

/**
 * Encode a value as plugins give it ({@link DicomValue}) into an Explicit VR Little Endian
 * element of the attribute named by `keyword`, its VR from the dictionary (US or SS: SS when
 * a value is negative; OB or OW: OB for bytes). Strings of text VRs are encoded with
 * `characterSet`; numbers of IS / DS are written as text (DS with at most 16 characters);
 * items of sequences are keyword → value records, encoded recursively. `''` gives an empty
 * element (an empty sequence for SQ). Throws AtriumError ATRIUM_ERR_DERIVE_VALUE naming the
 * attribute when the keyword is unknown or the value does not fit the VR; text that the
 * character set cannot encode throws ATRIUM_ERR_CHARSET_UNENCODABLE.
 */
export function elementFromValue(keyword: string, value: DicomValue, characterSet: readonly string[]): DataElement {
  const entry = lookupKeyword(keyword);
  if (!entry) throw bad(keyword, 'is not a DICOM keyword (PS3.6)');
  return elementWithVr(entry.tag, pickVr(entry.vrs, value), value, characterSet, keyword);
}

/**
 * Encode a value into an Explicit VR Little Endian element of the given tag and VR (as
 * {@link elementFromValue}, for elements the dictionary does not name: private elements);
 * `label` names the attribute in errors.
 */
export function elementWithVr(tag: number, vr: string, value: DicomValue, characterSet: readonly string[], label: string): DataElement {
  const keyword = label;
  if (vr === 'SQ') {
    if (value === '') return { tag, vr, value: new Uint8Array(0), items: [], undefinedLength: false };
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null)) throw bad(keyword, 'is a sequence: give an array of items (keyword → value records)');
    const items = (value as readonly DicomItem[]).map((item) => ({ dataset: itemDataset(item, characterSet), undefinedLength: false }));
    return { tag, vr, value: new Uint8Array(0), items, undefinedLength: false };
  }
  if (value instanceof Uint8Array) {
    if (isStringVr(vr)) throw bad(keyword, `has VR ${vr}: give text, not bytes`);
    const padded = value.length % 2 === 0 ? value : concatZero(value);
    return bytesElement(tag, vr, padded);
  }
  const list: readonly (string | number)[] = Array.isArray(value) ? (value as readonly (string | number)[]) : [value as string | number];
  if (list.some((v) => typeof v === 'object')) throw bad(keyword, `has VR ${vr}: items are only for sequences`);
  if (isStringVr(vr)) return stringElement(tag, vr, list.map((v) => (typeof v === 'number' ? numberText(v, vr, keyword) : v)), characterSet);
  if (binaryValueSize(vr) !== undefined || vr === 'OB') {
    const numbers = list.map((v) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v)));
    if (list.length === 1 && list[0] === '') return { tag, vr, value: new Uint8Array(0), undefinedLength: false };
    if (numbers.some((n) => !Number.isFinite(n))) throw bad(keyword, `has VR ${vr}: values must be numbers (got ${JSON.stringify(value)})`);
    return numberElement(tag, vr, numbers, EXPLICIT_LE);
  }
  throw bad(keyword, `has VR ${vr}, which content values cannot give`);
}

function itemDataset(item: DicomItem, characterSet: readonly string[]): DataSet {
  const elements = Object.entries(item).map(([k, v]) => elementFromValue(k, v, characterSet));
  elements.sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  return new DataSet(elements, EXPLICIT_LE, characterSet);
}

function pickVr(vrs: readonly string[], value: DicomValue): string {
  if (vrs.length <= 1) return vrs[0] ?? 'UN';
  if (value instanceof Uint8Array && vrs.includes('OB')) return 'OB';
  if (vrs.includes('SS') && vrs.includes('US')) {
    const list = Array.isArray(value) ? value : [value];
    return list.some((v) => typeof v === 'number' && v < 0) ? 'SS' : 'US';
  }
  return vrs[0] ?? 'UN';
}

function numberText(n: number, vr: string, keyword: string): string {
  if (!Number.isFinite(n)) throw bad(keyword, `value ${n} is not a finite number`);
  if (vr === 'IS') {
    if (!Number.isInteger(n)) throw bad(keyword, `has VR IS: ${n} is not a whole number`);
    return String(n);
  }
  if (vr === 'DS') return decimalString(n);
  return String(n);
}

/** A number as a Decimal String value of at most 16 characters (PS3.5 §6.2). */
export function decimalString(v: number): string {
  let s = String(v === 0 ? 0 : v);
  for (let precision = 15; s.length > 16 && precision > 0; precision--) s = String(Number(v.toPrecision(precision)));
  return s;
}

function concatZero(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  return out;
}

function bad(keyword: string, what: string): AtriumError {
  return new AtriumError('ATRIUM_ERR_DERIVE_VALUE', `value of ${keyword} ${what}`, { keyword });
}
