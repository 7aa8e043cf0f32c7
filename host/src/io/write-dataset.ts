import { UNDEFINED_LENGTH, type DataElement } from './data-element.js';
import type { DataSet } from './data-set.js';
import { ByteSink } from './byte-sink.js';
import { IMPLICIT_LE, type DatasetEncoding } from './transfer-syntax.js';
import { hasLongHeader } from './vr.js';
import { Tag } from '@atrium/sdk';

const ITEM = Tag.Item;
const ITEM_DELIMITATION = Tag.ItemDelimitationItem;
const SEQUENCE_DELIMITATION = Tag.SequenceDelimitationItem;

/**
 * Serialise a dataset in the given encoding. Elements keep the way they were read
 * (raw value bytes, undefined vs defined lengths, VR as written), so a parsed dataset
 * that was not changed is written back byte-identical. Defined lengths of sequences and
 * items are recomputed from their content.
 */
export function writeDataset(ds: DataSet, enc: DatasetEncoding = ds.encoding): Uint8Array {
  // room for the headers and the small values up front: no regrowth for a typical header
  let estimate = 64;
  for (const e of ds.elements) estimate += 12 + (e.value.length < 4096 ? e.value.length : 0);
  const sink = new ByteSink(enc.littleEndian, estimate);
  writeElements(sink, ds, enc);
  return sink.toBytes();
}

function writeElements(sink: ByteSink, ds: DataSet, enc: DatasetEncoding): void {
  for (const e of ds.elements) writeElement(sink, e, enc);
}

function writeElement(sink: ByteSink, e: DataElement, enc: DatasetEncoding): void {
  if (e.encapsulated) {
    writeHeader(sink, e, enc, UNDEFINED_LENGTH);
    sink.tag(ITEM);
    sink.uint32(e.encapsulated.offsetTable.length);
    sink.bytes(e.encapsulated.offsetTable);
    for (const f of e.encapsulated.fragments) {
      sink.tag(ITEM);
      sink.uint32(f.length);
      sink.bytes(f);
    }
    sink.tag(SEQUENCE_DELIMITATION);
    sink.uint32(0);
    return;
  }
  if (e.items) {
    const itemEnc = e.itemsImplicit ? IMPLICIT_LE : enc;
    const body = new ByteSink(itemEnc.littleEndian);
    for (const item of e.items) {
      body.tag(ITEM);
      if (item.undefinedLength) {
        body.uint32(UNDEFINED_LENGTH);
        writeElements(body, item.dataset, itemEnc);
        body.tag(ITEM_DELIMITATION);
        body.uint32(0);
      } else {
        const content = new ByteSink(itemEnc.littleEndian);
        writeElements(content, item.dataset, itemEnc);
        body.uint32(content.length);
        body.append(content);
      }
    }
    if (e.undefinedLength) {
      // The delimiter belongs to the value: Implicit VR LE like the items of a UN (PS3.5 §6.2.2).
      body.tag(SEQUENCE_DELIMITATION);
      body.uint32(0);
      writeHeader(sink, e, enc, UNDEFINED_LENGTH);
      sink.append(body);
    } else {
      writeHeader(sink, e, enc, body.length);
      sink.append(body);
    }
    return;
  }
  writeHeader(sink, e, enc, e.value.length);
  sink.bytes(e.value);
}

function writeHeader(sink: ByteSink, e: DataElement, enc: DatasetEncoding, length: number): void {
  sink.tag(e.tag);
  if (!enc.explicitVR) {
    sink.uint32(length);
    return;
  }
  if (e.rawVr) {
    sink.bytes(e.rawVr);
    sink.uint16(length);
    return;
  }
  sink.ascii(e.vr);
  if (hasLongHeader(e.vr)) {
    sink.uint16(0);
    sink.uint32(length);
  } else {
    sink.uint16(length);
  }
}
