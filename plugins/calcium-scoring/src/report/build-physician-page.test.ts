import { describe, expect, it } from 'vitest';
import type { CalciumScore } from '../scoring/index.js';
import { calciumFindings } from '../test-support/calcium-findings.js';
import { buildPatientPage } from './build-patient-page.js';
import { buildPhysicianPage } from './build-physician-page.js';

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
const notScored: CalciumScore = { ...score, unverified: true };

describe('buildPhysicianPage', () => {
  it('prints patient, thickness, increment, kVp, kernel, reader, analysis date-time, the table, both categories and warnings', () => {
    const f = calciumFindings(score, { calibration: { factor: 0.8, source: 'calibrationFactor parameter' }, warnings: ['Rows is 64 on 2 of 2 slices (expected 512)'], reading: { kind: 'scored', reader: 'Doe^Jane', organization: 'X', verified: true, at: new Date(2024, 2, 5, 14, 30) } });
    const page = buildPhysicianPage(f);
    expect(page.patient).toEqual([
      'Patient: Phantom Calcium   ID: CAC-1',
      'Born: 1970-01-01   Sex: O   Age: -',
      'Study: 2024-03-05 09:30   Study ID: 1   Accession: -',
      'Scanner: Atrium @atrium/testing',
    ]);
    expect(page.method).toEqual([
      'Threshold 130 HU (kVp table: 120 kVp); weights at 200/300/400 HU',
      'Slice thickness 3 mm, increment 3 mm; 120 kVp; kernel -',
      '2 slices 64x64, 0.5 x 0.5 mm; 8-connected, min area >= 1 mm2 (literature)',
      'Volume slab; mass 0.8 mg/cm3 per HU (calibrationFactor parameter)',
      'Reader: Doe Jane (X)   VERIFIED   Analysis: 2024-03-05 14:30',
      'Protocol: standard (2.5-3 mm contiguous slices)',
    ]);
    expect(page.table.rows.map((r) => r.cells)).toEqual([['LM', '0.0', '0.0', '--', '0'], ['LAD', '16.0', '24.0', '4.8', '1']]);
    expect(page.table.total).toEqual(['Total', '16.0', '24.0', '4.8', '1']);
    expect(page.risk).toBe('Agatston 16.0: risk category 11-100');
    expect(page.riskDetail).toBe('CAC-DRS A1/N1 (Hecht 2018); category 11-100 (Rumberger 1999)');
    expect(page.notes).toEqual(['No calcified lesion found above the threshold.', 'Warning: Rows is 64 on 2 of 2 slices (expected 512)']);
    expect(page.footer).toBe('NOT FOR CLINICAL USE. P');
  });

  it('not scored: "--" in every cell, a NOT SCORED banner, no number in the table or the risk lines', () => {
    const page = buildPhysicianPage(calciumFindings(notScored));
    expect(page.table.rows.map((r) => r.cells.slice(1))).toEqual([['--', '--', '--', '--'], ['--', '--', '--', '--']]);
    expect(page.table.total).toEqual(['Total', '--', '--', '--', '--']);
    expect([page.risk, page.banner]).toEqual(['NOT SCORED', true]);
    expect(`${page.risk} ${page.riskDetail} ${page.table.total.join(' ')}`).not.toMatch(/\d/);
    expect(page.notes[0]).toMatch(/^NOT SCORED: 0 candidate region\(s\) above the threshold are shown unverified, without numbers/);
    expect(page.method[4]).toBe('Reader: none   UNVERIFIED   Analysis: 2024-03-05 14:30');
  });

  it('labels a non-standard protocol', () => {
    const page = buildPhysicianPage(calciumFindings(score, { protocol: { sliceThickness: 1.5, increment: 0.75, nonStandard: ['1.5 mm slices (published categories: 2.5-3 mm)', 'overlapping slices (increment 0.75 mm < thickness 1.5 mm)'] } }));
    expect(page.method[5]).toBe('Protocol: NON-STANDARD (not comparable with published categories)');
    expect(page.notes[0]).toBe('NON-STANDARD PROTOCOL: 1.5 mm slices (published categories: 2.5-3 mm); overlapping slices (increment 0.75 mm < thickness 1.5 mm). Scores are not comparable with published categories.');
  });
});

describe('buildPatientPage', () => {
  it('is its own page in plain words: the score, what it means, that it is one part of the risk, no jargon', () => {
    const page = buildPatientPage(calciumFindings(score));
    expect([page.score, page.meaning]).toEqual(['16', ['What it means', 'A small amount of calcium was found in the arteries of your heart.']]);
    expect(page.who).toEqual(['Name: Phantom Calcium', 'Date of birth: 1970-01-01', 'Scan date: 2024-03-05']);
    expect(page.about.join(' ')).toContain('one part of your heart risk');
    expect(page.footer).toMatch(/^Not for clinical use\./);
    const words = [page.title, ...page.who, page.score, ...page.meaning, ...page.about].join(' ');
    for (const jargon of ['connected', 'HU', 'kVp', 'Agatston', 'mm3', 'CAC-DRS', 'threshold', 'category']) expect(words, jargon).not.toContain(jargon);
  });

  it('not scored: NOT SCORED and no number', () => {
    const page = buildPatientPage(calciumFindings(notScored));
    expect(page.score).toBe('NOT SCORED');
    expect([page.score, ...page.meaning].join(' ')).not.toMatch(/\d/);
  });
});
