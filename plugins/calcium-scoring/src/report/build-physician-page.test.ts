import { describe, expect, it } from 'vitest';
import type { CalciumScore } from '../scoring/index.js';
import { calciumSeries } from '../test-support/calcium-series.js';
import { buildReportPage } from './build-report-page.js';

const score: CalciumScore = {
  sliceIncrement: 3,
  lesions: [],
  regions: [],
  arteries: [
    { artery: 'LM', agatston: 0, volumeMm3: 0, lesions: 0 },
    { artery: 'LAD', agatston: 16, volumeMm3: 24, massMg: 4.8, lesions: 1 },
  ],
  total: { agatston: 16, volumeMm3: 24, massMg: 4.8, lesions: 1 },
  riskCategory: '11-100',
  unverified: false,
};
const facts = { first: calciumSeries({ slices: 2 }).source.instances[0]!, slices: 2, score, threshold: 130, kvpThreshold: false, connectivity: 8, minAreaMode: 'literature', calibrationFactor: 0.8, warnings: ['Rows is 64 on 2 of 2 slices (expected 512)'], producer: 'P' } as const;

describe('buildReportPage', () => {
  it('prints patient, method, per-artery table, totals, risk and warnings', () => {
    const page = buildReportPage(facts);
    expect(page.patient).toEqual([
      'Patient: Phantom Calcium   ID: CAC-1',
      'Born: 1970-01-01   Sex: O   Age: -',
      'Study: 2024-03-05 093000   Study ID: 1   Accession: -',
      'Atrium @atrium/testing',
    ]);
    expect(page.method).toEqual([
      'Agatston method: threshold 130 HU, 8-connected lesions',
      'Min lesion area >= 1 mm2 (literature); increment 3 mm (from positions)',
      '2 slices 64x64, 0.5 x 0.5 mm, 120 kVp, kernel -',
      'Volume = area x increment; mass: 0.8 mg/cm3 per HU',
    ]);
    expect(page.table.rows.map((r) => r.cells)).toEqual([['LM', '0.0', '0.0', '-', '0'], ['LAD', '16.0', '24.0', '4.8', '1']]);
    expect(page.table.total).toEqual(['Total', '16.0', '24.0', '4.8', '1']);
    expect(page.risk).toBe('Agatston 16.0: risk category 11-100');
    expect(page.notes).toEqual(['No calcified lesion found above the threshold.', 'Warning: Rows is 64 on 2 of 2 slices (expected 512)']);
    expect(page.footer).toBe('NOT FOR CLINICAL USE. P');
  });

  it('says unverified when no seeds were given', () => {
    const page = buildReportPage({ ...facts, calibrationFactor: undefined, warnings: [], score: { ...score, unverified: true, arteries: [], total: { agatston: 0, volumeMm3: 0, lesions: 0 } } });
    expect(page.risk).toBe('Risk: UNVERIFIED (no seeds)');
    expect(page.notes[0]).toBe('UNVERIFIED: no seeds were given; nothing is scored.');
    expect(page.method[3]).toBe('Volume = area x increment; mass: not reported (no calibration factor)');
  });
});
