import { Tag } from '@atrium/sdk';
import { concatBytes } from '../concat-bytes.js';
import type { DataElement } from '../data-element.js';
import type { DataSet } from '../data-set.js';
import { bytesElement, numberElement, stringElement } from '../element-factory.js';
import { pixelDataSourceOf, pixelDescriptionOf } from '../pixel-access.js';
import { codecFor } from '../pixels/codecs/codec-registry.js';
import { encapsulatedFrameBytes } from '../pixels/encapsulated-frame.js';
import { bytesPerSample, isSubsampled422, storedSamplesPerFrame } from '../pixels/pixel-layout.js';
import { PixelTransferSyntax as TS } from '../pixels/transfer-syntax-uids.js';
import { EXPLICIT_LE, transferSyntaxInfo } from '../transfer-syntax.js';
import { transcodeUnsupported } from './transcode-error.js';

/** Lossy Image Compression Method (0028,2114) of the syntaxes that are lossy (or may be: .91). */
const LOSSY_METHOD: ReadonlyMap<string, string> = new Map([
  [TS.JPEGBaseline8Bit, 'ISO_10918_1'],
  [TS.JPEGExtended12Bit, 'ISO_10918_1'],
  [TS.JPEGLSNearLossless, 'ISO_14495_1'],
  [TS.JPEG2000, 'ISO_15444_1'],
]);

/**
 * `ds` (Explicit VR Little Endian elements, encapsulated Pixel Data in `transferSyntaxUID`)
 * with every frame decoded into native Pixel Data and the Image Pixel module updated:
 * Photometric Interpretation as the decoder delivers (e.g. RGB for JPEG Baseline YBR_FULL(_422)
 * and JPEG 2000 YBR_ICT/YBR_RCT; YBR_FULL for full-resolution YBR_FULL_422), Planar
 * Configuration 0 for colour, Pixel Data OW above 8 bits and OB otherwise (PS3.5 §8.2),
 * Extended Offset Table (7FE0,0001-0003) removed; a lossy syntax sets Lossy Image
 * Compression "01" and, when no method is recorded, Lossy Image Compression Method (as GDCM
 * does; the ratio is never invented).
 */
export async function decodePixelData(ds: DataSet, transferSyntaxUID: string): Promise<DataSet> {
  const pixelData = ds.get(Tag.PixelData);
  if (!pixelData) return ds;
  if (!pixelData.encapsulated) {
    throw transcodeUnsupported(transferSyntaxUID, TS.ExplicitVRLittleEndian, 'Pixel Data (7FE0,0010) is not encapsulated although the transfer syntax is');
  }
  const desc = pixelDescriptionOf(ds, transferSyntaxUID);
  const source = pixelDataSourceOf(ds, transferSyntaxInfo(transferSyntaxUID));
  if (source.kind !== 'encapsulated') throw new Error('unreachable: encapsulated Pixel Data read as native');
  const codec = codecFor(transferSyntaxUID);
  if (!codec) throw transcodeUnsupported(transferSyntaxUID, TS.ExplicitVRLittleEndian, 'no decoder for it');
  const width = bytesPerSample(desc.bitsAllocated);
  const frames: Uint8Array[] = [];
  let subsampled = false;
  for (let i = 0; i < desc.numberOfFrames; i++) {
    const decoded = await codec.decode(encapsulatedFrameBytes(source, i, desc.numberOfFrames), desc);
    subsampled = decoded.subsampled422;
    const samples = subsampled ? storedSamplesPerFrame(desc) : desc.rows * desc.columns * desc.samplesPerPixel;
    let bytes = widen(decoded.bytes, decoded.width, width).subarray(0, samples * width);
    if (bytes.length !== samples * width) throw new Error(`frame ${i} decoded to ${bytes.length} bytes; ${samples * width} expected`);
    if (decoded.planarConfiguration === 1 && desc.samplesPerPixel > 1 && !subsampled) bytes = interleave(bytes, desc.samplesPerPixel, width);
    frames.push(bytes);
  }
  let photometric = codec.decodedPhotometricInterpretation(desc);
  if (!subsampled && desc.samplesPerPixel === 3 && isSubsampled422(photometric)) {
    if (photometric !== 'YBR_FULL_422') {
      throw transcodeUnsupported(transferSyntaxUID, TS.ExplicitVRLittleEndian, `decoded ${photometric} frames are full resolution and have no native Photometric Interpretation`);
    }
    photometric = 'YBR_FULL';
  }
  const changes = new Map<number, DataElement | undefined>([
    [Tag.PixelData, bytesElement(Tag.PixelData, desc.bitsAllocated > 8 ? 'OW' : 'OB', evenLength(concatBytes(frames)))],
    [Tag.ExtendedOffsetTable, undefined],
    [Tag.ExtendedOffsetTableLengths, undefined],
    [Tag.EncapsulatedPixelDataValueTotalLength, undefined],
  ]);
  if (photometric !== ds.string(Tag.PhotometricInterpretation)) {
    changes.set(Tag.PhotometricInterpretation, stringElement(Tag.PhotometricInterpretation, 'CS', photometric));
  }
  if (desc.samplesPerPixel > 1) changes.set(Tag.PlanarConfiguration, numberElement(Tag.PlanarConfiguration, 'US', [0], EXPLICIT_LE));
  const method = LOSSY_METHOD.get(transferSyntaxUID);
  if (method !== undefined) {
    const wasLossy = ds.string(Tag.LossyImageCompression) === '01';
    if (!wasLossy) changes.set(Tag.LossyImageCompression, stringElement(Tag.LossyImageCompression, 'CS', '01'));
    if (!ds.has(Tag.LossyImageCompressionMethod)) {
      changes.set(Tag.LossyImageCompressionMethod, stringElement(Tag.LossyImageCompressionMethod, 'CS', method));
    }
  }
  return ds.with(changes);
}

/** Zero-extends little-endian samples of `from` bytes to `to` bytes each. */
function widen(bytes: Uint8Array, from: number, to: number): Uint8Array {
  if (from >= to) return bytes;
  const count = Math.floor(bytes.length / from);
  const out = new Uint8Array(count * to);
  for (let i = 0; i < count; i++) for (let b = 0; b < from; b++) out[i * to + b] = bytes[i * from + b]!;
  return out;
}

/** Colour-by-plane samples to colour-by-pixel. */
function interleave(bytes: Uint8Array, samplesPerPixel: number, width: number): Uint8Array {
  const pixels = bytes.length / (samplesPerPixel * width);
  const out = new Uint8Array(bytes.length);
  for (let s = 0; s < samplesPerPixel; s++) {
    for (let p = 0; p < pixels; p++) {
      const from = (s * pixels + p) * width;
      out.set(bytes.subarray(from, from + width), (p * samplesPerPixel + s) * width);
    }
  }
  return out;
}

function evenLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}
