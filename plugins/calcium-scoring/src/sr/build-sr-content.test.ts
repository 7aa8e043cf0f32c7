import type { DicomItem, SrImageReference } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import type { Artery, CalciumScore, Lesion2D } from '../scoring/index.js';
import { calciumFindings } from '../test-support/calcium-findings.js';
import { buildSrContent } from './build-sr-content.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const source = (n: number): SrImageReference => ({ studyInstanceUID: '2.25.10', seriesInstanceUID: '2.25.20', sopClassUID: CT, sopInstanceUID: `2.25.30.${n}` });
const SOURCES = [source(2), source(4), source(5), source(8)];
const SCORED = [source(4), source(5), source(8)];

function lesion(sliceIndex: number, artery: Artery | undefined, agatston: number): Lesion2D {
  return {
    sliceIndex, sopInstanceUID: `2.25.30.${sliceIndex + 1}`, pixels: 16, areaMm2: 4, peakHu: 250, meanHu: 250, weight: 2, agatston, volumeMm3: 12,
    centroid: [0, 0, 0], centroidPixel: [0, 0], region: 1, pixelIndices: new Int32Array(0), ...(artery ? { artery } : {}),
  };
}

// LAD on slices 4 and 5 (8 + 8), RCA on slice 8 (4); an unseeded candidate on slice 2.
const SCORE: CalciumScore = {
  sliceIncrement: 3,
  lesions: [lesion(1, undefined, 2.25), lesion(3, 'LAD', 8), lesion(4, 'LAD', 8), lesion(7, 'RCA', 4)],
  regions: [],
  arteries: [
    { artery: 'LM', agatston: 0, volumeMm3: 0, lesions: 0 },
    { artery: 'LAD', agatston: 16, volumeMm3: 24, massMg: 1.2345678, lesions: 1 },
    { artery: 'RCA', agatston: 4, volumeMm3: 3, massMg: 0.5, lesions: 1 },
  ],
  total: { agatston: 20, volumeMm3: 27, massMg: 1.7345678, lesions: 2 },
  riskCategory: '11-100',
  unverified: false,
};
const FINDINGS = calciumFindings(SCORE, { calibration: { factor: 0.8, source: 'calibrationFactor parameter' } });

const code = (item: DicomItem): string => ((item.ConceptNameCodeSequence as readonly DicomItem[])[0]!.CodeValue as string);
const children = (item: DicomItem): readonly DicomItem[] => (item.ContentSequence as readonly DicomItem[] | undefined) ?? [];
const refs = (item: DicomItem): string[] => children(item).map((c) => (c.ReferencedSOPSequence as readonly DicomItem[])[0]!.ReferencedSOPInstanceUID as string);
/** NUM items of a container as code → [value, unit, images inferred from]. */
const nums = (container: DicomItem) =>
  Object.fromEntries(children(container).map((n) => {
    const mv = (n.MeasuredValueSequence as readonly DicomItem[])[0]!;
    return [code(n), [mv.NumericValue, (mv.MeasurementUnitsCodeSequence as readonly DicomItem[])[0]!.CodeValue, refs(n)]];
  }));

