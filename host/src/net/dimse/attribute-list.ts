import { Tag, lookupKeyword, lookupTag } from '@atrium/sdk';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import type { DataElement } from '../../io/data-element.js';
import { DataSet } from '../../io/data-set.js';
import { bytesElement, numberElement, stringElement } from '../../io/element-factory.js';
import { parseDataset } from '../../io/parse-dataset.js';
import { transferSyntaxInfo, type DatasetEncoding } from '../../io/transfer-syntax.js';
import { binaryValueSize } from '../../io/vr.js';
import { writeDataset } from '../../io/write-dataset.js';

/**
 * One attribute's value in an {@link AttributeList}: text (multi-values joined by
 * backslash, '' for an empty Type 2 value), numbers for binary VRs, the items of a
 * sequence, or raw bytes (OB / OW, e.g. Pixel Data).
 */
export type AttributeValue = string | number | readonly number[] | readonly AttributeList[] | Uint8Array | null;

/**
 * The data set of a DIMSE-N message (PS3.7 §10.1: the Attribute List of N-CREATE / N-SET /
 * N-GET, the Action / Event Information of N-ACTION / N-EVENT-REPORT) by keyword, as the
 * standard spells them. `null` (or '' for text) is a zero-length value (an N-GET "return it"
 * key, a Type 2 empty); decoding gives '' for empty text, `null` for other empty values.
 */
export interface AttributeList {
  readonly [keyword: string]: AttributeValue | undefined;
}

/** The element of one attribute, in `enc`. */
function element(keyword: string, value: AttributeValue, enc: DatasetEncoding, charset: readonly string[]): DataElement {
  const entry = lookupKeyword(keyword);
  if (!entry) throw new AtriumError('ATRIUM_ERR_NET_BAD_REQUEST', `"${keyword}" is not a keyword of the DICOM dictionary`, { keyword });
  const vr = entry.vr.includes('OW') ? 'OW' : entry.vr.split('|')[0]!;
  if (value === null || value === '') return bytesElement(entry.tag, vr === 'SQ' ? 'SQ' : vr, new Uint8Array(0));
  if (vr === 'SQ') {
    if (!Array.isArray(value)) throw new AtriumError('ATRIUM_ERR_NET_BAD_REQUEST', `${keyword} is a sequence: its value must be a list of items`, { keyword });
    const items = (value as readonly AttributeList[]).map((item) => ({ dataset: dataSet(item, enc, charset), undefinedLength: false }));
    return { tag: entry.tag, vr: 'SQ', value: new Uint8Array(0), items, undefinedLength: false };
  }
  if (value instanceof Uint8Array) {
    if (value.length % 2 === 0) return bytesElement(entry.tag, vr, value);
    const padded = new Uint8Array(value.length + 1); // PS3.5 §7.1.1: even length, padded with 00
    padded.set(value);
    return bytesElement(entry.tag, vr, padded);
  }
  if (binaryValueSize(vr) !== undefined) return numberElement(entry.tag, vr, typeof value === 'number' ? [value] : (value as readonly number[]), enc);
  return stringElement(entry.tag, vr, typeof value === 'number' ? String(value) : Array.isArray(value) ? value.map(String) : (value as string), charset);
}

function dataSet(list: AttributeList, enc: DatasetEncoding, charset: readonly string[]): DataSet {
  const elements = Object.entries(list).filter((e): e is [string, AttributeValue] => e[1] !== undefined).map(([k, v]) => element(k, v, enc, charset));
  elements.sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  return new DataSet(elements, enc, charset);
}

/**
 * Encodes an attribute list in `transferSyntax` (VRs from the dictionary: OW where OW is
 * one of them, else the first), with Specific Character Set ISO_IR 192 when a text is not ASCII.
 * @throws AtriumError `ATRIUM_ERR_NET_BAD_REQUEST` naming a keyword that is not in the dictionary.
 */
export function encodeAttributes(list: AttributeList, transferSyntax: string): Uint8Array {
  const enc = transferSyntaxInfo(transferSyntax);
  const unicode = JSON.stringify(list, (_k, v: unknown) => (v instanceof Uint8Array ? '' : v)).match(/[^\x20-\x7e]/) !== null;
  const withCharset: AttributeList = unicode && list.SpecificCharacterSet === undefined ? { ...list, SpecificCharacterSet: 'ISO_IR 192' } : list;
  return writeDataset(dataSet(withCharset, enc, unicode ? ['ISO_IR 192'] : []), enc);
}

function listOf(ds: DataSet): AttributeList {
  const out: Record<string, AttributeValue> = {};
  for (const e of ds.elements) {
    const keyword = lookupTag(e.tag)?.keyword;
    if (!keyword || e.tag === Tag.SpecificCharacterSet) continue;
    if (e.items) out[keyword] = e.items.map((i) => listOf(i.dataset));
    else if (e.vr === 'OB' || e.vr === 'OW' || e.vr === 'UN') out[keyword] = e.value.length === 0 ? null : e.value;
    else if (binaryValueSize(e.vr) !== undefined) {
      if (e.value.length === 0) {
        out[keyword] = null;
        continue;
      }
      const n = ds.numbers(e.tag);
      out[keyword] = n.length === 1 ? n[0]! : n;
    } else out[keyword] = ds.text(e.tag) ?? '';
  }
  return out;
}

/**
 * Reads a DIMSE-N data set into an attribute list (private and unknown elements left out).
 * @throws AtriumError `ATRIUM_ERR_NET_MALFORMED_DIMSE` when it cannot be parsed.
 */
export function decodeAttributes(bytes: Uint8Array, transferSyntax: string): AttributeList {
  try {
    return listOf(parseDataset(bytes, transferSyntaxInfo(transferSyntax)).dataset);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    throw new AtriumError('ATRIUM_ERR_NET_MALFORMED_DIMSE', `Unreadable DIMSE-N data set: ${e.message}`, { ...e.details });
  }
}

/** The string value of `keyword` in `list` ('' and absent alike: undefined). */
export function textOf(list: AttributeList, keyword: string): string | undefined {
  const v = list[keyword];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** The items of sequence `keyword` in `list` ([] when absent or empty). */
export function itemsOf(list: AttributeList, keyword: string): readonly AttributeList[] {
  const v = list[keyword];
  return Array.isArray(v) && (v.length === 0 || typeof v[0] === 'object') ? (v as readonly AttributeList[]) : [];
}
