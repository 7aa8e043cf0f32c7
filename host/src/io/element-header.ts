import { lookupKeyword, lookupTag, Tag } from '@atrium/sdk';
import { UNDEFINED_LENGTH } from './data-element.js';
import { formatTag, parseError } from './parse-error.js';
import { IMPLICIT_LE, type DatasetEncoding } from './transfer-syntax.js';
import { hasLongHeader, isKnownVr } from './vr.js';

export const ITEM = Tag.Item;
export const ITEM_DELIMITATION = Tag.ItemDelimitationItem;
export const SEQUENCE_DELIMITATION = Tag.SequenceDelimitationItem;
export const PIXEL_DATA = Tag.PixelData;
export const PIXEL_REPRESENTATION = Tag.PixelRepresentation;
export const SPECIFIC_CHARACTER_SET = Tag.SpecificCharacterSet;

/** One element header as read from the stream (PS3.5 §7.1). */
export interface ElementHeader {
  readonly tag: number;
  /** The VR as written (explicit VR), from the dictionary (implicit VR), or `UN` for invalid VR bytes. */
  readonly vr: string;
  /** The value length field (may be {@link UNDEFINED_LENGTH}). */
  readonly length: number;
  /** Bytes of the header: 8, or 12 for an explicit VR with a 32-bit length. */
  readonly headerLength: number;
  /** Explicit-VR stream, invalid VR bytes (read as implicit VR with a 16-bit length): the two bytes as written. */
  readonly rawVr?: Uint8Array;
}

/** How the element's value is laid out, as both the parser and the streaming walker read it. */
export type ElementLayout =
  | { readonly kind: 'value' }
  | { readonly kind: 'sequence'; readonly vr: 'SQ' | 'UN'; readonly itemsEncoding: DatasetEncoding }
  | { readonly kind: 'encapsulated' };

/**
 * Reads the element header at `pos` (at least 8 bytes must be there). An explicit-VR
 * stream whose VR bytes are not a VR is read as implicit VR, keeping the two bytes, with
 * the 16-bit length such writers produce; implicit VR takes the dictionary's VR, SS for
 * "US or SS" pixel attributes when `signedPixels`. Throws ATRIUM_ERR_PARSE_TRUNCATED
 * when a 12-byte header is cut off (`avail` bytes are left), naming `offset` (the
 * header's offset in the file when `bytes` is a window of it).
 */
export function readElementHeader(
  bytes: Uint8Array,
  view: DataView,
  pos: number,
  avail: number,
  enc: DatasetEncoding,
  signedPixels: boolean,
  path: readonly number[],
  offset = pos,
): ElementHeader {
  const le = enc.littleEndian;
  const tag = view.getUint16(pos, le) * 0x10000 + view.getUint16(pos + 2, le);
  const delimiter = tag >>> 16 === 0xfffe;
  const vrText = String.fromCharCode(bytes[pos + 4] ?? 0, bytes[pos + 5] ?? 0);
  if (enc.explicitVR && !delimiter && isKnownVr(vrText)) {
    if (!hasLongHeader(vrText)) return { tag, vr: vrText, length: view.getUint16(pos + 6, le), headerLength: 8 };
    if (avail < 12) throw parseError('TRUNCATED', 'element header is cut off', [...path, tag], offset);
    return { tag, vr: vrText, length: view.getUint32(pos + 8, le), headerLength: 12 };
  }
  if (enc.explicitVR && !delimiter) {
    // Invalid VR bytes followed by a 16-bit length is what such writers produce; keep the bytes.
    return { tag, vr: 'UN', length: view.getUint16(pos + 6, le), headerLength: 8, rawVr: bytes.slice(pos + 4, pos + 6) };
  }
  return { tag, vr: implicitVr(tag, signedPixels), length: view.getUint32(pos + 4, le), headerLength: 8 };
}

/**
 * How the value of `h` is laid out: encapsulated Pixel Data (undefined length at the top
 * level), a sequence (SQ; UN or an implicit-VR element of undefined length, whose items
 * are Implicit VR Little Endian for UN in an explicit stream, PS3.5 §6.2.2), or a plain
 * value. Throws ATRIUM_ERR_PARSE_MALFORMED for undefined length on any other VR.
 */
