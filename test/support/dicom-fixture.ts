/**
 * Builds DICOM datasets byte by byte for tests that need odd or broken encodings (odd
 * lengths, undefined-length sequences and items, unknown tags, invalid VRs, lengths that
 * lie). Written independently of the host's writer: it encodes exactly what it is told,
 * pads nothing and checks nothing.
 */
import { concatBytes } from '../../host/src/io/concat-bytes.js';

/** Encoding of a fixture dataset. */
export interface FixtureEncoding {
  readonly explicitVR: boolean;
  readonly littleEndian: boolean;
}

export const FIXTURE_IMPLICIT_LE: FixtureEncoding = { explicitVR: false, littleEndian: true };
export const FIXTURE_EXPLICIT_LE: FixtureEncoding = { explicitVR: true, littleEndian: true };
export const FIXTURE_EXPLICIT_BE: FixtureEncoding = { explicitVR: true, littleEndian: false };

/** An element with a value. */
export interface FixtureValueElement {
  readonly tag: number;
  readonly vr: string;
  /** The value bytes; a string is written as ISO 8859-1 bytes, unpadded. */
  readonly value: string | Uint8Array;
  /** Explicit VR only: the two VR bytes to write instead of `vr` (e.g. an invalid `ZZ`). */
  readonly vrBytes?: string;
  /** The length to write in the header instead of the real one. */
  readonly length?: number;
}

/** A sequence (SQ, or UN of undefined length whose items are Implicit VR LE, PS3.5 §6.2.2). */
export interface FixtureSequence {
  readonly tag: number;
  readonly vr: 'SQ' | 'UN';
  readonly items: readonly FixtureItem[];
  readonly undefinedLength?: boolean;
  /** The length to write in the header instead of the real one (defined length only). */
  readonly length?: number;
}

/** An item of a sequence. */
export interface FixtureItem {
  readonly elements: readonly FixtureElement[];
  readonly undefinedLength?: boolean;
  /** The length to write in the item header instead of the real one (defined length only). */
  readonly length?: number;
}

export type FixtureElement = FixtureValueElement | FixtureSequence;

/** A value element. */
export function el(tag: number, vr: string, value: string | Uint8Array, extra: Partial<Pick<FixtureValueElement, 'vrBytes' | 'length'>> = {}): FixtureValueElement {
  return { tag, vr, value, ...extra };
}

/** A sequence of defined length unless `undefinedLength`. */
export function sq(tag: number, items: readonly FixtureItem[], options: { undefinedLength?: boolean; vr?: 'SQ' | 'UN'; length?: number } = {}): FixtureSequence {
  return { tag, vr: options.vr ?? 'SQ', items, ...(options.undefinedLength ? { undefinedLength: true } : {}), ...(options.length !== undefined ? { length: options.length } : {}) };
}

/** An item of defined length unless `undefinedLength`. */
export function item(elements: readonly FixtureElement[], options: { undefinedLength?: boolean; length?: number } = {}): FixtureItem {
  return { elements, ...(options.undefinedLength ? { undefinedLength: true } : {}), ...(options.length !== undefined ? { length: options.length } : {}) };
}

/** Unsigned 16-bit values in the given byte order. */
export function uint16s(values: readonly number[], littleEndian = true): Uint8Array {
  const b = new Uint8Array(values.length * 2);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setUint16(i * 2, x, littleEndian));
  return b;
}

/** Unsigned 32-bit values in the given byte order. */
export function uint32s(values: readonly number[], littleEndian = true): Uint8Array {
  const b = new Uint8Array(values.length * 4);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setUint32(i * 4, x >>> 0, littleEndian));
  return b;
}

const LONG_HEADER = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const UNDEFINED = 0xffffffff;

function latin1(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
}

function tagBytes(tag: number, le: boolean): Uint8Array {
  return uint16s([Math.floor(tag / 0x10000), tag & 0xffff], le);
}

function header(tag: number, vr: string, length: number, enc: FixtureEncoding): Uint8Array {
  if (!enc.explicitVR) return concatBytes([tagBytes(tag, enc.littleEndian), uint32s([length], enc.littleEndian)]);
  if (LONG_HEADER.has(vr)) return concatBytes([tagBytes(tag, enc.littleEndian), latin1(vr), new Uint8Array(2), uint32s([length], enc.littleEndian)]);
  return concatBytes([tagBytes(tag, enc.littleEndian), latin1(vr), uint16s([length], enc.littleEndian)]);
}

/** Encode elements (in the order given) as a bare dataset. */
export function encodeDataset(elements: readonly FixtureElement[], enc: FixtureEncoding): Uint8Array {
  return concatBytes(elements.map((e) => encodeElement(e, enc)));
}

