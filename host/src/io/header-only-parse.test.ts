/**
 * Header-only parse (what indexing and reconcile use): it stops before Pixel Data, holds
 * exactly the elements a full parse holds before it, and cannot be written back.
 */
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { listAtrium } from '../../../test/support/element-listing.js';
import { readSample } from '../../../test/support/samples.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { parseDicom } from './parse-part10.js';
import { writeDataset } from './write-dataset.js';
import { writePart10 } from './write-part10.js';

/** Samples with Pixel Data: native and encapsulated, explicit and implicit VR, single and multi-frame. */
const WITH_PIXELS = [
  'mr/MR_small.dcm', // Explicit VR LE, native
  'nm/NM_GATED_planar_16slots.dcm', // multi-frame, native
  'nm/NM1_JPLL.dcm', // encapsulated JPEG Lossless, private tags
  'xa/gdcm-XA-4frame-jpll.dcm', // encapsulated, 4 frames
  'rt-seg-sr/rtdose.dcm', // Implicit VR LE, native
  'us/US1_UNCR.dcm', // large native RGB
  'dicomdir/98892001/CT5N/2062',
];

/** Samples without Pixel Data: a header-only parse reads everything. */
const WITHOUT_PIXELS = ['rt-seg-sr/test-SR.dcm', 'rt-seg-sr/waveform_ecg.dcm', 'rt-seg-sr/rtstruct.dcm', 'dicomdir/DICOMDIR'];

function expectWritePartial(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(isAtriumError(e, 'ATRIUM_ERR_WRITE_PARTIAL')).toBe(true);
    return;
  }
  throw new Error('expected ATRIUM_ERR_WRITE_PARTIAL');
}

describe('header-only parse', () => {
  for (const rel of WITH_PIXELS) {
    it(`${rel}: stops before Pixel Data with the same header elements as a full parse`, () => {
      const bytes = readSample(rel);
      const full = parseDicom(bytes);
      const header = parseDicom(bytes, { headerOnly: true });
      expect(full.dataset.has(Tag.PixelData)).toBe(true);
      expect(header.stoppedAtPixelData).toBe(true);
      expect(header.dataset.has(Tag.PixelData)).toBe(false);

      const before = full.dataset.elements.filter((e) => (e.tag >>> 0) < Tag.PixelData);
      expect(header.dataset.elements.map((e) => e.tag)).toEqual(before.map((e) => e.tag));
      expect(header.dataset.size).toBeGreaterThan(10);
      // Same elements down to the bytes: the header written out is the input up to Pixel Data.
      const headerBytes = writeDataset(header.dataset, header.transferSyntax);
      expect(Buffer.from(headerBytes).equals(Buffer.from(full.datasetBytes.subarray(0, headerBytes.length)))).toBe(true);
      const pixelHeader = full.datasetBytes.subarray(headerBytes.length, headerBytes.length + 4);
      const le = full.transferSyntax.littleEndian;
      expect(new DataView(pixelHeader.buffer, pixelHeader.byteOffset, 4).getUint16(0, le)).toBe(0x7fe0);
      expect(new DataView(pixelHeader.buffer, pixelHeader.byteOffset, 4).getUint16(2, le)).toBe(0x0010);
      // Same meta, same listing of what was read.
      expect(header.meta?.elements).toEqual(full.meta?.elements);
      const fullListing = listAtrium({ ...full, dataset: full.dataset.with(new Map(full.dataset.elements.filter((e) => (e.tag >>> 0) >= Tag.PixelData).map((e) => [e.tag, undefined]))) });
      expect(listAtrium(header)).toEqual(fullListing);
      // The header is what the index needs.
      expect(header.dataset.string(Tag.SOPInstanceUID)).toBe(full.dataset.string(Tag.SOPInstanceUID));
      expect(header.dataset.number(Tag.Rows)).toBe(full.dataset.number(Tag.Rows));

      expectWritePartial(() => writePart10(header));
    });
  }

  for (const rel of WITHOUT_PIXELS) {
    it(`${rel}: without Pixel Data it reads everything and can be written back`, () => {
      const bytes = readSample(rel);
      const header = parseDicom(bytes, { headerOnly: true });
      expect(header.stoppedAtPixelData).toBe(false);
      expect(listAtrium(header)).toEqual(listAtrium(parseDicom(bytes)));
      const written = writePart10(header);
      if (header.meta) expect(Buffer.from(written).equals(Buffer.from(bytes))).toBe(true);
      else expect(Buffer.from(written.subarray(written.length - bytes.length)).equals(Buffer.from(bytes))).toBe(true);
    });
  }

  it('a file cut inside Pixel Data still parses header-only; the full parse reports the cut Pixel Data', () => {
    const bytes = readSample('mr/MR_small.dcm');
    const cut = bytes.subarray(0, bytes.length - 1000);
    const header = parseDicom(cut, { headerOnly: true });
    expect(header.stoppedAtPixelData).toBe(true);
    expect(listAtrium(header)).toEqual(listAtrium(parseDicom(bytes, { headerOnly: true })));
    expect(() => parseDicom(cut)).toThrow(/\(7FE0,0010\) at byte offset \d+/);
  });
});
