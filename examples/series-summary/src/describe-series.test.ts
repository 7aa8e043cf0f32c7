import { seriesGeometry } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { describeSeries, formatDate, formatNumber } from './describe-series.js';
import { fakeInstance, fakeSeries } from './test-support/fake-run.js';

describe('describeSeries', () => {
  it('prints patient, study, series, counts, matrix and the slice increment from the geometry', () => {
    const attributes = {
      PatientName: 'DOE^JANE', PatientID: 'P-1', PatientSex: 'F', PatientBirthDate: '19600229', StudyDate: '20240131',
      StudyDescription: 'CHEST', SeriesNumber: 3, SeriesDescription: 'Axial 2.5', Modality: 'CT', Rows: 512, Columns: 512, PixelSpacing: [0.703125, 0.703125],
    };
    const instances = [0, 1, 2].map((i) => fakeInstance(`2.25.${i}`, attributes, [{ rows: 1, columns: 1, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', data: new Int16Array(1) }]));
    const geometry = seriesGeometry([0, 2.5, 5].map((z) => ({ imagePositionPatient: [0, 0, z], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [0.703125, 0.703125] })));
    expect(describeSeries(fakeSeries(instances, geometry))).toEqual([
      'Patient: DOE JANE',
      'ID: P-1  Sex: F  Born: 1960-02-29',
      'Study: 2024-01-31  CHEST',
      'Series 3: CT  Axial 2.5',
      '3 instances, 3 frames',
      'Matrix: 512 x 512, 0.703 x 0.703 mm',
      'Slice increment: 2.5 mm',
    ]);
  });

  it('prints "-" for absent values, no increment without geometry, and geometry problems', () => {
    const one = fakeInstance('2.25.9', {}, []);
    expect(describeSeries(fakeSeries([one]))).toEqual([
      'Patient: -', 'ID: -  Sex: -  Born: -', 'Study: -  -', 'Series -: -  -', '1 instance, 0 frames', 'Matrix: - x -',
    ]);
    const geometry = seriesGeometry([0, 2.5, 2.5].map((z) => ({ imagePositionPatient: [0, 0, z], imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: [1, 1] })));
    expect(describeSeries(fakeSeries([one], geometry)).slice(-2)).toEqual(['Slice increment: 1.25 mm', 'Geometry: 2 problems']);
  });

  it('formatDate and formatNumber', () => {
    expect([formatDate('20240131'), formatDate('2024'), formatDate(undefined), formatDate('')]).toEqual(['2024-01-31', '2024', '-', '-']);
    expect([formatNumber(2.5), formatNumber(0.703125), formatNumber(512), formatNumber(-0.0004)]).toEqual(['2.5', '0.703', '512', '0']);
  });
});
