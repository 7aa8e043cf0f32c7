import { Tag, TransferSyntax } from '@atrium/sdk';
import { concatBytes } from '../../io/concat-bytes.js';
import type { DataElement } from '../../io/data-element.js';
import { DataSet } from '../../io/data-set.js';
import { bytesElement, numberElement, stringElement } from '../../io/element-factory.js';
import { encapsulate } from '../../io/pixels/encapsulate.js';
import { encodeFrame } from '../../io/pixels/encode-frame.js';
import type { PixelDescription } from '../../io/pixels/pixel-types.js';
import { EXPLICIT_LE } from '../../io/transfer-syntax.js';
import { writeDataset } from '../../io/write-dataset.js';
import { DICM, buildFileMeta } from '../../io/write-part10.js';
import { packFrames } from '../native-pixel-file.js';

/** A small synthetic image with Burned In Annotation YES and known pixel values. */
export interface BurnedInImageOptions {
  readonly modality: 'US' | 'OT';
  readonly photometric: 'MONOCHROME1' | 'MONOCHROME2' | 'RGB';
  readonly bitsAllocated: 8 | 16;
  readonly bitsStored: number;
  readonly signed?: boolean;
  readonly frames: number;
  /** Transfer syntax of the Pixel Data; default Explicit VR Little Endian. */
  readonly transferSyntax?: string;
}

export const IMAGE_ROWS = 6;
export const IMAGE_COLUMNS = 10;

/** The sample value of the synthetic image: distinct, never the black of any interpretation. */
export function sampleValue(o: BurnedInImageOptions, frame: number, row: number, column: number, sample: number): number {
  const v = 1 + ((frame * 37 + row * 11 + column * 3 + sample * 5) % 90);
  return o.signed ? v - 45 : v;
}

/** Part 10 bytes of the image and its frames' expected samples (pixel-interleaved). */
export async function burnedInImage(o: BurnedInImageOptions): Promise<{ bytes: Uint8Array; frames: number[][] }> {
  const spp = o.photometric === 'RGB' ? 3 : 1;
  const ts = o.transferSyntax ?? TransferSyntax.ExplicitVRLittleEndian;
  const frames = Array.from({ length: o.frames }, (_, f) => {
    const out: number[] = [];
    for (let r = 0; r < IMAGE_ROWS; r++) for (let c = 0; c < IMAGE_COLUMNS; c++) for (let s = 0; s < spp; s++) out.push(sampleValue(o, f, r, c, s));
    return out;
  });
  const desc: PixelDescription = {
    transferSyntaxUID: ts, rows: IMAGE_ROWS, columns: IMAGE_COLUMNS, samplesPerPixel: spp, bitsAllocated: o.bitsAllocated, bitsStored: o.bitsStored,
    highBit: o.bitsStored - 1, pixelRepresentation: o.signed ? 1 : 0, photometricInterpretation: o.photometric, planarConfiguration: 0, numberOfFrames: o.frames,
  };
  const typed = frames.map((f) => (o.bitsAllocated === 8 ? (o.signed ? Int8Array.from(f) : Uint8Array.from(f)) : o.signed ? Int16Array.from(f) : Uint16Array.from(f)));
  let pixelData: DataElement;
  if (ts === TransferSyntax.ExplicitVRLittleEndian) {
    pixelData = bytesElement(Tag.PixelData, o.bitsAllocated > 8 ? 'OW' : 'OB', packFrames(desc, typed));
  } else {
    const encoded = await Promise.all(typed.map((f) => encodeFrame(desc, f, ts)));
    pixelData = { tag: Tag.PixelData, vr: 'OB', value: new Uint8Array(0), undefinedLength: true, encapsulated: parseEncapsulated(encapsulate(encoded)) };
  }
  const us = (tag: number, v: number): DataElement => numberElement(tag, 'US', [v], EXPLICIT_LE);
  const sopClass = o.modality === 'US' ? (o.frames > 1 ? '1.2.840.10008.5.1.4.1.1.3.1' : '1.2.840.10008.5.1.4.1.1.6.1') : '1.2.840.10008.5.1.4.1.1.7';
  const elements: DataElement[] = [
    stringElement(Tag.SOPClassUID, 'UI', sopClass),
    // one SOP Instance UID per kind of image, so that two of them are two instances
    stringElement(Tag.SOPInstanceUID, 'UI', `1.2.826.0.1.3680043.9.7433.1.1.${[...JSON.stringify(o)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000_007, 7)}`),
    stringElement(Tag.StudyDate, 'DA', '20240102'),
    stringElement(Tag.Modality, 'CS', o.modality),
    stringElement(Tag.PatientName, 'PN', 'BURNED^INTEXT'),
    stringElement(Tag.PatientID, 'LO', 'PID-BURNED-42'),
    stringElement(Tag.StudyInstanceUID, 'UI', '1.2.826.0.1.3680043.9.7433.1.2'),
    stringElement(Tag.SeriesInstanceUID, 'UI', '1.2.826.0.1.3680043.9.7433.1.3'),
    us(Tag.SamplesPerPixel, spp),
    stringElement(Tag.PhotometricInterpretation, 'CS', o.photometric),
    ...(o.frames > 1 ? [stringElement(Tag.NumberOfFrames, 'IS', String(o.frames))] : []),
    ...(spp > 1 ? [us(Tag.PlanarConfiguration, 0)] : []),
    us(Tag.Rows, IMAGE_ROWS), us(Tag.Columns, IMAGE_COLUMNS),
    us(Tag.BitsAllocated, o.bitsAllocated), us(Tag.BitsStored, o.bitsStored), us(Tag.HighBit, o.bitsStored - 1), us(Tag.PixelRepresentation, o.signed ? 1 : 0),
    stringElement(Tag.BurnedInAnnotation, 'CS', 'YES'),
    pixelData,
  ];
  const dataset = new DataSet(elements.sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0)), EXPLICIT_LE);
  const info = { uid: ts, ...EXPLICIT_LE, deflated: false, encapsulated: ts !== TransferSyntax.ExplicitVRLittleEndian };
  return { bytes: concatBytes([new Uint8Array(128), DICM, writeDataset(buildFileMeta(dataset, ts)), writeDataset(dataset, info)]), frames };
}

/** Split encapsulate()'s item stream back into offset table and fragments (one fragment per frame here). */
function parseEncapsulated(stream: Uint8Array): { offsetTable: Uint8Array; fragments: Uint8Array[] } {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const items: Uint8Array[] = [];
  for (let at = 0; at + 8 <= stream.length;) {
    const tag = ((view.getUint16(at, true) << 16) | view.getUint16(at + 2, true)) >>> 0;
    const length = view.getUint32(at + 4, true);
    if (tag === Tag.SequenceDelimitationItem) break;
    items.push(stream.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  return { offsetTable: items[0] ?? new Uint8Array(0), fragments: items.slice(1) };
}
