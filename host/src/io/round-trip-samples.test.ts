/**
 * Full fidelity on every sample file: parse then write gives the input bytes back. The one
 * sample without file meta (a bare Implicit VR LE dataset) gets a generated meta, followed
 * by its dataset bytes unchanged; dcmdump is the referee for that meta.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tag, TransferSyntax } from '@atrium/sdk';
import { havePeers, runPeer } from '../../../test/support/peers.js';
import { allSampleFiles, readSample, samplePath } from '../../../test/support/samples.js';
import { useTempDir } from '../../../test/support/temp-dir.js';
import { parseDicom } from './parse-part10.js';
import { writePart10 } from './write-part10.js';
import { IMPLEMENTATION_CLASS_UID } from './implementation.js';

const BARE = 'rt-seg-sr/rtstruct.dcm';

describe('round trip of every sample file', () => {
  const files = allSampleFiles();

  it('finds the samples, DICOMDIR and extension-less files included', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(files).toContain('dicomdir/DICOMDIR');
    expect(files).toContain(BARE);
    expect(files.some((f) => f.startsWith('dicomdir/98892003/MR1/'))).toBe(true);
  });

  for (const rel of files.filter((f) => f !== BARE)) {
    it(`${rel}: writePart10(parseDicom(bytes)) is byte-identical`, () => {
      const bytes = readSample(rel);
      const file = parseDicom(bytes);
      expect(file.meta).toBeDefined();
      expect(file.stoppedAtPixelData).toBe(false);
      expect(Buffer.from(writePart10(file)).equals(Buffer.from(bytes))).toBe(true);
    });
  }
});

describe(`the sample without file meta (${BARE})`, () => {
  const tmp = useTempDir('atrium-io-roundtrip-');
  const bytes = readSample(BARE);
  const file = parseDicom(bytes);
  const written = writePart10(file);

  it('is read as a bare Implicit VR Little Endian dataset', () => {
    expect(file.meta).toBeUndefined();
    expect(file.preamble).toBeUndefined();
    expect(file.hasPrefix).toBe(false);
    expect(file.transferSyntaxDetected).toBe(true);
    expect(file.transferSyntax.uid).toBe(TransferSyntax.ImplicitVRLittleEndian);
  });

  it('is written as preamble + DICM + generated meta + the original dataset bytes', () => {
    expect(written.length).toBeGreaterThan(bytes.length + 132);
    expect(Array.from(written.subarray(0, 128)).every((b) => b === 0)).toBe(true);
    expect(Buffer.from(written.subarray(128, 132)).toString('latin1')).toBe('DICM');
    expect(Buffer.from(written.subarray(written.length - bytes.length)).equals(Buffer.from(bytes))).toBe(true);
    const reread = parseDicom(written);
    const meta = reread.meta;
    expect(meta?.string(Tag.TransferSyntaxUID)).toBe(TransferSyntax.ImplicitVRLittleEndian);
    expect(meta?.string(Tag.MediaStorageSOPClassUID)).toBe(file.dataset.string(Tag.SOPClassUID));
    expect(meta?.string(Tag.MediaStorageSOPInstanceUID)).toBe(file.dataset.string(Tag.SOPInstanceUID));
    expect(meta?.string(Tag.ImplementationClassUID)).toBe(IMPLEMENTATION_CLASS_UID);
    // The group length counts the meta elements after it exactly.
    const metaBytes = written.length - 132 - bytes.length;
    expect(meta?.number(Tag.FileMetaInformationGroupLength)).toBe(metaBytes - 12);
    // Written again, the generated file is stable.
    expect(Buffer.from(writePart10(reread)).equals(Buffer.from(written))).toBe(true);
  });

  const ok = havePeers('dcmdump');
  it.skipIf(!ok)('the generated meta is valid for dcmdump (file format, group length, TS used for the dataset)', () => {
    const path = join(tmp(), 'rtstruct-with-meta.dcm');
    writeFileSync(path, written);
    // +fo: read the file format only (a file whose meta dcmdump cannot read is refused).
    const dump = runPeer('dcmdump', ['-q', '+fo', '-Un', path]);
    expect(dump).toContain('# Used TransferSyntax: Little Endian Implicit');
    expect(dump).toMatch(/\(0002,0000\) UL (\d+) /);
    expect(dump).toMatch(/\(0002,0001\) OB 00\\01 /);
    expect(dump).toContain(`(0002,0002) UI [${file.dataset.string(Tag.SOPClassUID)}]`);
    expect(dump).toContain(`(0002,0003) UI [${file.dataset.string(Tag.SOPInstanceUID)}]`);
    expect(dump).toContain('(0002,0010) UI [1.2.840.10008.1.2]');
    expect(dump).toContain(`(0002,0012) UI [${IMPLEMENTATION_CLASS_UID}]`);
    // The dataset that follows reads as the original did.
    const original = runPeer('dcmdump', ['-q', '-f', '-ti', '-Un', samplePath(BARE)]);
    expect(datasetPart(dump)).toBe(datasetPart(original));
    // dcmdump trusts the group length (+ml, default) and ignoring it (-ml) reads the same.
    expect(runPeer('dcmdump', ['-q', '+fo', '-ml', '-Un', path])).toBe(dump);
  });
});

function datasetPart(dump: string): string {
  return dump.slice(dump.indexOf('# Dicom-Data-Set'));
}
