import { Tag } from '@atrium/sdk';
import { isAtriumError, listedCode } from '../errors/atrium-error.js';
import { concatBytes } from '../io/concat-bytes.js';
import { ParseBudget } from '../io/parse-limits.js';
import { readHeader } from '../io/read-dicom-header.js';
import { readPreface } from '../io/read-preface.js';
import { SliceWindow } from '../io/slice-window.js';
import { walkDataset } from '../io/walk-dataset.js';
import { prepareInstance, prepareParsed, type Prepared, type PrepareOptions } from './prepare-instance.js';
import { slicedContent } from './stored-content.js';

/**
 * {@link prepareInstance} of a Part 10 object held as slices — a generated File Meta
 * Information followed by a C-STORE data set as its PDVs arrived — without joining them:
 * the whole data set is walked (the same structure checks and parse limits as a full
 * parse, values skipped), then only its header (up to Pixel Data) is parsed, and a native
 * Pixel Data value is checked by its length against the pixel description. The content
 * writes the slices as they are (`writev`). A deflated data set or encapsulated Pixel Data
 * (fragments to check) takes the full parse of the joined bytes instead.
 */
export function prepareSlices(slices: readonly Uint8Array[], options: PrepareOptions): Prepared {
  const window = new SliceWindow(slices);
  let file;
  let nativePixelDataLength: number | undefined;
  try {
    const preface = readPreface(window);
    if (preface.transferSyntax.deflated) return prepareInstance(concatBytes(slices), options);
    let pixelDataEnd = window.size;
    const walk = walkDataset(window, preface.datasetStart, window.size, preface.transferSyntax, new ParseBudget(options.limits, window.size));
    for (let step = walk.next(); !step.done; step = walk.next()) {
      const event = step.value;
      if (event.kind === 'pixelSequence') return prepareInstance(concatBytes(slices), options);
      if (event.kind === 'element' && event.depth === 0 && event.header.tag === Tag.PixelData && nativePixelDataLength === undefined) {
        nativePixelDataLength = event.header.length;
        pixelDataEnd = event.valueOffset;
      }
    }
    // Enough bytes for the header parse to meet the Pixel Data tag (it reads more if not).
    file = readHeader(window, Math.min(window.size, pixelDataEnd + 16), options.limits, options.tempDir);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    return { refusal: { code: listedCode(e, 'ATRIUM_ERR_PARSE_MALFORMED'), reason: e.message, details: { ...e.details } } };
  }
  const checked = file.stoppedAtPixelData && nativePixelDataLength !== undefined ? { ...file, nativePixelDataLength } : file;
  return prepareParsed(checked, options, () => slicedContent(slices));
}
