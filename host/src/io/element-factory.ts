import type { DataElement } from './data-element.js';
import { ByteSink } from './byte-sink.js';
import type { DatasetEncoding } from './transfer-syntax.js';
import { binaryValueSize, isTextVr } from './vr.js';
import { encodeText } from './charset/encode-text.js';

/**
 * Build a string element (values joined by backslash) padded to even length as PS3.5
 * §6.2 requires: NUL for UI, space otherwise. Text VRs are encoded with `characterSet`.
 */
export function stringElement(tag: number, vr: string, values: string | readonly string[], characterSet: readonly string[] = []): DataElement {
  const text = typeof values === 'string' ? values : values.join('\\');
  let bytes = isTextVr(vr) ? encodeText(text, characterSet, vr) : asciiBytes(text);
  if (bytes.length % 2 === 1) {
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes);
    padded[bytes.length] = vr === 'UI' ? 0 : 0x20;
    bytes = padded;
  }
  return { tag, vr, value: bytes, undefinedLength: false };
}

/** Build a binary numeric element (US, SS, UL, SL, FL, FD, OB, OW, AT ...) in the given byte order. */
export function numberElement(tag: number, vr: string, values: readonly number[], enc: DatasetEncoding): DataElement {
  const size = vr === 'OB' ? 1 : binaryValueSize(vr);
  if (size === undefined) throw new TypeError(`VR ${vr} is not a binary numeric VR`);
  const sink = new ByteSink(enc.littleEndian);
  for (const v of values) {
    const b = new Uint8Array(size);
    const dv = new DataView(b.buffer);
    const le = enc.littleEndian;
    switch (vr) {
      case 'OB': dv.setUint8(0, v); break;
      case 'US': case 'OW': dv.setUint16(0, v, le); break;
      case 'SS': dv.setInt16(0, v, le); break;
      case 'UL': case 'OL': dv.setUint32(0, v, le); break;
      case 'SL': dv.setInt32(0, v, le); break;
      case 'FL': case 'OF': dv.setFloat32(0, v, le); break;
      case 'FD': case 'OD': dv.setFloat64(0, v, le); break;
      case 'AT': dv.setUint16(0, Math.floor(v / 0x10000), le); dv.setUint16(2, v & 0xffff, le); break;
      default: throw new TypeError(`VR ${vr} is not supported by numberElement`);
    }
    sink.bytes(b);
  }
  let value = sink.toBytes();
  if (value.length % 2 === 1) {
    const padded = new Uint8Array(value.length + 1);
    padded.set(value);
    value = padded;
  }
  return { tag, vr, value, undefinedLength: false };
}

/** Build an element from raw bytes (e.g. OB/OW/UN values). */
export function bytesElement(tag: number, vr: string, value: Uint8Array): DataElement {
  return { tag, vr, value, undefinedLength: false };
}

function asciiBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) throw new TypeError(`non-ASCII character in a value of the default repertoire: ${JSON.stringify(s)}`);
    b[i] = c;
  }
  return b;
}
