import { buildSrDocument, type CodedConcept, type DicomItem, type SrChild, type SrImageReference, type SrObjectReference, type SrVerification } from '@atrium/sdk';
import { isScored, type CalciumFindings } from '../calcium-findings.js';
import { formatNumber } from '../report/format.js';
import { cacDrs, type Artery } from '../scoring/index.js';
import { ARTERY_CODES, PRIVATE_SCHEME, SR_CODES, UNIT_CODES } from './codes.js';

const round = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * The app's content of the calcium scoring Comprehensive SR (pure), built and validated by the
 * SDK's {@link buildSrDocument}. `series` is every slice of the input: the Current Requested
 * Procedure Evidence (the images reviewed).
 * - Scored (seeds), or reviewed without calcium (`reviewedNoCalcium`): Completion Flag COMPLETE;
 *   per artery a CONTAINER with NUM Agatston (`{Agatston}`), volume (`mm3`), mass (`mg`, with a
 *   calibration) and lesion count, each INFERRED FROM the IMAGEs of that artery's lesions; the
 *   totals; TEXT risk category and CAC-DRS category; one IMAGE item per scored slice.
 * - Not scored (no seeds): Completion Flag PARTIAL, a TEXT comment "Not scored", no NUM and no
 *   scored-image reference.
 * Always: TEXT scoring method and acquisition protocol, TEXT "Non-standard protocol" when the
 * slices are not 2.5–3 mm and contiguous. Verification Flag VERIFIED with the reader as
 * Verifying Observer when a reader verified the reading, else UNVERIFIED.
 * `predecessors`: the SRs of earlier runs this one supersedes (Predecessor Documents Sequence).
 * Values are rounded to 0.001. Codes: see `codes.ts`.
 */
export function buildSrContent(f: CalciumFindings, series: readonly SrImageReference[], predecessors: readonly SrObjectReference[] = []): DicomItem {
  const { score } = f;
  const bySop = new Map(series.map((s) => [s.sopInstanceUID, s]));
  const imagesOf = (artery: Artery | undefined): SrImageReference[] => {
    const uids = new Set(score.lesions.filter((l) => l.artery !== undefined && (artery === undefined || l.artery === artery)).map((l) => l.sopInstanceUID));
    return series.filter((s) => uids.has(s.sopInstanceUID));
  };
  const num = (concept: CodedConcept, value: number, unit: CodedConcept, images: readonly SrImageReference[]): SrChild => ({
    relationship: 'CONTAINS', valueType: 'NUM', concept, value: round(value), unit,
    children: images.map((image) => ({ relationship: 'INFERRED FROM', valueType: 'IMAGE', image })),
  });
  const text = (concept: CodedConcept, value: string): SrChild => ({ relationship: 'CONTAINS', valueType: 'TEXT', concept, text: value });
  const measurements = (concept: CodedConcept, m: { agatston: number; volumeMm3: number; massMg?: number; lesions: number }, images: readonly SrImageReference[]): SrChild => ({
    relationship: 'CONTAINS', valueType: 'CONTAINER', concept, continuity: 'SEPARATE',
    children: [
      num(SR_CODES.agatston, m.agatston, UNIT_CODES.agatston, images),
      num(SR_CODES.volume, m.volumeMm3, UNIT_CODES.volume, images),
      ...(m.massMg !== undefined ? [num(SR_CODES.mass, m.massMg, UNIT_CODES.mass, images)] : []),
      num(SR_CODES.lesions, m.lesions, UNIT_CODES.lesions, images),
    ],
  });
  const tree: SrChild[] = [];
  if (!isScored(f)) {
    tree.push(text(SR_CODES.comment, `Not scored: no seeds were given; ${score.regions.filter((r) => !r.excluded).length} candidate region(s) above the threshold are unverified. No score is reported.`));
  } else {
    if (f.reading.kind === 'no-calcium') tree.push(text(SR_CODES.comment, 'The reader reviewed the study and found no coronary calcium.'));
    tree.push(...score.arteries.map((a) => measurements(ARTERY_CODES[a.artery], a, imagesOf(a.artery))), measurements(SR_CODES.total, score.total, imagesOf(undefined)));
    tree.push(text(SR_CODES.risk, score.riskCategory), text(SR_CODES.cacDrs, cacDrs(score.total.agatston, score.arteries)));
  }
  tree.push(text(SR_CODES.method, methodText(f)), text(SR_CODES.protocol, protocolText(f)));
  if (f.protocol.nonStandard.length > 0) tree.push(text(SR_CODES.nonStandard, `Not comparable with published categories: ${f.protocol.nonStandard.join('; ')}`));
  if (isScored(f)) for (const image of imagesOf(undefined)) tree.push({ relationship: 'CONTAINS', valueType: 'IMAGE', concept: SR_CODES.image, image: bySop.get(image.sopInstanceUID)! });

  return buildSrDocument({
    iod: 'comprehensive-sr',
    completion: isScored(f) ? 'COMPLETE' : 'PARTIAL',
    ...(isScored(f) ? {} : { completionDescription: 'Not scored: no seeds given' }),
    verification: verification(f),
    codingSchemes: [PRIVATE_SCHEME],
    evidence: series,
    predecessors,
    root: { valueType: 'CONTAINER', concept: SR_CODES.report, continuity: 'SEPARATE', children: tree },
  });
}

function verification(f: CalciumFindings): SrVerification {
  const r = f.reading;
  if (!r.verified || r.reader === undefined || r.organization === undefined) return { flag: 'UNVERIFIED' };
  return { flag: 'VERIFIED', observers: [{ name: r.reader, organization: r.organization, dateTime: dicomDateTime(r.at) }] };
}

/** The method as the SR's "Scoring method" text. */
export function methodText(f: CalciumFindings): string {
  const m = f.method;
  const weights = m.weightScale === 1 ? 'weights at 200/300/400 HU' : `weights at ${[200, 300, 400].map((v) => Math.round(v * m.weightScale)).join('/')} HU (scaled with the threshold)`;
  const mass = f.calibration ? `mass calibration ${formatNumber(f.calibration.factor)} mg/cm3 per HU (${f.calibration.source})` : 'no mass calibration (mass not reported)';
  return `threshold ${formatNumber(m.threshold)} HU (${m.thresholdSource}), ${weights}, ${m.connectivity}-connectivity, minimum area ${m.minAreaMode}, volume ${m.volumeMode}, ${mass}`;
}

/** The acquisition as the SR's "Acquisition protocol" text. */
export function protocolText(f: CalciumFindings): string {
  const p = f.protocol;
  return `slice thickness ${formatNumber(p.sliceThickness)} mm, increment ${formatNumber(round(p.increment))} mm, ${f.method.kvp === undefined ? 'kVp unknown' : `${formatNumber(f.method.kvp)} kVp`}, kernel ${f.first.string('ConvolutionKernel') ?? 'unknown'}`;
}

/** A DICOM DT value (local time, to the second). */
function dicomDateTime(d: Date): string {
  const p = (v: number, n = 2): string => String(v).padStart(n, '0');
  return `${p(d.getFullYear(), 4)}${p(d.getMonth() + 1)}${p(d.getDate())}${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
