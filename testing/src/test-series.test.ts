import { SopClass } from '@atrium/sdk';
import { parseDicom, validateInstance } from '@atrium/host/engine';
import { describe, expect, it } from 'vitest';
import { dciodvfy } from './dciodvfy.js';
import { testSeries } from './test-series.js';

describe('testSeries: a source series from arrays and a few attributes', () => {
  it('writes one CT Part 10 file per image whose HU, geometry and identity read back as given', async () => {
    const images = [0, 1, 2].map((k) => Int16Array.from({ length: 12 }, (_, i) => i * 100 - 500 + k));
    const s = testSeries({ rows: 3, columns: 4, images, pixelSpacing: 0.5, sliceSpacing: 2.5, attributes: { PatientName: 'Doe^Jane', StudyDescription: 'Cardiac' } });
    expect(s.files).toHaveLength(3);
    expect(new Set(s.sopInstanceUIDs).size).toBe(3);
    const { source } = s;
    expect([source.studyInstanceUID, source.seriesInstanceUID, source.modality]).toEqual([s.studyInstanceUID, s.seriesInstanceUID, 'CT']);
    expect(source.geometry?.sliceIncrement).toBe(2.5);
    const first = source.instances[0]!;
    expect([first.sopClassUID, first.string('PatientName'), first.string('StudyDescription'), first.numbers('PixelSpacing')]).toEqual([SopClass.CTImageStorage, 'Doe^Jane', 'Cardiac', [0.5, 0.5]]);
    for (const [k, instance] of source.instances.entries()) expect(Array.from((await instance.frame(0, { rescale: true })).data)).toEqual(Array.from(images[k]!));
  });

  it('gives the same UIDs for the same seed, other UIDs for another', () => {
    const image = [new Uint16Array(4)];
    const a = testSeries({ rows: 2, columns: 2, images: image });
    expect(testSeries({ rows: 2, columns: 2, images: image }).sopInstanceUIDs).toEqual(a.sopInstanceUIDs);
    expect(testSeries({ rows: 2, columns: 2, images: image, seed: 'other' }).seriesInstanceUID).not.toBe(a.seriesInstanceUID);
    expect(a.seriesInstanceUID).toMatch(/^2\.25\.\d{1,39}$/);
  });

  it('overrides and removes attributes per instance, and keeps text outside ASCII in UTF-8', () => {
    const s = testSeries({
      rows: 2, columns: 2, images: [new Int16Array(4), new Int16Array(4)], attributes: { PatientName: 'Yamada^Tarou=山田^太郎' },
      instance: (i) => (i === 1 ? { RescaleSlope: undefined, ImagePositionPatient: [0, 0, 7] } : {}),
    });
    const [a, b] = s.source.instances;
    expect([a!.string('SpecificCharacterSet'), a!.string('PatientName')]).toEqual(['ISO_IR 192', 'Yamada^Tarou=山田^太郎']);
    expect([a!.number('RescaleSlope'), b!.number('RescaleSlope'), b!.numbers('ImagePositionPatient')]).toEqual([1, undefined, [0, 0, 7]]);
  });

  it('writes other modalities as Secondary Capture, several frames as multi-frame, colour as RGB', async () => {
    const rgb = testSeries({ rows: 1, columns: 2, modality: 'US', images: [new Uint8Array([255, 0, 0, 0, 0, 255])], attributes: { SamplesPerPixel: 3, PhotometricInterpretation: 'RGB', PlanarConfiguration: 0 } });
    expect(rgb.source.instances[0]!.sopClassUID).toBe(SopClass.SecondaryCaptureImageStorage);
    expect(Array.from((await rgb.source.instances[0]!.frame(0)).data)).toEqual([255, 0, 0, 0, 0, 255]);
    const xa = testSeries({ rows: 2, columns: 2, modality: 'XA', images: [[new Uint16Array(4).fill(1), new Uint16Array(4).fill(2)]] });
    const instance = xa.source.instances[0]!;
    expect([instance.sopClassUID, instance.numberOfFrames]).toEqual([SopClass.MultiFrameGrayscaleWordSecondaryCaptureImageStorage, 2]);
    expect(Array.from((await instance.frame(1)).data)).toEqual([2, 2, 2, 2]);
  });

  it('writes CT, MR and Secondary Capture files that a store under strict validation accepts', () => {
    for (const modality of ['CT', 'MR', 'OT']) {
      const { files } = testSeries({ modality, rows: 2, columns: 2, images: [new Int16Array(4), new Int16Array(4)] });
      for (const f of files) expect(validateInstance(parseDicom(f), 'strict'), modality).toEqual({ refusals: [], warnings: [] });
    }
  });

  it('writes a CT that dciodvfy accepts (when installed)', () => {
    const report = dciodvfy(testSeries({ rows: 4, columns: 4, images: [new Int16Array(16)] }).files[0]!);
    if (report) expect(report.errors, report.output).toEqual([]);
  });

  it('refuses arrays that do not fit, and words that are not DICOM keywords', () => {
    expect(() => testSeries({ rows: 2, columns: 2, images: [new Int16Array(3)] })).toThrow('testSeries: frame 0 of image 0 has 3 values; 2 rows × 2 columns × 1 samples need 4');
    expect(() => testSeries({ rows: 0, columns: 2, images: [new Int16Array(0)] })).toThrow('testSeries: rows must be a whole number from 1 to 65535, got 0');
    expect(() => testSeries({ rows: 2, columns: 2, images: [] })).toThrow('testSeries: give at least one image');
    expect(() => testSeries({ rows: 1, columns: 1, images: [[new Int16Array(1), new Uint16Array(1)]] })).toThrow('the frames of image 0 must all be Int16Arrays');
    expect(() => testSeries({ rows: 1, columns: 1, images: [new Int16Array(1)], attributes: { PatientNam: 'x' } })).toThrow(/testSeries: attribute PatientNam: .*not a DICOM keyword/);
  });
});
