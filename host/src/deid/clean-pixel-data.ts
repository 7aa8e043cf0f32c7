import { Tag } from '@atrium/sdk';
import { bytesElement } from '../io/element-factory.js';
import { writeDataset } from '../io/write-dataset.js';
import type { PixelDescription } from '../io/pixels/pixel-types.js';
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
 * Frames are rewritten pixel-interleaved, see nativePixelFile — except 8-bit native YBR_FULL_422
 * (the IODs that allow it, e.g. US, do not allow YBR_FULL), which stays subsampled: a horizontal
 * pair of pixels shares its chroma, so a pair with either pixel inside a region is blanked whole
 * (Y 0, Cb = Cr = 128) and every other byte is kept.
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
  if (desc.photometricInterpretation === 'YBR_FULL_422' && desc.samplesPerPixel === 3 && desc.bitsAllocated === 8 && !source.bigEndian) {
    return clean422(file, desc, source.bytes, regions);
  }
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

/** YBR_FULL_422 cleaned in place of a copy, pair by pair (see cleanPixelData). */
function clean422(file: DicomFile, desc: PixelDescription, bytes: Uint8Array, regions: readonly PixelMaskRegion[]): PixelCleaning {
  const mask = regionMask(desc.rows, desc.columns, regions);
  const pairsPerRow = Math.floor(desc.columns / 2);
  const frameBytes = desc.rows * pairsPerRow * 4;
  const out = bytes.slice(0, frameBytes * desc.numberOfFrames + ((frameBytes * desc.numberOfFrames) % 2));
  let pixelsPerFrame = 0;
  for (let r = 0; r < desc.rows; r++) {
    for (let q = 0; q < pairsPerRow; q++) {
      const p = r * desc.columns + 2 * q;
      if (!mask[p] && !mask[p + 1]) continue;
      pixelsPerFrame += 2;
      for (let f = 0; f < desc.numberOfFrames; f++) out.set([0, 0, 128, 128], f * frameBytes + (r * pairsPerRow + q) * 4);
    }
  }
  const dataset = file.dataset.with(new Map([[Tag.PixelData, bytesElement(Tag.PixelData, file.dataset.get(Tag.PixelData)?.vr ?? 'OB', out)]]));
  const cleaned: DicomFile = { ...file, dataset, get datasetBytes() { return writeDataset(dataset, file.transferSyntax); } };
  return { file: cleaned, pixelsPerFrame, frames: desc.numberOfFrames, black: [0, 128, 128] };
}