function encodeElement(e: FixtureElement, enc: FixtureEncoding): Uint8Array {
  if ('items' in e) {
    const itemEnc = e.vr === 'UN' ? FIXTURE_IMPLICIT_LE : enc;
    const body = concatBytes(e.items.map((it) => encodeItem(it, itemEnc)));
    if (e.undefinedLength) {
      // The delimiter belongs to the value: for UN it is Implicit VR LE like the items.
      return concatBytes([header(e.tag, e.vr, UNDEFINED, enc), body, tagBytes(0xfffee0dd, itemEnc.littleEndian), new Uint8Array(4)]);
    }
    return concatBytes([header(e.tag, e.vr, e.length ?? body.length, enc), body]);
  }
  const value = typeof e.value === 'string' ? latin1(e.value) : e.value;
  const vr = e.vrBytes ?? e.vr;
  return concatBytes([header(e.tag, vr, e.length ?? value.length, enc), value]);
}

function encodeItem(it: FixtureItem, enc: FixtureEncoding): Uint8Array {
  const body = encodeDataset(it.elements, enc);
  const start = tagBytes(0xfffee000, enc.littleEndian);
  if (it.undefinedLength) {
    return concatBytes([start, uint32s([UNDEFINED], enc.littleEndian), body, tagBytes(0xfffee00d, enc.littleEndian), new Uint8Array(4)]);
  }
  return concatBytes([start, uint32s([it.length ?? body.length], enc.littleEndian), body]);
}

/** What goes into a generated File Meta Information. */
export interface FixtureMeta {
  readonly transferSyntaxUID: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
}

/** Pad a UID value to even length with NUL, as PS3.5 §9.1 requires. */
function uid(u: string): string {
  return u.length % 2 === 1 ? `${u}\0` : u;
}

/**
 * A Part 10 file: 128-byte zero preamble (unless `preamble: false`), "DICM", File Meta
 * Information in Explicit VR LE with its group length, then `dataset` as given.
 */
export function part10(dataset: Uint8Array, meta: FixtureMeta, options: { preamble?: boolean } = {}): Uint8Array {
  const rest = encodeDataset(
    [
      el(0x00020001, 'OB', new Uint8Array([0, 1])),
      el(0x00020002, 'UI', uid(meta.sopClassUID)),
      el(0x00020003, 'UI', uid(meta.sopInstanceUID)),
      el(0x00020010, 'UI', uid(meta.transferSyntaxUID)),
      el(0x00020012, 'UI', uid('2.25.271828182845904523536')),
    ],
    FIXTURE_EXPLICIT_LE,
  );
  const groupLength = encodeDataset([el(0x00020000, 'UL', uint32s([rest.length]))], FIXTURE_EXPLICIT_LE);
  return concatBytes([...(options.preamble === false ? [] : [new Uint8Array(128)]), latin1('DICM'), groupLength, rest, dataset]);
}

/**
 * The smallest instance the store accepts: a Secondary Capture image of 2×2 8-bit pixels
 * with every Type 1 attribute the store checks. `changes` replace (same tag) or add elements;
 * a `null` value removes the element. Elements are kept in ascending tag order.
 */
export function minimalInstance(uidRoot = '2.25.314159265358979323846', changes: ReadonlyMap<number, FixtureElement | null> = new Map()): FixtureElement[] {
  const le = true;
  const base: FixtureElement[] = [
    el(0x00080016, 'UI', uid('1.2.840.10008.5.1.4.1.1.7')),
    el(0x00080018, 'UI', uid(`${uidRoot}.3`)),
    el(0x00080060, 'CS', 'OT'),
    el(0x00100010, 'PN', 'Fixture^Test'),
    el(0x00100020, 'LO', 'FIX-1 '),
    el(0x0020000d, 'UI', uid(`${uidRoot}.1`)),
    el(0x0020000e, 'UI', uid(`${uidRoot}.2`)),
    el(0x00200013, 'IS', '1 '),
    el(0x00280002, 'US', uint16s([1], le)),
    el(0x00280004, 'CS', 'MONOCHROME2 '),
    el(0x00280010, 'US', uint16s([2], le)),
    el(0x00280011, 'US', uint16s([2], le)),
    el(0x00280100, 'US', uint16s([8], le)),
    el(0x00280101, 'US', uint16s([8], le)),
    el(0x00280102, 'US', uint16s([7], le)),
    el(0x00280103, 'US', uint16s([0], le)),
    el(0x7fe00010, 'OB', new Uint8Array([0, 64, 128, 255])),
  ];
  const byTag = new Map<number, FixtureElement>(base.map((e) => [e.tag, e]));
  for (const [tag, e] of changes) {
    if (e === null) byTag.delete(tag);
    else byTag.set(tag, e);
  }
  return [...byTag.values()].sort((a, b) => a.tag - b.tag);
}
