import { Tag } from '@atrium/sdk';
import type { DataElement } from '../io/data-element.js';
import { stringElement } from '../io/element-factory.js';
import type { DicomFile } from '../io/parse-part10.js';
import { pixelDataSourceOf, pixelDescriptionOf } from '../io/pixel-access.js';
import { getFrame } from '../io/pixels/get-frame.js';
import type { PixelArray } from '../io/pixels/pixel-types.js';
import { PixelTransferSyntax as TS } from '../io/pixels/transfer-syntax-uids.js';
import { nativePixelFile } from './native-pixel-file.js';

/** Syntaxes that always lose information, and those that may (Lossy Image Compression decides), with their PS3.3 C.7.6.1.1.5 method. */
const ALWAYS_LOSSY: ReadonlyMap<string, string> = new Map([[TS.JPEGBaseline8Bit, 'ISO_10918_1'], [TS.JPEGExtended12Bit, 'ISO_10918_1']]);
const MAYBE_LOSSY: ReadonlyMap<string, string> = new Map([[TS.JPEGLSNearLossless, 'ISO_14495_1'], [TS.JPEG2000, 'ISO_15444_1']]);

/**
 * A copy of `file` with its encapsulated Pixel Data decoded (every frame, by the codec of its
 * transfer syntax) and written native in Explicit VR Little Endian (see nativePixelFile; a codec
 * that converts colour, e.g. JPEG Baseline YBR_FULL_422 → RGB, changes Photometric
 * Interpretation accordingly). Lossy history is kept: Lossy Image Compression '01' stays with its
 * ratio and method; a lossy syntax (JPEG Baseline/Extended always, JPEG-LS near-lossless and
 * JPEG 2000 unless Lossy Image Compression says '00') sets '01' and adds its method. Native files
 * are returned as they are.
 */
export async function decodedPixelFile(file: DicomFile): Promise<DicomFile> {
  const ds = file.dataset;
  if (!ds.has(Tag.PixelData)) return file;
  const source = pixelDataSourceOf(ds, file.transferSyntax);
  if (source.kind === 'native') return file;
  const desc = pixelDescriptionOf(ds, file.transferSyntax.uid);
  const frames: PixelArray[] = [];
  let photometric = desc.photometricInterpretation;
  for (let i = 0; i < desc.numberOfFrames; i++) {
    const frame = await getFrame(desc, source, i);
    photometric = frame.photometricInterpretation;
    frames.push(frame.data);
  }
  return nativePixelFile(file, desc, frames, photometric, lossyHistory(file));
}

/** Lossy Image Compression (0028,2110) and Method (0028,2114) after decoding `file`'s syntax. */
function lossyHistory(file: DicomFile): Map<number, DataElement> {
  const ds = file.dataset;
  const uid = file.transferSyntax.uid;
  const current = ds.string(Tag.LossyImageCompression);
  const method = ALWAYS_LOSSY.get(uid) ?? (current !== '00' ? MAYBE_LOSSY.get(uid) : undefined);
  const changes = new Map<number, DataElement>();
  if (current === '01' || method === undefined) return changes;
  changes.set(Tag.LossyImageCompression, stringElement(Tag.LossyImageCompression, 'CS', '01'));
  const methods = ds.strings(Tag.LossyImageCompressionMethod).filter((m) => m !== '');
  if (!methods.includes(method)) changes.set(Tag.LossyImageCompressionMethod, stringElement(Tag.LossyImageCompressionMethod, 'CS', [...methods, method]));
  return changes;
}
