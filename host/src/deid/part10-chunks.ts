import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import type { DicomFile } from '../io/parse-part10.js';
import { writeDataset } from '../io/write-dataset.js';
import { DICM, writePart10 } from '../io/write-part10.js';

/**
 * The bytes of {@link writePart10} as a list of chunks for `writev`, without copying the large
 * values: encapsulated fragments and a native Pixel Data value (the last top-level element) are
 * passed through as they are. Deflated files come back as one chunk. Concatenated, the chunks
 * equal `writePart10(file)` exactly (tested).
 */
export function part10Chunks(file: DicomFile): Uint8Array[] {
  if (file.transferSyntax.deflated || !file.meta || file.trailing.length > 0) return [writePart10(file)];
  const head: Uint8Array[] = [];
  if (file.preamble) head.push(file.preamble);
  if (file.hasPrefix) head.push(DICM);
  head.push(writeDataset(file.meta));
  const ds = file.dataset;
  const enc = file.transferSyntax;
  const elements = ds.elements;
  const last = elements[elements.length - 1];
  if (last === undefined || last.items !== undefined || (last.value.length < 65536 && last.encapsulated === undefined)) {
    return [...head, writeDataset(ds, enc)];
  }
  const before = writeDataset(new DataSet(elements.slice(0, -1), ds.encoding, ds.characterSet), enc);
  return [...head, before, ...largeElementChunks(last, ds)];
}

/** One element written as header + its value bytes (native) or item headers + fragments (encapsulated). */
function largeElementChunks(e: DataElement, ds: DataSet): Uint8Array[] {
  if (e.encapsulated === undefined) {
    const header = writeDataset(new DataSet([{ ...e, value: new Uint8Array(0) }], ds.encoding));
    // the last four header bytes are the length field
    new DataView(header.buffer, header.byteOffset, header.byteLength).setUint32(header.length - 4, e.value.length, ds.encoding.littleEndian);
    return [header, e.value];
  }
  // header and Basic Offset Table as writeDataset does, then each fragment with its item header
  const { offsetTable, fragments } = e.encapsulated;
  const withTable = writeDataset(new DataSet([{ ...e, encapsulated: { offsetTable, fragments: [] } }], ds.encoding));
  const out: Uint8Array[] = [withTable.subarray(0, withTable.length - 8)];
  for (const f of fragments) {
    const item = new Uint8Array(8);
    const view = new DataView(item.buffer);
    view.setUint16(0, 0xfffe, ds.encoding.littleEndian);
    view.setUint16(2, 0xe000, ds.encoding.littleEndian);
    view.setUint32(4, f.length, ds.encoding.littleEndian);
    out.push(item, f);
  }
  out.push(withTable.subarray(withTable.length - 8));
  return out;
}
