/** Clean Pixel Data Option: exact pixels inside (black) and outside (unchanged) the mask regions. */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tag, TransferSyntax } from '@atrium/sdk';
import { havePeers, runPydicom } from '../../../test/support/peers.js';
import { readSample } from '../../../test/support/samples.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import { readFrame } from '../io/pixel-access.js';
import { writePart10 } from '../io/write-part10.js';
import type { PixelMaskRegion } from './deid-options.js';
import { deidentify } from './deidentify.js';
import { deidentifyAsync } from './deidentify-async.js';
import { regionMask } from './clean-pixel-data.js';
import { IMAGE_COLUMNS, IMAGE_ROWS, burnedInImage, type BurnedInImageOptions } from './test-support/burned-in-image.js';

const MASK: PixelMaskRegion[] = [{ x: 1, y: 1, width: 3, height: 2 }, { x: 8, y: -2, width: 5, height: 3 }];
/** Pixels (row, column) inside MASK, clipped to the 6 x 10 image. */
const INSIDE = new Set(['1,1', '1,2', '1,3', '2,1', '2,2', '2,3', '0,8', '0,9']);

/** Expected samples: black inside MASK, the original value elsewhere. */
function expected(frames: number[][], spp: number, black: readonly number[]): number[][] {
  return frames.map((f) => f.map((v, i) => {
    const p = Math.floor(i / spp);
    return INSIDE.has(`${Math.floor(p / IMAGE_COLUMNS)},${p % IMAGE_COLUMNS}`) ? black[i % spp]! : v;
  }));
}

async function framesOf(file: DicomFile): Promise<number[][]> {
  const n = Math.max(1, file.dataset.number(Tag.NumberOfFrames) ?? 1);
  return Promise.all(Array.from({ length: n }, async (_, i) => Array.from((await readFrame(file, i)).data)));
}

const code = async (f: () => unknown): Promise<string | undefined> => {
  try { await f(); return undefined; } catch (e) { return isAtriumError(e) ? e.code : String(e); }
};

const CASES: { name: string; o: BurnedInImageOptions; black: number[] }[] = [
  { name: 'US MONOCHROME2 16-bit unsigned, native, 2 frames', o: { modality: 'US', photometric: 'MONOCHROME2', bitsAllocated: 16, bitsStored: 12, frames: 2 }, black: [0] },
  { name: 'SC MONOCHROME2 16-bit signed, native', o: { modality: 'OT', photometric: 'MONOCHROME2', bitsAllocated: 16, bitsStored: 16, signed: true, frames: 1 }, black: [-32768] },
  { name: 'SC MONOCHROME1 8-bit, native', o: { modality: 'OT', photometric: 'MONOCHROME1', bitsAllocated: 8, bitsStored: 8, frames: 1 }, black: [255] },
  { name: 'US RGB 8-bit, RLE Lossless, 2 frames', o: { modality: 'US', photometric: 'RGB', bitsAllocated: 8, bitsStored: 8, frames: 2, transferSyntax: TransferSyntax.RLELossless }, black: [0, 0, 0] },
  { name: 'SC MONOCHROME2 16-bit, JPEG-LS Lossless', o: { modality: 'OT', photometric: 'MONOCHROME2', bitsAllocated: 16, bitsStored: 12, frames: 1, transferSyntax: TransferSyntax.JPEGLSLossless }, black: [0] },
];

