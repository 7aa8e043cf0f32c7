import type { SourceInstance } from '@atrium/sdk';
import { isScored, type CalciumFindings } from '../calcium-findings.js';
import { ARTERY_COLOURS } from '../render/artery-colours.js';
import type { Canvas, Rgb } from '../render/canvas.js';
import type { ReportPage } from '../render/render-report.js';
import { cacDrs, type MinAreaMode, type RiskCategory } from '../scoring/index.js';
import { fixed1, formatDate, formatDateTime, formatName, formatNumber, formatTime } from './format.js';

/** What a page shows where there is no value (the font is ASCII: no em dash). */
export const NO_VALUE = '--';

/** The minimum lesion area of each mode, as printed. */
export const MIN_AREA_TEXT: Readonly<Record<MinAreaMode, string>> = {
  literature: '>= 1 mm2 (literature)',
  ge: '>= 1 mm2 (GE)',
  philips: '>= 0.5 mm2 (Philips)',
  siemens: 'none (Siemens)',
  canon: '>= 3 pixels (Canon)',
};

/** Colour of each risk category on the colour pages. */
export const RISK_COLOURS: Readonly<Record<RiskCategory, Rgb>> = {
  '0': [80, 220, 80],
  '1-10': [160, 230, 80],
  '11-100': [255, 230, 0],
  '101-400': [255, 150, 0],
  '>400': [255, 60, 60],
};

/** Colour of the NOT SCORED banner. */
export const NOT_SCORED_COLOUR: Rgb = [255, 165, 0];

/**
 * The lines of the physician report (pure): patient and study; threshold (and where it comes
 * from), weight bands, slice thickness, increment, kVp, kernel, lesion rule, volume, mass
 * calibration, reader and verification, analysis date-time, protocol (standard or not); the
 * per-artery table; Agatston with the classic risk category (Rumberger et al., Mayo Clin Proc
 * 1999) and the CAC-DRS category (Hecht et al., JCCT 2018); notes and warnings; the key image.
 * Not scored: "--" in every cell, a NOT SCORED banner, no number anywhere.
 */
