import { isScored, type CalciumFindings } from '../calcium-findings.js';
import type { Rgb } from '../render/canvas.js';
import type { RiskCategory } from '../scoring/index.js';
import { NOT_SCORED_COLOUR, RISK_COLOURS } from './build-physician-page.js';
import { fixed1, formatDate, formatName } from './format.js';

/** What the patient report says, in plain words. */
export interface PatientPage {
  readonly title: string;
  /** Name, date of birth, scan date, where. */
  readonly who: readonly string[];
  /** The score as a number ("817"), or "NOT SCORED". */
  readonly score: string;
  readonly scoreLabel: string;
  readonly colour: Rgb;
  /** What the result means (a heading line, then sentences). */
  readonly meaning: readonly string[];
  /** What the score is and is not. */
  readonly about: readonly string[];
  readonly footer: string;
}

/** What each risk category means, in plain words (categories of Rumberger et al., Mayo Clin Proc 1999). */
export const CATEGORY_WORDS: Readonly<Record<RiskCategory, string>> = {
  '0': 'No calcium was found in the arteries of your heart.',
  '1-10': 'A very small amount of calcium was found in the arteries of your heart.',
  '11-100': 'A small amount of calcium was found in the arteries of your heart.',
  '101-400': 'A moderate amount of calcium was found in the arteries of your heart.',
  '>400': 'A large amount of calcium was found in the arteries of your heart.',
};

/**
 * The patient report (pure): its own page, not the physician page enlarged — who and when,
 * the score large, what the result means and what the score is, in plain words without
 * technical terms, and the "not for clinical use" line.
 */
export function buildPatientPage(f: CalciumFindings): PatientPage {
  const institution = f.first.string('InstitutionName');
  const who = [
    `Name: ${formatName(f.first.string('PatientName'))}`,
    `Date of birth: ${formatDate(f.first.string('PatientBirthDate'))}`,
    `Scan date: ${formatDate(f.first.string('StudyDate'))}`,
    ...(institution ? [`Where: ${institution}`] : []),
  ];
  const about = [
    'The calcium score measures hardened plaque in the arteries of your heart. A higher score means more plaque.',
    'The score is one part of your heart risk. Your doctor will weigh it with your age, blood pressure, cholesterol, smoking, diabetes and family history.',
  ];
  const footer = `Not for clinical use. This page was made by ${f.producer}, which is not approved for patient care.`;
  if (!isScored(f)) {
    return {
      title: 'Your heart calcium scan', who, score: 'NOT SCORED', scoreLabel: 'Calcium score', colour: NOT_SCORED_COLOUR,
      meaning: ['No score yet', 'Your scan has not been checked for calcium, so there is no score on this page. Please ask your doctor.'],
      about, footer,
    };
  }
  const { score } = f;
  const comparable = f.protocol.nonStandard.length === 0 ? [] : ['This scan was not made in the standard way for calcium scoring, so your score cannot be compared directly with the usual ranges.'];
  return {
    title: 'Your heart calcium scan', who, score: fixed1(score.total.agatston).replace(/\.0$/, ''), scoreLabel: 'Calcium score', colour: RISK_COLOURS[score.riskCategory],
    meaning: ['What it means', CATEGORY_WORDS[score.riskCategory], ...comparable],
    about, footer,
  };
}
