import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tag, TransferSyntax as TS } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import type { DataElement } from '../data-element.js';
import { DataSet } from '../data-set.js';
import { parseDicom } from '../parse-part10.js';
import { EXPLICIT_LE } from '../transfer-syntax.js';
import { writeDataset } from '../write-dataset.js';
import { canTranscode, transcodeDataset } from './transcode-dataset.js';

const sample = (path: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../../samples/${path}`, import.meta.url))));
/** A bare dataset in `ts`, parsed as the receiving end of a C-STORE would. */
const received = (bytes: Uint8Array, ts: string) => parseDicom(bytes, { transferSyntaxUID: ts });

describe('canTranscode', () => {
  it.each([
    [TS.ExplicitVRLittleEndian, TS.ImplicitVRLittleEndian, true],
    [TS.ExplicitVRBigEndian, TS.DeflatedExplicitVRLittleEndian, true],
    [TS.ImplicitVRLittleEndian, TS.ExplicitVRBigEndian, false],
    [TS.ExplicitVRBigEndian, TS.ExplicitVRBigEndian, true],
    [TS.JPEGBaseline8Bit, TS.ExplicitVRLittleEndian, true],
    [TS.JPEGBaseline8Bit, TS.JPEGLSLossless, true],
    [TS.JPEGLSNearLossless, TS.ImplicitVRLittleEndian, true],
    [TS.JPEG2000, TS.RLELossless, true],
    [TS.ExplicitVRLittleEndian, TS.JPEGLosslessSV1, true],
    [TS.ExplicitVRLittleEndian, TS.JPEG2000Lossless, true],
    [TS.ExplicitVRLittleEndian, TS.JPEGBaseline8Bit, false],
    [TS.ExplicitVRLittleEndian, TS.JPEG2000, false],
    [TS.ExplicitVRLittleEndian, TS.JPEGLSNearLossless, false],
    [TS.JPEG2000MC, TS.ExplicitVRLittleEndian, false],
    [TS.HTJ2KLossless, TS.ExplicitVRLittleEndian, false],
    [TS.MPEG2MPML, TS.ExplicitVRLittleEndian, false],
    [TS.MPEG2MPML, TS.MPEG2MPML, true],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(canTranscode(from, to)).toBe(expected);
  });
});

describe('transcodeDataset', () => {
  it('returns the stored dataset bytes for the same transfer syntax', async () => {
    const file = parseDicom(sample('sc/SC_rgb_rle.dcm'));
    const out = await transcodeDataset(file, TS.RLELossless);
    expect(out).toEqual(file.datasetBytes.subarray(0, file.datasetBytes.length - file.trailing.length));
  });

  it('round-trips Explicit VR LE → Implicit VR LE → Deflated → Explicit VR LE byte-identically (sequences, charsets)', async () => {
    for (const path of ['rt-seg-sr/test-SR.dcm', 'mr/MR_small.dcm']) {
      const original = parseDicom(sample(path));
      expect(original.transferSyntax.uid).toBe(TS.ExplicitVRLittleEndian);
      const implicit = await transcodeDataset(original, TS.ImplicitVRLittleEndian);
      const deflated = await transcodeDataset(received(implicit, TS.ImplicitVRLittleEndian), TS.DeflatedExplicitVRLittleEndian);
      const explicit = await transcodeDataset(received(deflated, TS.DeflatedExplicitVRLittleEndian), TS.ExplicitVRLittleEndian);
      expect(Buffer.from(explicit).equals(Buffer.from(original.datasetBytes)), path).toBe(true);
      const again = await transcodeDataset(received(explicit, TS.ExplicitVRLittleEndian), TS.ImplicitVRLittleEndian);
      expect(Buffer.from(again).equals(Buffer.from(implicit)), path).toBe(true);
    }
  });

  it('round-trips 8-bit OB Pixel Data through Implicit VR as OW (Implicit VR has no OB; DCMTK and GDCM do the same)', async () => {
    const original = parseDicom(sample('charsets/chrH31.dcm'));
    const implicit = await transcodeDataset(original, TS.ImplicitVRLittleEndian);
    const back = received(await transcodeDataset(received(implicit, TS.ImplicitVRLittleEndian), TS.ExplicitVRLittleEndian), TS.ExplicitVRLittleEndian);
    const others = (e: DataElement) => e.tag !== Tag.PixelData;
    expect(back.dataset.elements.filter(others)).toEqual(original.dataset.elements.filter(others));
    expect(original.dataset.get(Tag.PixelData)!.vr).toBe('OB');
    expect(back.dataset.get(Tag.PixelData)).toEqual({ ...original.dataset.get(Tag.PixelData)!, vr: 'OW' });
  });

  it('recomputes Group Length elements for the new encoding', async () => {
    const file = parseDicom(sample('xa/gdcm-XA-4frame-jpll.dcm'));
    expect(file.dataset.number(0x00080000)).toBe(246);
    const implicit = received(await transcodeDataset(file, TS.ImplicitVRLittleEndian), TS.ImplicitVRLittleEndian);
    // Group 0008 has 11 elements: implicit VR headers are 8 bytes, like the explicit short ones here.
    expect(implicit.dataset.number(0x00080000)).toBe(246);
    expect(implicit.dataset.get(Tag.PixelData)!.value.length).toBe(4 * 512 * 512);
  });

  it('decodes an encapsulated image to native and updates the Image Pixel module', async () => {
    const file = parseDicom(sample('sc/SC_rgb_jpeg_dcmtk.dcm'));
    const out = received(await transcodeDataset(file, TS.ExplicitVRLittleEndian), TS.ExplicitVRLittleEndian).dataset;
    expect(out.string(Tag.PhotometricInterpretation)).toBe('RGB');
    expect(out.number(Tag.PlanarConfiguration)).toBe(0);
    expect(out.string(Tag.LossyImageCompression)).toBe('01');
    expect(out.get(Tag.PixelData)).toMatchObject({ vr: 'OB', undefinedLength: false });
    expect(out.get(Tag.PixelData)!.value.length).toBe(100 * 100 * 3);
    const unchanged = (e: DataElement) => e.tag !== Tag.PixelData && e.tag !== Tag.PhotometricInterpretation;
    const bytes = (elements: readonly DataElement[]) => Buffer.from(writeDataset(new DataSet(elements, EXPLICIT_LE)));
    expect(bytes(out.elements.filter(unchanged)).equals(bytes(file.dataset.elements.filter(unchanged)))).toBe(true);
  });

  it('refuses unsupported pairs with ATRIUM_ERR_TRANSCODE_UNSUPPORTED naming both syntaxes', async () => {
    const file = parseDicom(sample('mr/MR_small.dcm'));
    const error = await transcodeDataset(file, TS.JPEGBaseline8Bit).catch((e: unknown) => e);
    expect(isAtriumError(error, 'ATRIUM_ERR_TRANSCODE_UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toContain(TS.ExplicitVRLittleEndian);
    expect((error as Error).message).toContain(TS.JPEGBaseline8Bit);
    const dose = parseDicom(sample('rt-seg-sr/rtdose.dcm'));
    const bits32 = await transcodeDataset(dose, TS.JPEGLSLossless).catch((e: unknown) => e);
    expect(isAtriumError(bits32, 'ATRIUM_ERR_TRANSCODE_UNSUPPORTED')).toBe(true);
    expect((bits32 as Error).message).toMatch(/Bits Allocated 8 or 16, got 32/);
  });

  it('reports a corrupt compressed frame as ATRIUM_ERR_TRANSCODE_FAILED with the decoder error as cause', async () => {
    const file = parseDicom(sample('nm/NM1_JPLL.dcm'));
    const pixels = file.dataset.get(Tag.PixelData)!;
    const fragments = pixels.encapsulated!.fragments.map((f) => f.slice(0, 40));
    const broken = { ...file, dataset: file.dataset.with(new Map([[Tag.PixelData, { ...pixels, encapsulated: { ...pixels.encapsulated!, fragments } }]])) };
    const error = await transcodeDataset(broken, TS.ExplicitVRLittleEndian).catch((e: unknown) => e);
    expect(isAtriumError(error, 'ATRIUM_ERR_TRANSCODE_FAILED')).toBe(true);
    expect((error as Error).message).toContain(TS.JPEGLosslessSV1);
    expect((error as Error & { cause?: unknown }).cause).toBeInstanceOf(Error);
  });
});
