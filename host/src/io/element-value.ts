import type { DataElement } from './data-element.js';
import type { DatasetEncoding } from './transfer-syntax.js';
import { binaryValueSize, isMultiValuedStringVr, isStringVr, isTextVr } from './vr.js';
import { decodeText } from './charset/decode-text.js';

const latin1 = new TextDecoder('latin1');

/**
 * Decode the values of a string element: character set applied to text VRs, split on
 * backslash for multi-valued VRs, trailing padding (space; NUL for UI) removed, leading
 * spaces removed where the VR says they are insignificant (PS3.5 Table 6.2-1).
 */
export function decodeElementStrings(e: DataElement, enc: DatasetEncoding, characterSet: readonly string[]): string[] {
  if (e.value.length === 0) return [];
  if (!isStringVr(e.vr)) {
    if (e.vr === 'AT' || binaryValueSize(e.vr) !== undefined) return decodeElementNumbers(e, enc).map(String);
    return [];
  }
  const raw = isTextVr(e.vr) ? decodeText(e.value, characterSet, e.vr) : latin1.decode(e.value);
  const values = isMultiValuedStringVr(e.vr) ? raw.split('\\') : [raw];
  return values.map((v) => trimValue(v, e.vr));
}

function trimValue(v: string, vr: string): string {
  switch (vr) {
    case 'UI':
      return v.replace(/[\0 ]+$/, '');
    case 'LT':
    case 'ST':
    case 'UT':
      return v.replace(/[ \0]+$/, '');
    default:
      return v.replace(/^ +/, '').replace(/[ \0]+$/, '');
  }
}

/**
 * Decode the numeric values of an element: binary VRs in the dataset's byte order
 * (AT as a 32-bit tag number), and IS / DS parsed from text. Non-numeric text gives NaN.
 */
export function decodeElementNumbers(e: DataElement, enc: DatasetEncoding): number[] {
  if (e.value.length === 0) return [];
  if (e.vr === 'IS' || e.vr === 'DS') {
    return latin1
      .decode(e.value)
      .split('\\')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(Number);
  }
  const size = binaryValueSize(e.vr);
  if (size === undefined) return [];
  const view = new DataView(e.value.buffer, e.value.byteOffset, e.value.byteLength);
  const le = enc.littleEndian;
  const out: number[] = [];
  for (let off = 0; off + size <= e.value.length; off += size) {
    switch (e.vr) {
      case 'US':
      case 'OW':
        out.push(view.getUint16(off, le));
        break;
      case 'SS':
        out.push(view.getInt16(off, le));
        break;
      case 'UL':
      case 'OL':
        out.push(view.getUint32(off, le));
        break;
      case 'SL':
        out.push(view.getInt32(off, le));
        break;
      case 'FL':
      case 'OF':
        out.push(view.getFloat32(off, le));
        break;
      case 'FD':
      case 'OD':
        out.push(view.getFloat64(off, le));
        break;
      case 'SV':
        out.push(Number(view.getBigInt64(off, le)));
        break;
      case 'UV':
      case 'OV':
        out.push(Number(view.getBigUint64(off, le)));
        break;
      case 'AT':
        out.push(view.getUint16(off, le) * 0x10000 + view.getUint16(off + 2, le));
        break;
    }
  }
  return out;
}
