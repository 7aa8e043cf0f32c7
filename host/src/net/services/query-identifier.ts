import { Tag, lookupKeyword, lookupTag } from '@atrium/sdk';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { DataSet } from '../../io/data-set.js';
import type { DataElement } from '../../io/data-element.js';
import { bytesElement, numberElement, stringElement } from '../../io/element-factory.js';
import { parseDataset } from '../../io/parse-dataset.js';
import { transferSyntaxInfo } from '../../io/transfer-syntax.js';
import { writeDataset } from '../../io/write-dataset.js';
import { LEVEL_DEPTH, QUERY_KEYS, type QueryLevel } from '../../db/query-keys.js';
import type { QueryResult } from '../../db/query-engine.js';

/** A C-FIND/C-MOVE/C-GET Identifier read into query-engine terms. */
export interface QueryIdentifier {
  readonly level: QueryLevel;
  /** Keyword → value (`undefined`: universal matching / return the value). */
  readonly keys: Record<string, string | undefined>;
  /** Requested keywords, in the order received. */
  readonly requested: readonly string[];
  /** Requested attributes the index cannot match or return (→ Pending FF01). */
  readonly unsupported: readonly string[];
  /** The query's Specific Character Set (its values are decoded with it; answers use it when they fit). */
  readonly characterSet: readonly string[];
}

const BINARY = new Set(['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'UV', 'SV']);
const NOT_KEYS: ReadonlySet<number> = new Set([Tag.QueryRetrieveLevel, Tag.SpecificCharacterSet, Tag.RetrieveAETitle, Tag.InstanceAvailability]);

/**
 * Reads an Identifier (PS3.4 §C.4.1.1.3) encoded in `transferSyntax`.
 * @throws AtriumError `ATRIUM_ERR_NET_BAD_IDENTIFIER` (unreadable, no or unknown Query/Retrieve Level) — answered A900.
 */
export function readIdentifier(bytes: Uint8Array, transferSyntax: string): QueryIdentifier {
  let ds: DataSet;
  try {
    ds = parseDataset(bytes, transferSyntaxInfo(transferSyntax)).dataset;
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    throw new AtriumError('ATRIUM_ERR_NET_BAD_IDENTIFIER', `Unreadable Identifier: ${e.message}`, { ...e.details });
  }
  const level = ds.string(Tag.QueryRetrieveLevel)?.trim().toUpperCase();
  if (!level || !(level in LEVEL_DEPTH)) {
    throw new AtriumError('ATRIUM_ERR_NET_BAD_IDENTIFIER', `Query/Retrieve Level (0008,0052) is ${level ? `"${level}"` : 'missing'}; expected PATIENT, STUDY, SERIES or IMAGE`, { level });
  }
  const keys: Record<string, string | undefined> = {};
  const requested: string[] = [];
  const unsupported: string[] = [];
  for (const e of ds.elements) {
    if (NOT_KEYS.has(e.tag) || (e.tag & 0xffff) === 0 || (Math.floor(e.tag / 0x10000) & 1) === 1) continue;
    const keyword = lookupTag(e.tag)?.keyword;
    if (!keyword) continue;
    requested.push(keyword);
    if (!QUERY_KEYS[keyword] || e.vr === 'SQ' || e.items) {
      unsupported.push(keyword);
      continue;
    }
    const value = ds.text(e.tag);
    keys[keyword] = value === undefined || value === '' ? undefined : value;
  }
  return { level: level as QueryLevel, keys, requested, unsupported, characterSet: ds.characterSet };
}

/**
 * Writes one match as a response Identifier in `transferSyntax`: the requested keys
 * (empty when unknown), the unique keys the engine added, Query/Retrieve Level and
 * Retrieve AE Title; in the query's character set when every value fits it (see
 * {@link encodeIdentifier}).
 */
export function writeIdentifier(match: QueryResult, requested: readonly string[], level: QueryLevel, transferSyntax: string, retrieveAeTitle: string, characterSet: readonly string[] = []): Uint8Array {
  const values = new Map<string, string>();
  for (const k of new Set([...requested, ...Object.keys(match)])) {
    const v = match[k];
    values.set(k, v === undefined ? '' : String(v));
  }
  values.set('QueryRetrieveLevel', level);
  values.set('RetrieveAETitle', retrieveAeTitle);
  values.delete('SpecificCharacterSet');
  values.delete('TransferSyntaxUID');
  return encodeIdentifier(values, transferSyntax, characterSet);
}

/**
 * Encodes keyword → value pairs as an Identifier data set in `transferSyntax` (VRs from
 * the dictionary; binary VRs as numbers; sequences and unknown keywords skipped). When a
 * value is not ASCII, Specific Character Set is `preferred` (the query's: Shimadzu SCORE 3D
 * conformance statement §8, DAR-9500f Table 24 answer in the character set of the query)
 * when every value can be encoded in it, else ISO_IR 192.
 */
export function encodeIdentifier(values: ReadonlyMap<string, string>, transferSyntax: string, preferred: readonly string[] = []): Uint8Array {
  const unicode = [...values.values()].some((v) => /[^\x20-\x7e]/.test(v));
  if (unicode && preferred.some((t) => t !== '')) {
    try {
      return encodeIn(values, transferSyntax, preferred);
    } catch (e) {
      if (!isAtriumError(e) || e.code !== 'ATRIUM_ERR_CHARSET_UNENCODABLE') throw e;
    }
  }
  return encodeIn(values, transferSyntax, unicode ? ['ISO_IR 192'] : []);
}

function encodeIn(values: ReadonlyMap<string, string>, transferSyntax: string, charset: readonly string[]): Uint8Array {
  const encoding = transferSyntaxInfo(transferSyntax);
  const elements: DataElement[] = charset.length > 0 ? [stringElement(Tag.SpecificCharacterSet, 'CS', charset)] : [];
  for (const [keyword, value] of values) {
    const entry = lookupKeyword(keyword);
    if (!entry || entry.vr === 'SQ' || entry.vr === 'UN' || entry.tag === Tag.SpecificCharacterSet) continue;
    if (BINARY.has(entry.vr)) elements.push(value === '' ? bytesElement(entry.tag, entry.vr, new Uint8Array(0)) : numberElement(entry.tag, entry.vr, [Number(value)], encoding));
    else elements.push(stringElement(entry.tag, entry.vr, value, charset));
  }
  elements.sort((a, b) => a.tag - b.tag);
  return writeDataset(new DataSet(elements, encoding, charset), encoding);
}

/**
 * Reads a response Identifier into keyword → value (multi-values joined by backslash;
 * sequences and private elements skipped).
 * @throws AtriumError `ATRIUM_ERR_NET_BAD_IDENTIFIER`.
 */
export function identifierValues(bytes: Uint8Array, transferSyntax: string): Record<string, string> {
  let ds: DataSet;
  try {
    ds = parseDataset(bytes, transferSyntaxInfo(transferSyntax)).dataset;
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    throw new AtriumError('ATRIUM_ERR_NET_BAD_IDENTIFIER', `Unreadable response Identifier: ${e.message}`, { ...e.details });
  }
  const out: Record<string, string> = {};
  for (const e of ds.elements) {
    const entry = lookupTag(e.tag);
    if (!entry?.keyword || e.vr === 'SQ' || e.items || entry.tag === Tag.SpecificCharacterSet) continue;
    out[entry.keyword] = BINARY.has(e.vr) ? ds.numbers(e.tag).join('\\') : (ds.text(e.tag) ?? '');
  }
  return out;
}