export function buildPhysicianPage(f: CalciumFindings, keyImage?: { readonly image: Canvas; readonly label: string }): ReportPage {
  const { score, method: m, protocol: p, reading: r } = f;
  const scored = isScored(f);
  const s = (keyword: string): string => f.first.string(keyword) ?? '-';
  const spacing = f.first.numbers('PixelSpacing');
  const mass = (v: number | undefined): string => (v === undefined ? NO_VALUE : fixed1(v));
  const value = (v: string): string => (scored ? v : NO_VALUE);
  const weights = m.weightScale === 1 ? '200/300/400' : [200, 300, 400].map((v) => Math.round(v * m.weightScale)).join('/');
  return {
    title: 'CORONARY CALCIUM SCORE',
    patient: [
      `Patient: ${formatName(f.first.string('PatientName'))}   ID: ${s('PatientID')}`,
      `Born: ${formatDate(f.first.string('PatientBirthDate'))}   Sex: ${s('PatientSex')}   Age: ${s('PatientAge')}`,
      `Study: ${formatDate(f.first.string('StudyDate'))} ${formatTime(f.first.string('StudyTime'))}   Study ID: ${s('StudyID')}   Accession: ${s('AccessionNumber')}`,
      ...equipment(f.first),
    ],
    method: [
      `Threshold ${formatNumber(m.threshold)} HU (${m.thresholdSource.replace(/, .*/, '')}); weights at ${weights} HU`,
      `Slice thickness ${formatNumber(p.sliceThickness)} mm, increment ${formatNumber(p.increment)} mm; ${m.kvp === undefined ? '-' : formatNumber(m.kvp)} kVp; kernel ${s('ConvolutionKernel')}`,
      `${f.slices} slices ${s('Rows')}x${s('Columns')}${spacing.length === 2 ? `, ${formatNumber(spacing[0]!)} x ${formatNumber(spacing[1]!)} mm` : ''}; ${m.connectivity}-connected, min area ${MIN_AREA_TEXT[m.minAreaMode]}`,
      `Volume ${m.volumeMode}; mass ${f.calibration ? `${formatNumber(f.calibration.factor)} mg/cm3 per HU (${f.calibration.source})` : 'not reported (no calibration)'}`,
      `Reader: ${r.reader ? `${formatName(r.reader)}${r.organization ? ` (${r.organization})` : ''}` : 'none'}   ${r.verified ? 'VERIFIED' : 'UNVERIFIED'}   Analysis: ${formatDateTime(r.at)}`,
      `Protocol: ${p.nonStandard.length > 0 ? 'NON-STANDARD (not comparable with published categories)' : 'standard (2.5-3 mm contiguous slices)'}`,
    ],
    table: {
      header: ['Artery', 'Agatston', 'Volume mm3', 'Mass mg', 'Lesions'],
      rows: score.arteries.map((a) => ({
        cells: [a.artery, value(fixed1(a.agatston)), value(fixed1(a.volumeMm3)), scored ? mass(a.massMg) : NO_VALUE, value(String(a.lesions))],
        colour: ARTERY_COLOURS[a.artery],
      })),
      total: ['Total', value(fixed1(score.total.agatston)), value(fixed1(score.total.volumeMm3)), scored ? mass(score.total.massMg) : NO_VALUE, value(String(score.total.lesions))],
    },
    ...(scored
      ? {
          risk: `Agatston ${fixed1(score.total.agatston)}: risk category ${score.riskCategory}`,
          riskColour: RISK_COLOURS[score.riskCategory],
          riskDetail: `${cacDrs(score.total.agatston, score.arteries)} (Hecht 2018); category ${score.riskCategory} (Rumberger 1999)`,
        }
      : { risk: 'NOT SCORED', riskColour: NOT_SCORED_COLOUR, banner: true, riskDetail: 'No seeds: no lesion was assigned to an artery. No score is reported.' }),
    notes: notes(f),
    ...(keyImage ? { keyImage } : {}),
    footer: `NOT FOR CLINICAL USE. ${f.producer}`,
  };
}

function notes(f: CalciumFindings): string[] {
  const { score } = f;
  const out: string[] = [];
  const candidates = score.regions.filter((r) => r.artery === undefined && !r.excluded).length;
  if (!isScored(f)) out.push(`NOT SCORED: ${candidates} candidate region(s) above the threshold are shown unverified, without numbers. Give seeds, or reviewedNoCalcium=true when there is no coronary calcium.`);
  if (f.reading.kind === 'no-calcium') out.push('Reviewed by the reader: no coronary calcium.');
  if (f.protocol.nonStandard.length > 0) out.push(`NON-STANDARD PROTOCOL: ${f.protocol.nonStandard.join('; ')}. Scores are not comparable with published categories.`);
  if (isScored(f) && candidates > 0) out.push(`${candidates} candidate region(s) not seeded: not scored.`);
  const excluded = score.regions.filter((r) => r.excluded).length;
  if (excluded > 0) out.push(`${excluded} region(s) excluded by the reader.`);
  if (score.lesions.length === 0) out.push('No calcified lesion found above the threshold.');
  out.push(...f.warnings.map((w) => `Warning: ${w}`));
  return out;
}

/** The institution and scanner line, or nothing when the slice names none of them. */
function equipment(first: SourceInstance): string[] {
  const institution = first.string('InstitutionName');
  const scanner = [first.string('Manufacturer'), first.string('ManufacturerModelName')].filter((v) => v !== undefined && v !== '').join(' ');
  const parts = [...(institution ? [`Institution: ${institution}`] : []), ...(scanner ? [`Scanner: ${scanner}`] : [])];
  return parts.length === 0 ? [] : [parts.join('   ')];
}