describe('Clean Pixel Data', () => {
  it('regionMask clips regions to the image and counts overlaps once', () => {
    const m = regionMask(IMAGE_ROWS, IMAGE_COLUMNS, [...MASK, { x: 2, y: 1, width: 1, height: 1 }, { x: 20, y: 20, width: 2, height: 2 }]);
    const inside = [...m].flatMap((v, p) => (v ? [`${Math.floor(p / IMAGE_COLUMNS)},${p % IMAGE_COLUMNS}`] : []));
    expect(new Set(inside)).toEqual(INSIDE);
    expect(inside.length).toBe(INSIDE.size);
  });

  for (const { name, o, black } of CASES) {
    it(name, async () => {
      const { bytes, frames } = await burnedInImage(o);
      const input = parseDicom(bytes);
      expect(await framesOf(input)).toEqual(frames); // the synthetic input decodes to the known values
      const { file, report } = await deidentifyAsync(input, { secret: 's', pixelMaskRegions: MASK });
      const out = parseDicom(writePart10(file));
      expect(out.transferSyntax.uid).toBe(TransferSyntax.ExplicitVRLittleEndian);
      expect(await framesOf(out)).toEqual(expected(frames, o.photometric === 'RGB' ? 3 : 1, black));
      const ds = out.dataset;
      expect(ds.string(Tag.BurnedInAnnotation)).toBe('NO');
      expect(ds.string(Tag.PhotometricInterpretation)).toBe(o.photometric);
      expect(ds.items(Tag.DeidentificationMethodCodeSequence).map((i) => i.dataset.string(Tag.CodeValue))).toEqual(['113100', '113101']);
      expect(ds.strings(Tag.DeidentificationMethod)).toContain('Clean Pixel Data Option');
      expect(ds.has(Tag.LossyImageCompression)).toBe(false); // lossless inputs stay without lossy history
      expect(report.notes.join(' ')).toContain(`Clean Pixel Data: 8 pixel(s) of each of ${o.frames} frame(s) set to black (${black.join(', ')})`);
    });
  }

  it('refuses without a mask, and a compressed object in the synchronous engine', async () => {
    const rle = parseDicom((await burnedInImage(CASES[3]!.o)).bytes);
    expect(await code(() => deidentify(rle, { secret: 's' }))).toBe('ATRIUM_ERR_DEID_BURNED_IN');
    expect(await code(() => deidentifyAsync(rle, { secret: 's' }))).toBe('ATRIUM_ERR_DEID_BURNED_IN');
    expect(await code(() => deidentify(rle, { secret: 's', pixelMaskRegions: MASK }))).toBe('ATRIUM_ERR_DEID_PIXELS_COMPRESSED');
  });

  it('a lossy JPEG Baseline SC: decoded (YBR_FULL → RGB by the codec), lossy history kept, only the region changes', async () => {
    const input = parseDicom(readSample('sc/SC_rgb_jpeg_dcmtk.dcm'));
    const before = Array.from((await readFrame(input, 0)).data);
    const { file } = await deidentifyAsync(input, { secret: 's', pixelMaskRegions: [{ x: 0, y: 0, width: 100, height: 10 }] });
    const out = parseDicom(writePart10(file));
    const ds = out.dataset;
    expect([ds.string(Tag.PhotometricInterpretation), ds.number(Tag.PlanarConfiguration), ds.string(Tag.LossyImageCompression)]).toEqual(['RGB', 0, '01']);
    expect(ds.strings(Tag.LossyImageCompressionMethod)).toContain('ISO_10918_1');
    const after = Array.from((await readFrame(out, 0)).data);
    expect(after.slice(0, 100 * 10 * 3).every((v) => v === 0)).toBe(true);
    expect(after.slice(100 * 10 * 3)).toEqual(before.slice(100 * 10 * 3));
  });

  it('native US YBR_FULL_422 stays subsampled: pairs touching a region blanked whole (Y 0, Cb = Cr = 128), every other byte kept', () => {
    const input = parseDicom(readSample('us/US-YBR_FULL_422-EVRLE.dcm'));
    // columns 3..4 of rows 0..1: pairs (2,3) and (4,5) are blanked
    const { file, report } = deidentify(input, { secret: 's', pixelMaskRegions: [{ x: 3, y: 0, width: 2, height: 2 }] });
    const out = parseDicom(writePart10(file));
    expect(out.dataset.string(Tag.PhotometricInterpretation)).toBe('YBR_FULL_422');
    const before = input.dataset.get(Tag.PixelData)!.value;
    const after = out.dataset.get(Tag.PixelData)!.value;
    expect(after.length).toBe(before.length);
    const rowBytes = 800 * 2;
    const changed = (at: number): boolean => [0, rowBytes].some((row) => at >= row + 4 && at < row + 12);
    for (const row of [0, rowBytes]) expect(Array.from(after.subarray(row + 4, row + 12))).toEqual([0, 0, 128, 128, 0, 0, 128, 128]);
    let differing = 0;
    for (let i = 0; i < before.length; i++) if (!changed(i) && after[i] !== before[i]) differing++;
    expect(differing).toBe(0);
    expect(report.notes.join(' ')).toContain('Clean Pixel Data: 8 pixel(s)');
  });

  it.skipIf(!havePeers('pydicom'))('pydicom reads the cleaned RLE input\'s output with the same pixels', async () => {
    const { bytes, frames } = await burnedInImage(CASES[3]!.o);
    const { file } = await deidentifyAsync(parseDicom(bytes), { secret: 's', pixelMaskRegions: MASK });
    const path = join(mkdtempSync(join(tmpdir(), 'atrium-clean-')), 'out.dcm');
    writeFileSync(path, writePart10(file));
    const json = runPydicom('import sys, json, pydicom\nds = pydicom.dcmread(sys.argv[1])\nprint(json.dumps(ds.pixel_array.reshape(int(ds.NumberOfFrames), -1).tolist()))', [path]);
    expect(JSON.parse(json)).toEqual(expected(frames, 3, [0, 0, 0]));
  });
});