export function elementLayout(h: ElementHeader, enc: DatasetEncoding, depth: number, path: readonly number[], offset: number): ElementLayout {
  if (h.length === UNDEFINED_LENGTH) {
    if (h.tag === PIXEL_DATA && depth === 0 && h.vr !== 'SQ') return { kind: 'encapsulated' };
    if (h.vr === 'SQ' || h.vr === 'UN' || implicitVr(h.tag) === 'SQ' || !enc.explicitVR) {
      const itemsEncoding = h.vr === 'UN' && enc.explicitVR ? IMPLICIT_LE : enc;
      return { kind: 'sequence', vr: h.vr === 'UN' ? 'UN' : 'SQ', itemsEncoding };
    }
    throw parseError('MALFORMED', `undefined length is not allowed for VR ${h.vr}`, [...path, h.tag], offset);
  }
  return h.vr === 'SQ' ? { kind: 'sequence', vr: 'SQ', itemsEncoding: enc } : { kind: 'value' };
}

/**
 * Whether `tag`, read where a data element is expected, is the Item Delimitation Item that
 * ends the item of undefined length being read (`inItem`). Any other tag of group FFFE —
 * kept for items and delimiters (PS3.5 §7.5) — is not a data element: a stray Sequence
 * Delimitation Item or Item, an Item Delimitation Item outside such an item. DCMTK stops
 * reading there and pydicom cannot list it, so it is refused (ATRIUM_ERR_PARSE_MALFORMED)
 * by the parser and the streaming walker alike: the store, `show`, `render` and the
 * de-identifier give one verdict.
 */
export function endsItem(tag: number, inItem: boolean, path: readonly number[], offset: number): boolean {
  if (tag >>> 16 !== 0xfffe) return false;
  if (tag === ITEM_DELIMITATION) {
    if (inItem) return true;
    throw parseError('MALFORMED', 'Item Delimitation Item outside an item of undefined length', path, offset);
  }
  const what = tag === SEQUENCE_DELIMITATION ? 'a Sequence Delimitation Item (FFFE,E0DD), which ends no sequence here,' : tag === ITEM ? 'an Item (FFFE,E000) outside a sequence' : `${formatTag(tag)} (group FFFE holds only items and delimiters)`;
  throw parseError('MALFORMED', `found ${what} where a data element${inItem ? ' or the Item Delimitation Item' : ''} is expected`, path, offset);
}

/** The item header at `pos` of a sequence (8 bytes must be there): its tag and length. */
export function readItemHeader(view: DataView, pos: number, le: boolean): { tag: number; length: number } {
  return { tag: view.getUint16(pos, le) * 0x10000 + view.getUint16(pos + 2, le), length: view.getUint32(pos + 4, le) };
}

/** The error for a tag where an Item was expected. */
export function notAnItem(tag: number, path: readonly number[], offset: number, what = 'an Item'): Error {
  return parseError('MALFORMED', `expected ${what} (FFFE,E000), found ${formatTag(tag)}`, path, offset);
}

/** LUT descriptors are "US or SS" in the dictionary, but their 1st and 3rd values are always unsigned (PS3.3 C.11.1.1.1). */
const LUT_DESCRIPTORS = new Set([
  Tag.RedPaletteColorLookupTableDescriptor,
  Tag.GreenPaletteColorLookupTableDescriptor,
  Tag.BluePaletteColorLookupTableDescriptor,
  Tag.LUTDescriptor,
  // retired, still found in older files
  ...['GrayLookupTableDescriptor', 'LargeRedPaletteColorLookupTableDescriptor', 'LargeGreenPaletteColorLookupTableDescriptor', 'LargeBluePaletteColorLookupTableDescriptor'].map((k) => lookupKeyword(k)!.tag),
]);

/**
 * VR for an implicit-VR element: from the dictionary, `UN` when unknown (private tags
 * included). A "US or SS" pixel value attribute is SS when Pixel Representation
 * (0028,0103) is 1 (`signedPixels`), as DCMTK and pydicom read it.
 */
export function implicitVr(tag: number, signedPixels = false): string {
  if ((tag & 0xffff) === 0x0000) return 'UL';
  const entry = lookupTag(tag);
  if (!entry) return 'UN';
  if (tag === PIXEL_DATA) return 'OW';
  if (signedPixels && entry.vrs.length === 2 && entry.vrs[0] === 'US' && entry.vrs[1] === 'SS' && !LUT_DESCRIPTORS.has(tag)) return 'SS';
  return entry.vr;
}
