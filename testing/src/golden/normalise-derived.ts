import { createHash } from 'node:crypto';
import { lookupTag, type DicomValue } from '@atrium/sdk';
import { dicomDate, dicomDateTime, dicomTime, dicomValueOf, formatTag, parseDicom, type DataElement, type DataSet } from '@atrium/host/engine';
import type { DerivedTestObject } from '../derived-test-object.js';

/**
 * A value in a golden file: text and numbers as read, bulk data by size and hash (by size only for
 * the attributes of {@link GoldenOptions.lengthOnly}), sequences as lists of items.
 */
export type GoldenValue = string | number | readonly (string | number)[] | { readonly bytes: number; readonly sha256?: string } | readonly GoldenItem[];

/** How {@link normaliseDerived} (and `expectDerivedToMatchGolden`) writes an object's golden form. */
export interface GoldenOptions {
  /**
   * Keywords of attributes whose bulk data the golden holds by length only, not by hash — e.g.
   * `['PixelData']` of a GPU rendering, whose pixels differ in their last bits from one renderer or
   * browser version to another. Check such values by tolerance in the test.
   */
  readonly lengthOnly?: readonly string[];
}

/** Attributes of a golden file: `(gggg,eeee) VR Keyword` → value, in tag order. */
export type GoldenItem = { readonly [attribute: string]: GoldenValue };

/** What a golden file holds for one derived object. */
export interface GoldenObject {
  readonly output: string;
  readonly sopClassUID: string;
  /** Every attribute of the object, normalised. */
  readonly attributes: GoldenItem;
  /**
   * How the mapping engine produced each attribute it considered (keyword → rule and note), sorted
   * by keyword — those it wrote, removed or left out, not those absent for want of a value.
   */
  readonly provenance: Readonly<Record<string, string>>;
}

/** UIDs kept as they are: the DICOM standard's own (PS3.6 Annex A) and HL7's coding systems (SNOMED CT, LOINC, UCUM). */
const STANDARD_UID = /^(?:1\.2\.840\.10008|2\.16\.840\.1\.113883)\./;
const BULK_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
/** Provenance of an attribute that produced nothing because it had nothing to take (left out of goldens: noise). */
const NOTHING = /\((?:absent in the source|no value|the app gave no pixels)\)$/;

/**
 * The golden form of a derived object: every attribute, nested items included, keyed by tag,
 * VR and keyword, with what changes from run to run or release to release replaced —
 * - UIDs other than the standard's by `<uid N>`, numbered in order of first appearance (equal
 *   UIDs keep equal names, so references stay visible);
 * - the run's date, time and date-time (what the date / time generators write) by `<run date>`,
 *   `<run time>`, `<run date-time>`;
 * - bulk data (Pixel Data, OB / OW …) by its length and SHA-256 (by its length only for the
 *   attributes `options.lengthOnly` names).
 * Dates and times of the sources are kept.
 */
export function normaliseDerived(object: DerivedTestObject, options: GoldenOptions = {}): GoldenObject {
  const lengthOnly = new Set(options.lengthOnly ?? []);
  const run = new Map([[dicomDate(object.now), '<run date>'], [dicomTime(object.now), '<run time>'], [dicomDateTime(object.now), '<run date-time>']]);
  const uids = new Map<string, string>();
  const text = (vr: string, s: string): string => {
    if (vr === 'UI' && s !== '' && !STANDARD_UID.test(s)) {
      if (!uids.has(s)) uids.set(s, `<uid ${uids.size + 1}>`);
      return uids.get(s)!;
    }
    return (vr === 'DA' || vr === 'TM' || vr === 'DT') && run.has(s) ? run.get(s)! : s;
  };
  const walk = (ds: DataSet): GoldenItem => {
    const out: Record<string, GoldenValue> = {};
    for (const e of ds.elements) out[attributeName(e)] = valueOf(ds, e, text, walk, lengthOnly.has(keywordOf(e)));
    return out;
  };
  const attributes = walk(parseDicom(object.bytes).dataset);
  const provenance = Object.fromEntries(Object.entries(object.provenance).filter(([, how]) => !NOTHING.test(how)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { output: object.output, sopClassUID: object.sopClassUID, attributes, provenance };
}

/** The standard keyword of a (non-private) element, '' for a private or unknown one. */
function keywordOf(e: DataElement): string {
  return ((Math.floor(e.tag / 0x10000) & 1) === 0 ? lookupTag(e.tag)?.keyword : undefined) ?? '';
}

function attributeName(e: DataElement): string {
  const keyword = keywordOf(e);
  return `${formatTag(e.tag)} ${e.vr}${keyword ? ` ${keyword}` : ''}`;
}

function valueOf(ds: DataSet, e: DataElement, text: (vr: string, s: string) => string, walk: (ds: DataSet) => GoldenItem, lengthOnly: boolean): GoldenValue {
  const bulk = (bytes: Uint8Array): GoldenValue => (lengthOnly ? { bytes: bytes.length } : { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  if (e.items) return e.items.map((item) => walk(item.dataset));
  if (e.encapsulated) return bulk(Buffer.concat(e.encapsulated.fragments));
  if (BULK_VRS.has(e.vr)) return bulk(e.value);
  const v: DicomValue = dicomValueOf(ds, e);
  if (typeof v === 'string') return text(e.vr, v);
  if (typeof v === 'number') return v;
  if (v instanceof Uint8Array) return bulk(v);
  if ((v as readonly unknown[]).length === 0) return '';
  return (v as readonly (string | number)[]).map((x) => (typeof x === 'string' ? text(e.vr, x) : x));
}
