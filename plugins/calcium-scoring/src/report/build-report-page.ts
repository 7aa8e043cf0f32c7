import type { SourceInstance } from '@atrium/sdk';
import type { CalciumScore, MinAreaMode, RiskCategory } from '../scoring/index.js';
import { ARTERY_COLOURS } from '../render/artery-colours.js';
import type { Canvas, Rgb } from '../render/canvas.js';
import type { ReportPage } from '../render/render-report.js';
import { fixed1, formatDate, formatName, formatNumber } from './format.js';

/** What the report says besides the score. */
export interface ReportFacts {
  /** The first slice: patient, study and acquisition attributes are read from it. */
  readonly first: SourceInstance;
  readonly slices: number;
  readonly score: CalciumScore;
  readonly threshold: number;
  /** True when the threshold came from the per-kVp table. */
  readonly kvpThreshold: boolean;
  readonly connectivity: 4 | 8;
  readonly minAreaMode: MinAreaMode;
  readonly calibrationFactor: number | undefined;
  /** Warnings (unmet expectations, ...), printed as notes. */
  readonly warnings: readonly string[];
  readonly keyImage?: { readonly image: Canvas; readonly label: string };
  /** App name and version for the footer. */
  readonly producer: string;
}

/** The minimum lesion area of each mode, as printed. */
export const MIN_AREA_TEXT: Readonly<Record<MinAreaMode, string>> = {
  literature: '>= 1 mm2 (literature)',
  ge: '>= 1 mm2 (GE)',
  philips: '>= 0.5 mm2 (Philips)',
  siemens: 'none (Siemens)',
  canon: '>= 3 pixels (Canon)',
};

/** Colour of each risk category on the colour report. */
export const RISK_COLOURS: Readonly<Record<RiskCategory, Rgb>> = {
  '0': [80, 220, 80],
  '1-10': [160, 230, 80],
  '11-100': [255, 230, 0],
  '101-400': [255, 150, 0],
  '>400': [255, 60, 60],
};

/** The lines of the report (pure; both reports show the same page, at two sizes). */
export function buildReportPage(f: ReportFacts): ReportPage {
  const s = (keyword: string): string => f.first.string(keyword) ?? '-';
  const { score } = f;
  const spacing = f.first.numbers('PixelSpacing');
  const kvp = f.first.number('KVP');
  const mass = (m: number | undefined): string => (m === undefined ? '-' : fixed1(m));
  const notes: string[] = [];
  if (score.unverified) {
    notes.push('UNVERIFIED: no seeds were given; nothing is scored.');
    notes.push(`${score.lesions.length} candidate lesion slice(s) in ${score.regions.length} region(s) are listed.`);
  }
  if (!score.unverified && score.regions.some((r) => r.artery === undefined)) {
    notes.push(`${score.regions.filter((r) => r.artery === undefined).length} candidate region(s) not seeded: not scored.`);
  }
  if (score.lesions.length === 0) notes.push('No calcified lesion found above the threshold.');
  notes.push(...f.warnings.map((w) => `Warning: ${w}`));
  return {
    title: 'CORONARY CALCIUM SCORE',
    patient: [
      `Patient: ${formatName(f.first.string('PatientName'))}   ID: ${s('PatientID')}`,
      `Born: ${formatDate(f.first.string('PatientBirthDate'))}   Sex: ${s('PatientSex')}   Age: ${s('PatientAge')}`,
      `Study: ${formatDate(f.first.string('StudyDate'))} ${s('StudyTime').slice(0, 6)}   Study ID: ${s('StudyID')}   Accession: ${s('AccessionNumber')}`,
      ...equipment(f.first),
    ],
    method: [
      `Agatston method: threshold ${formatNumber(f.threshold)} HU${f.kvpThreshold ? ' (per-kVp table)' : ''}, ${f.connectivity}-connected lesions`,
      `Min lesion area ${MIN_AREA_TEXT[f.minAreaMode]}; increment ${formatNumber(score.sliceIncrement)} mm (from positions)`,
      `${f.slices} slices ${s('Rows')}x${s('Columns')}` +
        (spacing.length === 2 ? `, ${formatNumber(spacing[0]!)} x ${formatNumber(spacing[1]!)} mm` : '') +
        `, ${kvp === undefined ? '-' : formatNumber(kvp)} kVp, kernel ${s('ConvolutionKernel')}`,
      `Volume = area x increment; mass: ${f.calibrationFactor === undefined ? 'not reported (no calibration factor)' : `${formatNumber(f.calibrationFactor)} mg/cm3 per HU`}`,
    ],
    table: {
      header: ['Artery', 'Agatston', 'Volume mm3', 'Mass mg', 'Lesions'],
      rows: score.arteries.map((a) => ({
        cells: [a.artery, fixed1(a.agatston), fixed1(a.volumeMm3), mass(a.massMg), String(a.lesions)],
        colour: ARTERY_COLOURS[a.artery],
      })),
      total: ['Total', fixed1(score.total.agatston), fixed1(score.total.volumeMm3), mass(score.total.massMg), String(score.total.lesions)],
    },
    risk: score.unverified ? 'Risk: UNVERIFIED (no seeds)' : `Agatston ${fixed1(score.total.agatston)}: risk category ${score.riskCategory}`,
    riskColour: score.unverified ? [255, 165, 0] : RISK_COLOURS[score.riskCategory],
    notes,
    keyImage: f.keyImage,
    footer: `NOT FOR CLINICAL USE. ${f.producer}`,
  };
}

/** The institution and scanner line, or nothing when the slice names none of them. */
function equipment(first: SourceInstance): string[] {
  const parts = [first.string('InstitutionName'), [first.string('Manufacturer'), first.string('ManufacturerModelName')].filter((v) => v !== undefined).join(' ')].filter((v) => v !== undefined && v !== '');
  return parts.length === 0 ? [] : [parts.join('   ')];
}
