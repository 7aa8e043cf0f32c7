import { NumericValueQualifier, buildSrDocument, type CodedConcept, type DicomItem, type SrChild, type SrImageReference } from '@atrium/sdk';
import type { KidneyMeasures } from '../renogram/renogram-measures.js';
import { NM_SCHEME, RENOGRAM_CODES, RENOGRAM_UNITS } from './renogram-codes.js';

/** What the renogram SR reports. */
export interface RenogramReport {
  readonly split: readonly [number, number] | undefined;
  readonly left: KidneyMeasures;
  readonly right: KidneyMeasures;
  readonly method: string;
  readonly rois: string;
  readonly diuretic: boolean;
}

/**
 * The renogram's Comprehensive SR content (the SDK's builder): a root CONTAINER "Renogram report"
 * with one CONTAINER per kidney (SNOMED CT left / right kidney structure) holding the NUM measures —
 * differential function (%), Tmax, T½ after the peak and after the diuretic (min), the 20-min/peak
 * ratio — each INFERRED FROM the dynamic image; a measure that could not be made (T½ not reached in
 * the study, no diuretic, a study shorter than 20 min) is a NUM without value, qualified "Value
 * unknown" or "Measurement not attempted" (PS3.16 CID 42), never a zero. TEXT items give the method
 * and how the ROIs were drawn; an IMAGE item references the source.
 */
export function renogramSrContent(r: RenogramReport, source: SrImageReference): DicomItem {
  const inferred: SrChild[] = [{ relationship: 'INFERRED FROM', valueType: 'IMAGE', image: source }];
  const num = (concept: CodedConcept, value: number | undefined, unit: CodedConcept, missing: CodedConcept): SrChild =>
    value === undefined || !Number.isFinite(value)
      ? { relationship: 'CONTAINS', valueType: 'NUM', concept, qualifier: missing }
      : { relationship: 'CONTAINS', valueType: 'NUM', concept, value: Math.round(value * 1000) / 1000, unit, children: inferred };
  const minutes = (s: number | undefined) => (s === undefined ? undefined : s / 60);
  const kidney = (concept: CodedConcept, m: KidneyMeasures, split: number | undefined): SrChild => ({
    relationship: 'CONTAINS',
    valueType: 'CONTAINER',
    concept,
    continuity: 'SEPARATE',
    children: [
      num(RENOGRAM_CODES.split, split, RENOGRAM_UNITS.percent, NumericValueQualifier.calculationFailure),
      num(RENOGRAM_CODES.tmax, minutes(m.tmax), RENOGRAM_UNITS.minute, NumericValueQualifier.valueUnknown),
      num(RENOGRAM_CODES.tHalf, minutes(m.tHalf), RENOGRAM_UNITS.minute, NumericValueQualifier.valueUnknown),
      num(RENOGRAM_CODES.tHalfDiuretic, minutes(m.tHalfDiuretic), RENOGRAM_UNITS.minute, r.diuretic ? NumericValueQualifier.valueUnknown : NumericValueQualifier.measurementNotAttempted),
      num(RENOGRAM_CODES.ratio20, m.ratio20, RENOGRAM_UNITS.ratio, NumericValueQualifier.measurementNotAttempted),
    ],
  });
  return buildSrDocument({
    iod: 'comprehensive-sr',
    completion: 'COMPLETE',
    verification: { flag: 'UNVERIFIED' },
    codingSchemes: [NM_SCHEME],
    evidence: [source],
    root: {
      valueType: 'CONTAINER',
      concept: RENOGRAM_CODES.report,
      continuity: 'SEPARATE',
      children: [
        kidney(RENOGRAM_CODES.leftKidney, r.left, r.split?.[0]),
        kidney(RENOGRAM_CODES.rightKidney, r.right, r.split?.[1]),
        { relationship: 'CONTAINS', valueType: 'TEXT', concept: RENOGRAM_CODES.method, text: r.method },
        { relationship: 'CONTAINS', valueType: 'TEXT', concept: RENOGRAM_CODES.rois, text: r.rois },
        { relationship: 'CONTAINS', valueType: 'IMAGE', concept: RENOGRAM_CODES.image, image: source },
      ],
    },
  });
}
