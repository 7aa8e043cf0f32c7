import { Tag } from '@atrium/sdk';
import type { DataElement } from '../../io/data-element.js';
import type { DataSet } from '../../io/data-set.js';
import { decodeElementNumbers } from '../../io/element-value.js';
import { binaryValueSize, isStringVr } from '../../io/vr.js';

/** One attribute of a DICOM JSON object (PS3.18 §F.2.2). */
export interface DicomJsonAttribute {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
}

/** A DICOM JSON data set: tag (8 uppercase hex digits) → attribute. */
export type DicomJsonObject = Record<string, DicomJsonAttribute>;

/** Options of {@link toDicomJson}. */
export interface DicomJsonOptions {
  /**
   * The BulkDataURI of a value at this tag path (`[tag]`, or `[seqTag, item, tag, ...]` for a
   * nested one); without it every binary value is inline.
   */
  readonly bulkDataUri?: (path: readonly number[]) => string;
  /** Binary values longer than this many bytes become BulkDataURI (default 1024). Pixel Data always does. */
  readonly bulkThreshold?: number;
}

/** `0x00100010` → `00100010`. */
export const jsonTag = (tag: number): string => (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');

/** Binary VRs whose value is bytes, not numbers (PS3.18 Table F.2.3-1: InlineBinary / BulkDataURI). */
const BYTES_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
/** Numeric VRs written as JSON Numbers. */
const NUMBER_VRS = new Set(['FL', 'FD', 'SL', 'SS', 'UL', 'US', 'SV', 'UV', 'IS', 'DS']);

/** The value bytes of an OW/OF/OL/OD/OV element, little endian (InlineBinary is little endian, PS3.18 §F.2.7). */
function littleEndianBytes(e: DataElement, littleEndian: boolean): Uint8Array {
  const size = e.vr === 'OB' || e.vr === 'UN' ? 1 : (binaryValueSize(e.vr) ?? 1);
  if (littleEndian || size === 1) return e.value;
  const out = new Uint8Array(e.value);
  for (let i = 0; i + size <= out.length; i += size) out.subarray(i, i + size).reverse();
  return out;
}

/** A number of a numeric string or binary VR; a value that is not a number stays a string (never NaN in JSON). */
function jsonNumber(value: number, text: string | undefined): number | string {
  if (Number.isFinite(value) && (Math.abs(value) <= Number.MAX_SAFE_INTEGER || !Number.isInteger(value))) return value;
  return text ?? String(value);
}

/** PN values as objects of their component groups (PS3.18 §F.2.2: Alphabetic, Ideographic, Phonetic). */
function personNames(values: readonly string[]): unknown[] {
  return values.map((v) => {
    if (v === '') return null;
    const [alphabetic, ideographic, phonetic] = v.split('=');
    const name: Record<string, string> = {};
    if (alphabetic) name.Alphabetic = alphabetic;
    if (ideographic) name.Ideographic = ideographic;
    if (phonetic) name.Phonetic = phonetic;
    return name;
  });
}

function stringValues(ds: DataSet, e: DataElement): unknown[] {
  const values = ds.strings(e.tag);
  if (e.vr === 'PN') return personNames(values);
  if (e.vr === 'IS' || e.vr === 'DS') return values.map((v) => (v.trim() === '' ? null : jsonNumber(Number(v), v.trim())));
  return values.map((v) => (v === '' ? null : v));
}

function attribute(ds: DataSet, e: DataElement, path: readonly number[], options: DicomJsonOptions): DicomJsonAttribute {
  const vr = e.vr;
  if (e.items !== undefined) {
    return { vr: 'SQ', ...(e.items.length > 0 ? { Value: e.items.map((item, i) => dataSetJson(item.dataset, options, [...path, e.tag, i])) } : {}) };
  }
  const bulk = (): DicomJsonAttribute | undefined => (options.bulkDataUri ? { vr, BulkDataURI: options.bulkDataUri([...path, e.tag]) } : undefined);
  if (e.encapsulated !== undefined) return bulk() ?? { vr };
  if (BYTES_VRS.has(vr)) {
    if (e.value.length === 0) return { vr };
    if (e.tag === Tag.PixelData || e.value.length > (options.bulkThreshold ?? 1024)) {
      const b = bulk();
      if (b) return b;
    }
    return { vr, InlineBinary: Buffer.from(littleEndianBytes(e, ds.encoding.littleEndian)).toString('base64') };
  }
  if (e.value.length === 0) return { vr };
  if (vr === 'AT') return { vr, Value: decodeElementNumbers(e, ds.encoding).map(jsonTag) };
  if (isStringVr(vr)) {
    const values = stringValues(ds, e);
    // A value of padding only is an empty attribute (PS3.18 §F.2.5), not one null value.
    return values.length === 1 && values[0] === null ? { vr } : { vr, Value: values };
  }
  if (NUMBER_VRS.has(vr)) return { vr, Value: decodeElementNumbers(e, ds.encoding).map((n) => jsonNumber(n, undefined)) };
  return { vr };
}

function dataSetJson(ds: DataSet, options: DicomJsonOptions, path: readonly number[]): DicomJsonObject {
  const out: DicomJsonObject = {};
  for (const e of ds.elements) {
    // Group lengths and the File Meta Information are not part of the data set's JSON.
    if ((e.tag & 0xffff) === 0 || e.tag >>> 16 === 0x0002) continue;
    out[jsonTag(e.tag)] = attribute(ds, e, path, options);
  }
  return out;
}

/**
 * A data set as DICOM JSON (PS3.18 Annex F): every attribute keyed by its tag with its VR;
 * strings with padding removed (empty values `null`); PN as `{ Alphabetic, Ideographic,
 * Phonetic }`; IS/DS and binary numbers as JSON Numbers (a value that is not a number, or an
 * integer beyond 2^53, stays a string); AT as tag strings; sequences as arrays of objects;
 * OB/OW/OF/OD/OL/OV/UN as base64 `InlineBinary` (little endian), or `BulkDataURI` when longer
 * than the threshold, and always for Pixel Data.
 */
export function toDicomJson(ds: DataSet, options: DicomJsonOptions = {}): DicomJsonObject {
  return dataSetJson(ds, options, []);
}
