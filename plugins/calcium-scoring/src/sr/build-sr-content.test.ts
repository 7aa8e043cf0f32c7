import type { DicomItem, SrImageReference } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import type { Artery, CalciumScore, Lesion2D } from '../scoring/index.js';
import { buildSrContent } from './build-sr-content.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const source = (n: number): SrImageReference => ({ studyInstanceUID: '2.25.10', seriesInstanceUID: '2.25.20', sopClassUID: CT, sopInstanceUID: `2.25.30.${n}` });
const SOURCES = [source(4), source(5), source(8)];

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
const PARAMS = { threshold: 130, connectivity: 8, minAreaMode: 'literature', calibrationFactor: 0.8 } as const;

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
  const content = buildSrContent(SCORE, SOURCES, PARAMS);
  const tree = children(content);

  it('gives the SR document attributes: Modality SR, COMPLETE and UNVERIFIED, the evidence by series, the private scheme, the root CONTAINER', () => {
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
      'CONTAINS TEXT CAC-RISK', 'CONTAINS TEXT CAC-METHOD',
      'CONTAINS IMAGE CAC-IMAGE', 'CONTAINS IMAGE CAC-IMAGE', 'CONTAINS IMAGE CAC-IMAGE',
    ]);
    const [lm, lad, rca, total] = tree;
    expect(nums(lm!)).toEqual({ 'CAC-AGATSTON': [0, '{Agatston}', []], 'CAC-VOLUME': [0, 'mm3', []], 'CAC-LESIONS': [0, '{lesions}', []] });
    const ladImages = ['2.25.30.4', '2.25.30.5'];
    expect(nums(lad!)).toEqual({ 'CAC-AGATSTON': [16, '{Agatston}', ladImages], 'CAC-VOLUME': [24, 'mm3', ladImages], 'CAC-MASS': [1.235, 'mg', ladImages], 'CAC-LESIONS': [1, '{lesions}', ladImages] });
    expect(nums(rca!)['CAC-AGATSTON']).toEqual([4, '{Agatston}', ['2.25.30.8']]);
    const all = SOURCES.map((s) => s.sopInstanceUID);
    expect(nums(total!)).toEqual({ 'CAC-AGATSTON': [20, '{Agatston}', all], 'CAC-VOLUME': [27, 'mm3', all], 'CAC-MASS': [1.735, 'mg', all], 'CAC-LESIONS': [2, '{lesions}', all] });
    expect(children(lad!)[0]!.ContentSequence).toEqual(ladImages.map((uid) => ({ RelationshipType: 'INFERRED FROM', ValueType: 'IMAGE', ReferencedSOPSequence: [{ ReferencedSOPClassUID: CT, ReferencedSOPInstanceUID: uid }] })));
    expect(children(lad!)[2]!.ConceptNameCodeSequence).toEqual([{ CodeValue: 'CAC-MASS', CodingSchemeDesignator: '99ATRIUM', CodeMeaning: 'Calcium mass' }]);
    expect((children(lad!)[1]!.MeasuredValueSequence as readonly DicomItem[])[0]!.MeasurementUnitsCodeSequence).toEqual([{ CodeValue: 'mm3', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'cubic millimeter' }]);
  });

  it('names the risk category and the method in TEXT items, and references every source in an IMAGE item', () => {
    expect(tree[4]!.TextValue).toBe('11-100');
    expect(tree[5]!.TextValue).toBe('threshold 130 HU, 8-connectivity, minimum area literature, slice increment 3 mm, calibration factor 0.8 mg/cm3 per HU');
    expect(tree.slice(6).map((i) => (i.ReferencedSOPSequence as readonly DicomItem[])[0])).toEqual(SOURCES.map((s) => ({ ReferencedSOPClassUID: CT, ReferencedSOPInstanceUID: s.sopInstanceUID })));
  });

  it('omits the mass without a calibration factor', () => {
    const noMass: CalciumScore = { ...SCORE, arteries: SCORE.arteries.map(({ massMg: _, ...a }) => a), total: { agatston: 20, volumeMm3: 27, lesions: 2 } };
    const t = children(buildSrContent(noMass, SOURCES, { threshold: 130, connectivity: 4, minAreaMode: 'siemens' }));
    expect(Object.keys(nums(t[3]!))).toEqual(['CAC-AGATSTON', 'CAC-VOLUME', 'CAC-LESIONS']);
    expect(t[5]!.TextValue).toBe('threshold 130 HU, 4-connectivity, minimum area siemens, slice increment 3 mm, no calibration factor (mass not reported)');
  });

  it('marks an unverified run PARTIAL, with no measurements and a comment saying why', () => {
    const unverified: CalciumScore = { ...SCORE, unverified: true, arteries: [], regions: [{ id: 1, lesions: [0], sliceIndices: [1] }], total: { agatston: 0, volumeMm3: 0, lesions: 0 }, riskCategory: '0' };
    const c = buildSrContent(unverified, [source(2)], PARAMS);
    expect(c.CompletionFlag).toBe('PARTIAL');
    const t = children(c);
    expect(t.map((i) => `${i.ValueType} ${code(i)}`)).toEqual(['TEXT CAC-COMMENT', 'TEXT CAC-METHOD', 'IMAGE CAC-IMAGE']);
    expect(t[0]!.TextValue).toBe('Unverified: no seeds given; 1 candidate region(s) found, nothing scored.');
  });
});
