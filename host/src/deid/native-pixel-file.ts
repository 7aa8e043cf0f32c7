import { Tag, TransferSyntax } from '@atrium/sdk';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { bytesElement, numberElement, stringElement } from '../io/element-factory.js';
import type { DicomFile } from '../io/parse-part10.js';
import type { PixelArray, PixelDescription } from '../io/pixels/pixel-types.js';
import { toExplicitLittleEndian } from '../io/to-explicit-little-endian.js';
import { EXPLICIT_LE, transferSyntaxInfo } from '../io/transfer-syntax.js';
import { writeDataset } from '../io/write-dataset.js';
import { buildFileMeta } from '../io/write-part10.js';

/**
 * A copy of `file` whose Pixel Data is `frames` (pixel-interleaved, sign-extended stored values as
 * the pixel layer delivers them, all of Photometric Interpretation `photometric`), written native:
 * samples of Bits Allocated width, shifted back to High Bit and masked to Bits Stored, 1-bit data
 * packed least significant bit first. The pixel module follows: Photometric Interpretation,
 * Planar Configuration 0 for colour, Extended Offset Table removed. A little-endian native input
 * keeps its transfer syntax; encapsulated and big-endian inputs become Explicit VR Little Endian
 * (every element re-encoded). `changes` are applied on top (e.g. Lossy Image Compression).
 */
export function nativePixelFile(file: DicomFile, desc: PixelDescription, frames: readonly PixelArray[], photometric: string, changes: ReadonlyMap<number, DataElement | undefined> = new Map()): DicomFile {
  const keep = !file.transferSyntax.encapsulated && file.transferSyntax.littleEndian;
  const ts = keep ? file.transferSyntax : transferSyntaxInfo(TransferSyntax.ExplicitVRLittleEndian);
  const source = file.dataset;
  const base = keep || source.encoding.littleEndian
    ? source
    : new DataSet(source.elements.map((e) => toExplicitLittleEndian(e, source.encoding)), EXPLICIT_LE, source.characterSet);
  const all = new Map<number, DataElement | undefined>([
    [Tag.PixelData, bytesElement(Tag.PixelData, desc.bitsAllocated > 8 ? 'OW' : 'OB', packFrames(desc, frames))],
    [Tag.PhotometricInterpretation, stringElement(Tag.PhotometricInterpretation, 'CS', photometric)],
    [Tag.ExtendedOffsetTable, undefined],
    [Tag.ExtendedOffsetTableLengths, undefined],
  ]);
  if (desc.samplesPerPixel > 1) all.set(Tag.PlanarConfiguration, numberElement(Tag.PlanarConfiguration, 'US', [0], base.encoding));
  for (const [tag, e] of changes) all.set(tag, e);
  const dataset = base.with(all);
  let bytes: Uint8Array | undefined;
  return {
    ...file,
    ...(file.meta ? { meta: buildFileMeta(dataset, ts.uid) } : {}),
    dataset,
    transferSyntax: ts,
    get datasetBytes() {
      bytes ??= writeDataset(dataset, ts);
      return bytes;
    },
  };
}

/** The native Pixel Data value of `frames` (see {@link nativePixelFile}), padded to even length. */
export function packFrames(desc: PixelDescription, frames: readonly PixelArray[]): Uint8Array {
  const count = frames.reduce((n, f) => n + f.length, 0);
  const mask = desc.bitsStored >= 32 ? 0xffffffff : 2 ** desc.bitsStored - 1;
  const shift = desc.highBit + 1 - desc.bitsStored;
  if (desc.bitsAllocated === 1) {
    const out = new Uint8Array(Math.ceil(count / 16) * 2);
    let bit = 0;
    for (const f of frames) for (let i = 0; i < f.length; i++, bit++) if (f[i]! & 1) out[bit >>> 3] = (out[bit >>> 3] ?? 0) | (1 << (bit & 7));
    return out;
  }
  const width = desc.bitsAllocated > 16 ? 4 : desc.bitsAllocated > 8 ? 2 : 1;
  const out = new Uint8Array(count * width + ((count * width) % 2));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const f of frames) {
    for (let i = 0; i < f.length; i++, at += width) {
      const v = ((f[i]! & mask) << shift) >>> 0;
      if (width === 1) out[at] = v;
      else if (width === 2) view.setUint16(at, v, true);
      else view.setUint32(at, v, true);
    }
  }
  return out;
}
