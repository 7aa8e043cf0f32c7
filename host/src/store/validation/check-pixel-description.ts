import { Tag } from '@atrium/sdk';
import { isAtriumError } from '../../errors/atrium-error.js';
import type { DataSet } from '../../io/data-set.js';
import { pixelDataSourceOf, pixelDescriptionOf } from '../../io/pixel-access.js';
import { frameCount } from '../../io/pixels/frame-count.js';
import type { TransferSyntaxInfo } from '../../io/transfer-syntax.js';
import { validationProblem, type ValidationProblem } from './validation-problem.js';
import { quoteValue } from '../../io/quote-value.js';

/** The Type 1 attributes of the Image Pixel module (PS3.3 C.7.6.3) that say how to read the pixels. */
export const PIXEL_DESCRIPTION_TAGS: readonly number[] = [
  Tag.SamplesPerPixel, Tag.PhotometricInterpretation, Tag.Rows, Tag.Columns,
  Tag.BitsAllocated, Tag.BitsStored, Tag.HighBit, Tag.PixelRepresentation,
];

/**
 * Whether the pixels of an image can be displayed as described — checked when the object
 * has Pixel Data or its IOD has the Image Pixel module (`required`): the
 * {@link PIXEL_DESCRIPTION_TAGS} present with numeric values, a description the pixel
 * layer accepts (bits, samples, frames), and — when the Pixel Data was read — values that
 * hold every frame (native: enough bytes; encapsulated: fragments that map to the frames).
 * `nativePixelDataLength`: a header-only read walked past a native Pixel Data value of this
 * many bytes without reading it — checked as if it had been read.
 */
export function checkPixelDescription(ds: DataSet, transferSyntax: TransferSyntaxInfo, required: boolean, nativePixelDataLength?: number): ValidationProblem[] {
  const pixelData = ds.get(Tag.PixelData);
  const walked = pixelData === undefined && nativePixelDataLength !== undefined;
  if (!pixelData && !walked && !required) return [];
  const problems: ValidationProblem[] = [];
  for (const tag of PIXEL_DESCRIPTION_TAGS) {
    const e = ds.get(tag);
    if (!e) problems.push(validationProblem('MISSING', tag, 'is missing'));
    else if (e.value.length === 0) problems.push(validationProblem('EMPTY', tag, 'is empty'));
    else if (tag !== Tag.PhotometricInterpretation && !Number.isInteger(ds.number(tag))) {
      problems.push(validationProblem('BAD_PIXELS', tag, `has no usable value (${quoteValue(ds.text(tag) ?? '')})`));
    }
  }
  if (problems.length > 0 || (!pixelData && !walked)) return problems;
  try {
    const desc = pixelDescriptionOf(ds, transferSyntax.uid);
    const source = walked ? { kind: 'native' as const, bytes: new Uint8Array(0), valueLength: nativePixelDataLength, bigEndian: !transferSyntax.littleEndian, vr: 'OW' as const } : pixelDataSourceOf(ds, transferSyntax);
    const frames = frameCount(desc, source);
    if (frames < desc.numberOfFrames) {
      return [validationProblem('BAD_PIXELS', Tag.PixelData, `holds ${frames} whole frame(s) of ${desc.rows}×${desc.columns}×${desc.samplesPerPixel} samples of ${desc.bitsAllocated} bits, the pixel description says ${desc.numberOfFrames}`)];
    }
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    return [validationProblem('BAD_PIXELS', Tag.PixelData, `cannot be displayed: ${e.message}`)];
  }
  return [];
}
