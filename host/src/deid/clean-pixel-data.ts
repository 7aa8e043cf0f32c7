import { Tag } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { DicomFile } from '../io/parse-part10.js';
import { pixelDataSourceOf, pixelDescriptionOf } from '../io/pixel-access.js';
import { getNativeFrameSync } from '../io/pixels/get-frame.js';
import type { PixelArray } from '../io/pixels/pixel-types.js';
import type { PixelMaskRegion } from './deid-options.js';
import { nativePixelFile } from './native-pixel-file.js';
import { pixelBlack } from './pixel-black.js';

/** What {@link cleanPixelData} did. */
export interface PixelCleaning {
  /** The file with blanked pixels (native Pixel Data). */
  readonly file: DicomFile;
  /** Pixels blanked in each frame (regions clipped to the image, overlaps counted once). */
  readonly pixelsPerFrame: number;
  readonly frames: number;
  /** The sample values written (see pixelBlack). */
  readonly black: readonly number[];
}

/**
 * PS3.15 Clean Pixel Data Option on native Pixel Data: in every frame, every pixel inside one of
 * `regions` (x = column, y = row, from the top left pixel, clipped to the image) is set to the
 * Photometric Interpretation's black ({@link pixelBlack}), every other sample kept as stored.
 * Frames are rewritten pixel-interleaved (YBR_FULL_422 as YBR_FULL), see nativePixelFile.
 * Encapsulated Pixel Data must be decoded first (decodedPixelFile): ATRIUM_ERR_DEID_PIXELS_COMPRESSED.
 * Objects with Float / Double Float Pixel Data or without Pixel Data: ATRIUM_ERR_DEID_PIXEL_CLEANING_UNSUPPORTED.
 */
export function cleanPixelData(file: DicomFile, regions: readonly PixelMaskRegion[]): PixelCleaning {
  const ds = file.dataset;
  const sop = ds.string(Tag.SOPInstanceUID) ?? '(no SOP Instance UID)';
  if (!ds.has(Tag.PixelData)) {
    throw new AtriumError('ATRIUM_ERR_DEID_PIXEL_CLEANING_UNSUPPORTED', `object ${sop}: Clean Pixel Data works on Pixel Data (7FE0,0010) only; float pixel data cannot be cleaned, the object is refused`, { sopInstanceUID: sop });
  }
  const source = pixelDataSourceOf(ds, file.transferSyntax);
  if (source.kind !== 'native') {
    throw new AtriumError('ATRIUM_ERR_DEID_PIXELS_COMPRESSED', `object ${sop}: its Pixel Data is compressed (${file.transferSyntax.uid}); decode it first (deidentifyAsync does) to clean pixel regions`, { sopInstanceUID: sop, transferSyntaxUID: file.transferSyntax.uid });
  }
  const desc = pixelDescriptionOf(ds, file.transferSyntax.uid);
  const frames: PixelArray[] = [];
  let photometric = desc.photometricInterpretation;
  for (let i = 0; i < desc.numberOfFrames; i++) {
    const frame = getNativeFrameSync(desc, source, i);
    photometric = frame.photometricInterpretation;
    frames.push(frame.data); // a fresh copy: the pixel layer never returns the source bytes
  }
  const black = pixelBlack(desc, photometric);
  const mask = regionMask(desc.rows, desc.columns, regions);
  let pixelsPerFrame = 0;
  for (const m of mask) pixelsPerFrame += m;
  const spp = desc.samplesPerPixel;
  for (const data of frames) {
    for (let p = 0; p < mask.length; p++) {
      if (mask[p] === 0) continue;
      for (let s = 0; s < spp; s++) data[p * spp + s] = black[s] ?? 0;
    }
  }
  return { file: nativePixelFile(file, desc, frames, photometric), pixelsPerFrame, frames: frames.length, black };
}

/** One byte per pixel, 1 inside any region (clipped to rows x columns). */
export function regionMask(rows: number, columns: number, regions: readonly PixelMaskRegion[]): Uint8Array {
  const mask = new Uint8Array(rows * columns);
  for (const r of regions) {
    const x0 = Math.max(0, r.x), y0 = Math.max(0, r.y);
    const x1 = Math.min(columns, r.x + r.width), y1 = Math.min(rows, r.y + r.height);
    for (let y = y0; y < y1; y++) mask.fill(1, y * columns + x0, Math.max(y * columns + x0, y * columns + x1));
  }
  return mask;
}
