import { buildSrDocument, type CodedConcept, type DicomItem, type SrChild, type SrImageReference } from '@atrium/sdk';
import type { Artery, CalciumScore, MinAreaMode } from '../scoring/index.js';
import { ARTERY_CODES, PRIVATE_SCHEME, SR_CODES, UNIT_CODES } from './codes.js';

/** The method facts written into the SR's "Scoring method" text. */
export interface SrParams {
  readonly threshold: number;
  readonly connectivity: 4 | 8;
  readonly minAreaMode: MinAreaMode;
  readonly calibrationFactor?: number;
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * The app's content of the calcium scoring Comprehensive SR (pure), built and validated by the
 * SDK's {@link buildSrDocument}: Completion Flag PARTIAL when unverified, else COMPLETE;
 * Verification Flag UNVERIFIED; Current Requested Procedure Evidence of `sources`; the private
 * coding scheme declared; the content tree under the root CONTAINER "Coronary calcium scoring
 * report":
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
export function buildSrContent(score: CalciumScore, sources: readonly SrImageReference[], params: SrParams): DicomItem {
  const imagesOf = (artery: Artery | undefined): SrImageReference[] => {
    const seen = new Set<string>();
    for (const l of score.lesions) if (l.artery !== undefined && (artery === undefined || l.artery === artery)) seen.add(l.sopInstanceUID);
    return sources.filter((s) => seen.has(s.sopInstanceUID));
  };
  const num = (concept: CodedConcept, value: number, unit: CodedConcept, images: readonly SrImageReference[]): SrChild => ({
    relationship: 'CONTAINS',
    valueType: 'NUM',
    concept,
    value: round(value),
    unit,
    children: images.map((image) => ({ relationship: 'INFERRED FROM', valueType: 'IMAGE', image })),
  });
  const text = (concept: CodedConcept, value: string): SrChild => ({ relationship: 'CONTAINS', valueType: 'TEXT', concept, text: value });
  const measurements = (concept: CodedConcept, m: { agatston: number; volumeMm3: number; massMg?: number; lesions: number }, images: readonly SrImageReference[]): SrChild => ({
    relationship: 'CONTAINS',
    valueType: 'CONTAINER',
    concept,
    continuity: 'SEPARATE',
    children: [
      num(SR_CODES.agatston, m.agatston, UNIT_CODES.agatston, images),
      num(SR_CODES.volume, m.volumeMm3, UNIT_CODES.volume, images),
      ...(m.massMg !== undefined ? [num(SR_CODES.mass, m.massMg, UNIT_CODES.mass, images)] : []),
      num(SR_CODES.lesions, m.lesions, UNIT_CODES.lesions, images),
    ],
  });

  const method = `threshold ${params.threshold} HU, ${params.connectivity}-connectivity, minimum area ${params.minAreaMode}, slice increment ${round(score.sliceIncrement)} mm`
    + (params.calibrationFactor !== undefined ? `, calibration factor ${params.calibrationFactor} mg/cm3 per HU` : ', no calibration factor (mass not reported)');
  const tree: SrChild[] = score.unverified
    ? [text(SR_CODES.comment, `Unverified: no seeds given; ${score.regions.length} candidate region(s) found, nothing scored.`)]
    : [
        ...score.arteries.map((a) => measurements(ARTERY_CODES[a.artery], a, imagesOf(a.artery))),
        measurements(SR_CODES.total, score.total, imagesOf(undefined)),
        text(SR_CODES.risk, score.riskCategory),
      ];
  tree.push(text(SR_CODES.method, method));
  for (const image of sources) tree.push({ relationship: 'CONTAINS', valueType: 'IMAGE', concept: SR_CODES.image, image });

  return buildSrDocument({
    iod: 'comprehensive-sr',
    completion: score.unverified ? 'PARTIAL' : 'COMPLETE',
    verification: { flag: 'UNVERIFIED' },
    codingSchemes: [PRIVATE_SCHEME],
    evidence: sources,
    root: { valueType: 'CONTAINER', concept: SR_CODES.report, continuity: 'SEPARATE', children: tree },
  });
}
