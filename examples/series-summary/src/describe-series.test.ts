import { testSeries } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import { describeSeries, formatDate, formatNumber } from './describe-series.js';

/** Printed attributes, removed from the kit's defaults. */
const NONE = { PatientName: undefined, PatientID: undefined, PatientSex: undefined, PatientBirthDate: undefined, StudyDate: undefined, SeriesNumber: undefined };

describe('describeSeries', () => {
  it('prints patient, study, series, counts, matrix and the slice increment from the geometry', () => {
    const { source } = testSeries({
      rows: 4, columns: 4, images: [0, 1, 2].map(() => new Int16Array(16)), pixelSpacing: 0.703125, sliceSpacing: 2.5,
      attributes: { PatientName: 'DOE^JANE', PatientID: 'P-1', PatientSex: 'F', PatientBirthDate: '19600229', StudyDate: '20240131', StudyDescription: 'CHEST', SeriesNumber: 3, SeriesDescription: 'Axial 2.5' },
    });
    expect(describeSeries(source)).toEqual([
      'Patient: DOE JANE',
      'ID: P-1  Sex: F  Born: 1960-02-29',
      'Study: 2024-01-31  CHEST',
      'Series 3: CT  Axial 2.5',
      '3 instances, 3 frames',
      'Matrix: 4 x 4, 0.703 x 0.703 mm',
      'Slice increment: 2.5 mm',
    ]);
  });

  it('prints "-" for absent values, no increment without geometry, and geometry problems', () => {
    const flat = testSeries({ modality: 'OT', rows: 1, columns: 1, images: [new Uint8Array(1)], instance: () => ({ ...NONE, Rows: undefined, Columns: undefined }) });
    expect(describeSeries(flat.source)).toEqual(['Patient: -', 'ID: -  Sex: -  Born: -', 'Study: -  -', 'Series -: OT  -', '1 instance, 1 frame', 'Matrix: - x -']);
    const duplicate = testSeries({ rows: 1, columns: 1, images: [0, 1, 2].map(() => new Int16Array(1)), sliceSpacing: 2.5, instance: (i) => ({ ImagePositionPatient: [0, 0, Math.min(i, 1) * 2.5] }) });
    expect(describeSeries(duplicate.source).slice(-2)).toEqual(['Slice increment: 1.25 mm', 'Geometry: 2 problems']);
  });

  it('formatDate and formatNumber', () => {
    expect([formatDate('20240131'), formatDate('2024'), formatDate(undefined), formatDate('')]).toEqual(['2024-01-31', '2024', '-', '-']);
    expect([formatNumber(2.5), formatNumber(0.703125), formatNumber(512), formatNumber(-0.0004)]).toEqual(['2.5', '0.703', '512', '0']);
  });
});
