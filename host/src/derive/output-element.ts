import { Tag } from '@atrium/sdk';
import { decodeText, encodeText, TEXT_VRS } from '../io/charset/index.js';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { toExplicitLittleEndian } from '../io/to-explicit-little-endian.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';

const SPECIFIC_CHARACTER_SET = Tag.SpecificCharacterSet;
const UTF8 = ['ISO_IR 192'];

/**
 * A source element as the derived object writes it: Explicit VR Little Endian (see
 * {@link toExplicitLittleEndian}), and, when `toUtf8`, the values of text VRs (SH, LO, ST,
 * LT, UT, PN, UC) decoded with the source's Specific Character Set (of the item, in
 * sequences) and re-encoded as ISO_IR 192; Specific Character Set elements inside items are
 * then dropped. Otherwise the raw bytes are kept.
 */
export function toOutputElement(e: DataElement, source: DataSet, toUtf8: boolean): DataElement {
  const le = toExplicitLittleEndian(e, source.encoding);
  return toUtf8 ? reencode(le, source.characterSet) : le;
}

function reencode(e: DataElement, characterSet: readonly string[]): DataElement {
  if (e.items) {
    const items = e.items.map((item) => {
      const cs = item.dataset.characterSet;
      const elements = item.dataset.elements.filter((c) => c.tag !== SPECIFIC_CHARACTER_SET).map((c) => reencode(c, cs));
      return { ...item, dataset: new DataSet(elements, EXPLICIT_LE, UTF8) };
    });
    return { ...e, items };
  }
  if (!TEXT_VRS.has(e.vr) || e.value.length === 0) return e;
  const text = decodeText(e.value, characterSet, e.vr).replace(/[ \0]+$/, '');
  let bytes = encodeText(text, UTF8, e.vr);
  if (bytes.length % 2 === 1) {
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes);
    padded[bytes.length] = 0x20;
    bytes = padded;
  }
  return { ...e, value: bytes };
}
