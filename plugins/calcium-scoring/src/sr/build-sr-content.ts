import type { DicomItem, DicomValue } from '@atrium/sdk';
import type { Artery, CalciumScore, MinAreaMode } from '../scoring/index.js';
import { ARTERY_CODES, PRIVATE_SCHEME, SR_CODES, UNIT_CODES, type Code } from './codes.js';

/** A source image the SR references (one scored slice). */
export interface SrSource {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
}

/** The method facts written into the SR's "Scoring method" text. */
export interface SrParams {
  readonly threshold: number;
  readonly connectivity: 4 | 8;
  readonly minAreaMode: MinAreaMode;
  readonly calibrationFactor?: number;
}

const codeItem = (c: Code): DicomItem => ({ CodeValue: c.value, CodingSchemeDesignator: c.scheme, CodeMeaning: c.meaning });
const round = (v: number): number => Math.round(v * 1000) / 1000;
const imageRef = (s: SrSource): DicomItem => ({ ReferencedSOPClassUID: s.sopClassUID, ReferencedSOPInstanceUID: s.sopInstanceUID });

/**
 * The app's content of the calcium scoring Comprehensive SR (pure): the SR Document Series
 * Modality, the SR Document General attributes the app gives (Completion Flag PARTIAL when
 * unverified, else COMPLETE; Verification Flag UNVERIFIED; Current Requested Procedure
 * Evidence Sequence of `sources` by study and series), the private coding scheme in Coding
 * Scheme Identification Sequence, and the content tree under the root CONTAINER
 * "Coronary calcium scoring report" (SEPARATE):
 * - per scored artery a CONTAINER (concept = the artery) with NUM Agatston score
 *   (`{Agatston}`), calcium volume (`mm3`), calcium mass (`mg`, only with a calibration
 *   factor) and lesion count (`{lesions}`), each INFERRED FROM IMAGE items of the slices
 *   holding that artery's lesions;
 * - a CONTAINER "All coronary arteries" with the totals the same way (inferred from every source);
 * - TEXT risk category, TEXT scoring method;
 * - an IMAGE item per source.
 * Unverified runs (no seeds) carry no measurements: a TEXT comment says so.
 * Values are rounded to 0.001. Codes: see `codes.ts`.
 */
export function buildSrContent(score: CalciumScore, sources: readonly SrSource[], params: SrParams): DicomItem {
  const bySop = new Map(sources.map((s) => [s.sopInstanceUID, s]));
  const imagesOf = (artery: Artery | undefined): SrSource[] => {
    const seen = new Set<string>();
    for (const l of score.lesions) if (l.artery !== undefined && (artery === undefined || l.artery === artery)) seen.add(l.sopInstanceUID);
    return sources.filter((s) => seen.has(s.sopInstanceUID));
  };
  const inferredFrom = (images: readonly SrSource[]): DicomItem[] =>
    images.map((s) => ({ RelationshipType: 'INFERRED FROM', ValueType: 'IMAGE', ReferencedSOPSequence: [imageRef(s)] }));
  const num = (concept: Code, value: number, unit: Code, images: readonly SrSource[]): DicomItem => {
    const item: Record<string, DicomValue> = {
      RelationshipType: 'CONTAINS',
      ValueType: 'NUM',
      ConceptNameCodeSequence: [codeItem(concept)],
      MeasuredValueSequence: [{ MeasurementUnitsCodeSequence: [codeItem(unit)], NumericValue: round(value) }],
    };
    if (images.length > 0) item.ContentSequence = inferredFrom(images);
    return item;
  };
  const text = (concept: Code, value: string): DicomItem => ({ RelationshipType: 'CONTAINS', ValueType: 'TEXT', ConceptNameCodeSequence: [codeItem(concept)], TextValue: value });
  const measurements = (concept: Code, m: { agatston: number; volumeMm3: number; massMg?: number; lesions: number }, images: readonly SrSource[]): DicomItem => ({
    RelationshipType: 'CONTAINS',
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [codeItem(concept)],
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: [
      num(SR_CODES.agatston, m.agatston, UNIT_CODES.agatston, images),
      num(SR_CODES.volume, m.volumeMm3, UNIT_CODES.volume, images),
      ...(m.massMg !== undefined ? [num(SR_CODES.mass, m.massMg, UNIT_CODES.mass, images)] : []),
      num(SR_CODES.lesions, m.lesions, UNIT_CODES.lesions, images),
    ],
  });

  const method = `threshold ${params.threshold} HU, ${params.connectivity}-connectivity, minimum area ${params.minAreaMode}, slice increment ${round(score.sliceIncrement)} mm`
    + (params.calibrationFactor !== undefined ? `, calibration factor ${params.calibrationFactor} mg/cm3 per HU` : ', no calibration factor (mass not reported)');
  const tree: DicomItem[] = score.unverified
    ? [text(SR_CODES.comment, `Unverified: no seeds given; ${score.regions.length} candidate region(s) found, nothing scored.`)]
    : [
        ...score.arteries.map((a) => measurements(ARTERY_CODES[a.artery], a, imagesOf(a.artery))),
        measurements(SR_CODES.total, score.total, imagesOf(undefined)),
        text(SR_CODES.risk, score.riskCategory),
      ];
  tree.push(text(SR_CODES.method, method));
  for (const s of sources) tree.push({ RelationshipType: 'CONTAINS', ValueType: 'IMAGE', ConceptNameCodeSequence: [codeItem(SR_CODES.image)], ReferencedSOPSequence: [imageRef(s)] });

  return {
    Modality: 'SR',
    CompletionFlag: score.unverified ? 'PARTIAL' : 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    CurrentRequestedProcedureEvidenceSequence: evidence([...bySop.values()]),
    CodingSchemeIdentificationSequence: [
      { CodingSchemeDesignator: PRIVATE_SCHEME.designator, CodingSchemeName: PRIVATE_SCHEME.name, CodingSchemeResponsibleOrganization: PRIVATE_SCHEME.responsibleOrganization },
    ],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [codeItem(SR_CODES.report)],
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: tree,
  };
}

/** Hierarchical SOP Instance Reference Macro items: per study, per series, the instances. */
function evidence(sources: readonly SrSource[]): DicomItem[] {
  const studies = new Map<string, Map<string, SrSource[]>>();
  for (const s of sources) {
    const series = studies.get(s.studyInstanceUID) ?? new Map<string, SrSource[]>();
    studies.set(s.studyInstanceUID, series);
    series.set(s.seriesInstanceUID, [...(series.get(s.seriesInstanceUID) ?? []), s]);
  }
  return [...studies].map(([study, series]) => ({
    StudyInstanceUID: study,
    ReferencedSeriesSequence: [...series].map(([uid, instances]) => ({ SeriesInstanceUID: uid, ReferencedSOPSequence: instances.map(imageRef) })),
  }));
}