describe('buildSrContent', () => {
  const content = buildSrContent(FINDINGS, SOURCES);
  const tree = children(content);

  it('gives the SR document attributes: Modality SR, COMPLETE and UNVERIFIED, every slice reviewed as evidence, the private scheme, the root CONTAINER', () => {
    expect(content.Modality).toBe('SR');
    expect([content.CompletionFlag, content.VerificationFlag]).toEqual(['COMPLETE', 'UNVERIFIED']);
    expect(content.CurrentRequestedProcedureEvidenceSequence).toEqual([
      {
        StudyInstanceUID: '2.25.10',
        ReferencedSeriesSequence: [{ SeriesInstanceUID: '2.25.20', ReferencedSOPSequence: SOURCES.map((s) => ({ ReferencedSOPClassUID: CT, ReferencedSOPInstanceUID: s.sopInstanceUID })) }],
      },
    ]);
    expect(content.CodingSchemeIdentificationSequence).toEqual([
      { CodingSchemeDesignator: '99ATRIUM', CodingSchemeName: 'Atrium calcium scoring private codes', CodingSchemeResponsibleOrganization: 'Atrium project' },
    ]);
    expect([content.ValueType, content.ConceptNameCodeSequence, content.ContinuityOfContent]).toEqual([
      'CONTAINER',
      [{ CodeValue: 'CAC-REPORT', CodingSchemeDesignator: '99ATRIUM', CodeMeaning: 'Coronary calcium scoring report' }],
      'SEPARATE',
    ]);
  });

  it('writes per artery and in total the NUM measurements with UCUM units, each inferred from the slices of its lesions', () => {
    expect(tree.map((i) => `${i.RelationshipType} ${i.ValueType} ${code(i)}`)).toEqual([
      'CONTAINS CONTAINER LM', 'CONTAINS CONTAINER LAD', 'CONTAINS CONTAINER RCA', 'CONTAINS CONTAINER CAC-TOTAL',
      'CONTAINS TEXT CAC-RISK', 'CONTAINS TEXT CAC-DRS', 'CONTAINS TEXT CAC-METHOD', 'CONTAINS TEXT CAC-PROTOCOL',
      'CONTAINS IMAGE CAC-IMAGE', 'CONTAINS IMAGE CAC-IMAGE', 'CONTAINS IMAGE CAC-IMAGE',
    ]);
    const [lm, lad, rca, total] = tree;
    expect(nums(lm!)).toEqual({ 'CAC-AGATSTON': [0, '{Agatston}', []], 'CAC-VOLUME': [0, 'mm3', []], 'CAC-LESIONS': [0, '{lesions}', []] });
    const ladImages = ['2.25.30.4', '2.25.30.5'];
    expect(nums(lad!)).toEqual({ 'CAC-AGATSTON': [16, '{Agatston}', ladImages], 'CAC-VOLUME': [24, 'mm3', ladImages], 'CAC-MASS': [1.235, 'mg', ladImages], 'CAC-LESIONS': [1, '{lesions}', ladImages] });
    expect(nums(rca!)['CAC-AGATSTON']).toEqual([4, '{Agatston}', ['2.25.30.8']]);
    const all = SCORED.map((s) => s.sopInstanceUID);
    expect(nums(total!)).toEqual({ 'CAC-AGATSTON': [20, '{Agatston}', all], 'CAC-VOLUME': [27, 'mm3', all], 'CAC-MASS': [1.735, 'mg', all], 'CAC-LESIONS': [2, '{lesions}', all] });
    expect(children(lad!)[0]!.ContentSequence).toEqual(ladImages.map((uid) => ({ RelationshipType: 'INFERRED FROM', ValueType: 'IMAGE', ReferencedSOPSequence: [{ ReferencedSOPClassUID: CT, ReferencedSOPInstanceUID: uid }] })));
    expect(children(lad!)[2]!.ConceptNameCodeSequence).toEqual([{ CodeValue: 'CAC-MASS', CodingSchemeDesignator: '99ATRIUM', CodeMeaning: 'Calcium mass' }]);
    expect((children(lad!)[1]!.MeasuredValueSequence as readonly DicomItem[])[0]!.MeasurementUnitsCodeSequence).toEqual([{ CodeValue: 'mm3', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'cubic millimeter' }]);
  });

  it('names the risk and CAC-DRS categories, the method and the protocol in TEXT items, and references each scored slice in an IMAGE item', () => {
    expect([tree[4]!.TextValue, tree[5]!.TextValue]).toEqual(['11-100', 'CAC-DRS A1/N2']);
    expect(tree[6]!.TextValue).toBe('threshold 130 HU (kVp table: 120 kVp, Agatston et al., J Am Coll Cardiol 1990;15:827-32), weights at 200/300/400 HU, 8-connectivity, minimum area literature, volume slab, mass calibration 0.8 mg/cm3 per HU (calibrationFactor parameter)');
    expect(tree[7]!.TextValue).toBe('slice thickness 3 mm, increment 3 mm, 120 kVp, kernel unknown');
    expect(tree.slice(8).map((i) => (i.ReferencedSOPSequence as readonly DicomItem[])[0])).toEqual(SCORED.map((s) => ({ ReferencedSOPClassUID: CT, ReferencedSOPInstanceUID: s.sopInstanceUID })));
  });

  it('omits the mass without a calibration', () => {
    const noMass: CalciumScore = { ...SCORE, arteries: SCORE.arteries.map(({ massMg: _, ...a }) => a), total: { agatston: 20, volumeMm3: 27, lesions: 2 } };
    const t = children(buildSrContent(calciumFindings(noMass), SOURCES));
    expect(Object.keys(nums(t[3]!))).toEqual(['CAC-AGATSTON', 'CAC-VOLUME', 'CAC-LESIONS']);
    expect(t[6]!.TextValue).toMatch(/, no mass calibration \(mass not reported\)$/);
  });

  it('not scored: PARTIAL, a comment saying why, no measurement and no scored-image reference', () => {
    const notScored: CalciumScore = { ...SCORE, unverified: true, regions: [{ id: 1, lesions: [0], sliceIndices: [1] }] };
    const c = buildSrContent(calciumFindings(notScored), SOURCES);
    expect([c.CompletionFlag, c.CompletionFlagDescription, c.VerificationFlag]).toEqual(['PARTIAL', 'Not scored: no seeds given', 'UNVERIFIED']);
    const t = children(c);
    expect(t.map((i) => `${i.ValueType} ${code(i)}`)).toEqual(['TEXT CAC-COMMENT', 'TEXT CAC-METHOD', 'TEXT CAC-PROTOCOL']);
    expect(t[0]!.TextValue).toBe('Not scored: no seeds were given; 1 candidate region(s) above the threshold are unverified. No score is reported.');
  });

  it('verified: VERIFIED with the reader as Verifying Observer; a non-standard protocol said in its own TEXT item', () => {
    const f = calciumFindings(SCORE, {
      reading: { kind: 'scored', reader: 'Doe^Jane', organization: 'Heart Centre', verified: true, at: new Date(2024, 2, 5, 14, 30, 5) },
      protocol: { sliceThickness: 1.5, increment: 1.5, nonStandard: ['1.5 mm slices (published categories: 2.5-3 mm)'] },
    });
    const c = buildSrContent(f, SOURCES);
    expect(c.VerificationFlag).toBe('VERIFIED');
    expect(c.VerifyingObserverSequence).toEqual([{ VerifyingObserverName: 'Doe^Jane', VerifyingObserverIdentificationCodeSequence: '', VerifyingOrganization: 'Heart Centre', VerificationDateTime: '20240305143005' }]);
    const t = children(c);
    expect(t.find((i) => code(i) === 'CAC-NONSTANDARD')?.TextValue).toBe('Not comparable with published categories: 1.5 mm slices (published categories: 2.5-3 mm)');
  });
});
