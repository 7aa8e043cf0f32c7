/**
 * Every kind of object the engine emits passes dicom3tools' dciodvfy without an Error line:
 * Secondary Capture (grey, RGB), the three multi-frame SC IODs, a 1:1 CT reduced copy, copies
 * from Big Endian and Implicit VR sources, a copy keeping encapsulated (RLE) pixels, and a
 * report from sources in an ISO 2022 character set.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Copied, Tag, TransferSyntax, type OutputDefinition } from '@atrium/sdk';
import { havePeers, peer, runPydicom } from '../../../test/support/peers.js';
import { readSample } from '../../../test/support/samples.js';
import { stringElement } from '../io/element-factory.js';
import { useTempDir } from '../../../test/support/temp-dir.js';
import { parseDicom } from '../io/parse-part10.js';
import { syntheticCtSeries } from '../testing/synthetic-ct-series.js';
import { deriveObject, type DeriveRequest } from './derive-object.js';
import { dciodvfy } from '../../../test/support/dciodvfy.js';
import { ctSources, grey8, request, SC_REPORT } from './test-support/derive-fixtures.js';

const output = (iod: OutputDefinition['iod'], rest: Partial<OutputDefinition> = {}): OutputDefinition => ({ ...SC_REPORT, iod, ...rest });
const CT_COPY: OutputDefinition = { iod: 'ct-image', mapping: { PixelData: Copied }, description: 'Reduced series', cardinality: '1:1' };
const SC_COPY: OutputDefinition = { iod: 'secondary-capture-image', mapping: { PixelData: Copied }, description: 'Copy', cardinality: '1:1' };
const fromBytes = (bytes: Uint8Array): DeriveRequest['sources'][number] => {
  const file = parseDicom(bytes);
  return { dataset: file.dataset, transferSyntaxUID: file.transferSyntax.uid };
};

describe('emitted objects pass dciodvfy', () => {
  const ready = havePeers('dciodvfy');
  const tmp = useTempDir('atrium-derive-');
  const expectValid = (bytes: Uint8Array, iodName: string): void => {
    const report = dciodvfy(bytes);
    expect(report.errors, report.output).toEqual([]);
    expect(report.output).toContain(iodName);
  };
  const sources = ctSources();
  const cases: [string, string, () => DeriveRequest][] = [
    ['SC, 8-bit grey', 'SCImage', () => request(SC_REPORT, sources, { request: { pixels: { rows: 8, columns: 8, samplesPerPixel: 1, bitsAllocated: 8, data: grey8(8, 8) } } })],
    ['SC, RGB', 'SCImage', () => request(SC_REPORT, sources, { request: { burnedInAnnotation: true, pixels: { rows: 8, columns: 6, samplesPerPixel: 3, bitsAllocated: 8, data: grey8(8, 18) } } })],
    ['MF grayscale byte', 'MultiframeGrayscaleByteSCImage', () => request(output('multi-frame-grayscale-byte-secondary-capture-image'), sources, { request: { pixels: { rows: 8, columns: 8, samplesPerPixel: 1, bitsAllocated: 8, frames: 3, data: grey8(8, 8, 3) } } })],
    ['MF grayscale word', 'MultiframeGrayscaleWordSCImage', () => request(output('multi-frame-grayscale-word-secondary-capture-image'), sources, { request: { pixels: { rows: 8, columns: 8, samplesPerPixel: 1, bitsAllocated: 16, frames: 2, data: new Uint16Array(128).map((_, i) => i * 500) } } })],
    ['MF true colour', 'MultiframeTrueColorSCImage', () => request(output('multi-frame-true-color-secondary-capture-image'), sources, { request: { pixels: { rows: 4, columns: 8, samplesPerPixel: 3, bitsAllocated: 8, frames: 2, data: grey8(4, 24, 2) } } })],
    ['CT 1:1 reduced copy (copySourcePixels)', 'CTImage', () => request(CT_COPY, sources.slice(2), { request: { copySourcePixels: true } })],
  ];
  for (const [name, iodName, make] of cases) {
    it.skipIf(!ready)(name, () => expectValid(deriveObject(make()).bytes, iodName));
  }

  it.skipIf(!ready || !havePeers('dcmconv', 'pydicom'))('CT 1:1 copies from Big Endian and Implicit VR sources (pixels equal pydicom\'s reading of the source)', () => {
    const original = join(tmp(), 'ct.dcm');
    writeFileSync(original, syntheticCtSeries({ slices: 1, rows: 16, columns: 16, pixelRepresentation: 1 })[0]!);
    for (const [flag, ts] of [['+tb', TransferSyntax.ExplicitVRBigEndian], ['+ti', TransferSyntax.ImplicitVRLittleEndian]] as const) {
      const converted = join(tmp(), `ct${flag}.dcm`);
      execFileSync(peer('dcmconv')!, [flag, original, converted]);
      const source = fromBytes(new Uint8Array(readFileSync(converted)));
      expect(source.transferSyntaxUID).toBe(ts);
      const o = deriveObject(request(CT_COPY, [source], { request: { copySourcePixels: true } }));
      expectValid(o.bytes, 'CTImage');
      const derivedPath = join(tmp(), `derived${flag}.dcm`);
      writeFileSync(derivedPath, o.bytes);
      const same = runPydicom(
        'import sys, pydicom, numpy as np\n'
        + 'a = pydicom.dcmread(sys.argv[1]); b = pydicom.dcmread(sys.argv[2])\n'
        + 'print(np.array_equal(a.pixel_array, b.pixel_array), a.ImagePositionPatient == b.ImagePositionPatient, a.RescaleIntercept == b.RescaleIntercept, b.file_meta.TransferSyntaxUID)',
        [converted, derivedPath],
      ).trim();
      expect(same).toBe(`True True True ${TransferSyntax.ExplicitVRLittleEndian}`);
    }
  });

  it.skipIf(!ready)('SC 1:1 copy keeping encapsulated (RLE) pixels and their transfer syntax', () => {
    const source = fromBytes(readSample('sc/SC_rgb_rle.dcm'));
    const o = deriveObject(request(SC_COPY, [source], { request: { copySourcePixels: true } }));
    expect(o.transferSyntaxUID).toBe(TransferSyntax.RLELossless);
    expect(parseDicom(o.bytes).transferSyntax.uid).toBe(TransferSyntax.RLELossless);
    expect(o.dataset.get(Tag.PixelData)?.encapsulated?.fragments).toEqual(source.dataset.get(Tag.PixelData)?.encapsulated?.fragments);
    expectValid(o.bytes, 'SCImage');
  });

  it.skipIf(!ready)('an SC report from sources in ISO 2022 IR 87 (Japanese): character set and text bytes kept', () => {
    const charset = ['', 'ISO 2022 IR 87'];
    const japanese = ctSources().map((s) => ({
      ...s,
      dataset: s.dataset.with(new Map([
        [Tag.SpecificCharacterSet, stringElement(Tag.SpecificCharacterSet, 'CS', charset)],
        [Tag.PatientName, stringElement(Tag.PatientName, 'PN', 'Yamada^Tarou=山田^太郎', charset)],
      ])),
    }));
    const o = deriveObject(request(SC_REPORT, japanese, { request: { pixels: { rows: 8, columns: 8, samplesPerPixel: 1, bitsAllocated: 8, data: grey8(8, 8) } } }));
    expect(o.dataset.characterSet).toEqual(charset);
    expect(o.dataset.get(Tag.PatientName)?.value).toEqual(japanese[0]!.dataset.get(Tag.PatientName)?.value);
    expect(o.dataset.string(Tag.PatientName)).toBe('Yamada^Tarou=山田^太郎');
    expectValid(o.bytes, 'SCImage');
  });
});
