/**
 * Objects made of very many small parts (items, elements, nesting levels), written byte by
 * byte into one buffer: the shapes that cost a reader memory out of proportion to their
 * size. Each is a valid minimal Secondary Capture instance ({@link minimalInstance}) with a
 * private sequence (0009,1010) or private elements (group 0009/000B/...) added.
 */
import { FIXTURE_EXPLICIT_LE, encodeDataset, el, minimalInstance, part10 } from './dicom-fixture.js';

const SC = '1.2.840.10008.5.1.4.1.1.7';
const EXPLICIT_LE_UID = '1.2.840.10008.1.2.1';

/** Part 10 file of the minimal instance with encoded elements spliced in before tag `at` (in ascending tag order). */
function withSplice(uidRoot: string, splice: Uint8Array, at = 0x00090000): Uint8Array {
  const elements = minimalInstance(uidRoot);
  const before = encodeDataset(elements.filter((e) => e.tag < at), FIXTURE_EXPLICIT_LE);
  const after = encodeDataset(elements.filter((e) => e.tag >= at), FIXTURE_EXPLICIT_LE);
  const dataset = Buffer.concat([before, splice, after]);
  return part10(dataset, { transferSyntaxUID: EXPLICIT_LE_UID, sopClassUID: SC, sopInstanceUID: `${uidRoot}.3` });
}

/** A private creator for group 0009 so the private sequence is well-formed. */
const CREATOR = encodeDataset([el(0x00090010, 'LO', 'ATRIUM TEST')], FIXTURE_EXPLICIT_LE);

/** (0009,1010) SQ of defined length holding `n` empty items of defined length 0 (8 bytes each). */
export function emptyItemsObject(n: number, uidRoot = '2.25.8801'): Uint8Array {
  const body = Buffer.alloc(12 + 8 * n);
  body.writeUInt16LE(0x0009, 0);
  body.writeUInt16LE(0x1010, 2);
  body.write('SQ', 4, 'latin1');
  body.writeUInt32LE(8 * n, 8);
  for (let i = 0; i < n; i++) {
    body.writeUInt16LE(0xfffe, 12 + 8 * i);
    body.writeUInt16LE(0xe000, 14 + 8 * i);
  }
  return withSplice(uidRoot, Buffer.concat([CREATOR, body]));
}

/**
 * `n` private elements of 10 bytes each (LO, value "AB"), in ascending tag order over the
 * odd groups 0029, 002B, ... (elements 1000-FFFF of each), before Pixel Data, so a reader
 * may not refuse them for order or repetition.
 */
export function manyElementsObject(n: number, uidRoot = '2.25.8802'): Uint8Array {
  const body = Buffer.alloc(10 * n);
  const perGroup = 0xf000;
  for (let i = 0; i < n; i++) {
    const at = 10 * i;
    body.writeUInt16LE(0x0029 + 2 * Math.floor(i / perGroup), at);
    body.writeUInt16LE(0x1000 + (i % perGroup), at + 2);
    body.write('LOAB', at + 4, 'latin1');
    body.writeUInt16LE(2, at + 6);
    body.write('AB', at + 8, 'latin1');
  }
  return withSplice(uidRoot, body, 0x7fe00000);
}

/** Sequences nested `depth` deep: (0009,1010) SQ > item > (0009,1010) SQ > item > ... > (0009,1011) LO (built inside out, without recursion). */
export function nestedObject(depth: number, uidRoot = '2.25.8803'): Uint8Array {
  let inner: Uint8Array = encodeDataset([el(0x00091011, 'LO', 'DEEPEST ')], FIXTURE_EXPLICIT_LE);
  for (let d = 0; d < depth; d++) {
    const head = Buffer.alloc(20);
    head.writeUInt16LE(0x0009, 0);
    head.writeUInt16LE(0x1010, 2);
    head.write('SQ', 4, 'latin1');
    head.writeUInt32LE(inner.length + 8, 8);
    head.writeUInt16LE(0xfffe, 12);
    head.writeUInt16LE(0xe000, 14);
    head.writeUInt32LE(inner.length, 16);
    inner = Buffer.concat([head, inner]);
  }
  return withSplice(uidRoot, Buffer.concat([CREATOR, inner]));
}
