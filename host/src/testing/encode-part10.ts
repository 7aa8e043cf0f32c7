import { Tag, TransferSyntax, type DicomValue } from '@atrium/sdk';
import { concatBytes } from '../io/concat-bytes.js';
import { bytesElement } from '../io/element-factory.js';
import { DataSet } from '../io/data-set.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';
import { writeDataset } from '../io/write-dataset.js';
import { DICM, buildFileMeta } from '../io/write-part10.js';
import { elementFromValue } from '../derive/value-element.js';

/**
 * A Part 10 file (Explicit VR Little Endian) of an object given as plugins give values — keyword →
 * {@link DicomValue} — and its frames of 16-bit samples (Pixel Data OW, frames one after the other).
 * Values are encoded as the derivation engine encodes app content (VR from the dictionary, text in
 * the Specific Character Set given). For test and demo data that project code generates (the NM
 * phantom study of the NM processing plugin).
 */
export function encodePart10(attributes: Readonly<Record<string, DicomValue>>, frames: readonly (Uint16Array | Int16Array)[] = []): Uint8Array {
  const charset = attributes.SpecificCharacterSet;
  const characterSet = charset === undefined ? [] : Array.isArray(charset) ? charset.map(String) : [String(charset)];
  const elements = Object.entries(attributes).map(([keyword, value]) => elementFromValue(keyword, value, characterSet));
  if (frames.length > 0) {
    const bytes = concatBytes(frames.map((f) => new Uint8Array(f.buffer, f.byteOffset, f.byteLength)));
    elements.push(bytesElement(Tag.PixelData, 'OW', bytes));
  }
  elements.sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  const dataset = new DataSet(elements, EXPLICIT_LE, characterSet);
  return concatBytes([new Uint8Array(128), DICM, writeDataset(buildFileMeta(dataset, TransferSyntax.ExplicitVRLittleEndian)), writeDataset(dataset, EXPLICIT_LE)]);
}
