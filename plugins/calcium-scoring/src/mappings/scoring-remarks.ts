import { BLOOD_POOL } from '../check-contrast.js';
import { STANDARD_THICKNESS_MM, THICKNESS_TOLERANCE_MM } from '../check-protocol.js';
import { DEFAULT_PLAUSIBILITY, KVP_THRESHOLDS } from '../scoring/index.js';

/**
 * How the scores of the structured report (and the reports) are made, and what stops a run:
 * printed in the conformance statement under the SR output, from the constants the code runs.
 */
export const scoringRemarks: readonly string[] = [
  `Threshold by tube voltage (KVP): ${KVP_THRESHOLDS.map((t) => `${t.kvp} kVp → ${t.threshold} HU (${t.reference})`).join('; ')}. `
    + 'The Agatston density steps (200 / 300 / 400 HU) are scaled by threshold / 130. Another kVp stops the run unless the user gives a threshold (kvpThreshold=false).',
  `Contiguous slices only: an increment (from Image Position (Patient)) larger than Slice Thickness by more than ${THICKNESS_TOLERANCE_MM} mm stops the run (ATRIUM_ERR_CALCIUM_GAP); `
    + `overlapping slices are scored (× increment / 3 mm). Anything but ${STANDARD_THICKNESS_MM.join('–')} mm contiguous slices is labelled non-standard (not comparable with published categories) on the reports and in the SR.`,
  'Contrast: a Contrast/Bolus Agent (other than NONE) or Contrast/Bolus Agent Sequence item stops the run, and so does a blood pool above the threshold (a heuristic, not a published rule: '
    + `a uniform region of at least ${BLOOD_POOL.minAreaMm2} mm² between the threshold and ${BLOOD_POOL.maxHu} HU, standard deviation at most ${BLOOD_POOL.maxSdHu} HU), unless allowContrast=true (ATRIUM_ERR_CALCIUM_CONTRAST).`,
  `Plausible lesions: a seeded region larger than ${DEFAULT_PLAUSIBILITY.maxAreaMm2} mm² on one slice or longer than ${DEFAULT_PLAUSIBILITY.maxExtentMm} mm along the slices stops the run `
    + '(ATRIUM_ERR_CALCIUM_IMPLAUSIBLE_REGION), unless allowImplausibleRegions=true. These defaults are this app\'s choice, not limits a publication gives: the left main lumen is about 4.5 mm wide '
    + '(Dodge et al., Circulation 1992;86:232-46), so larger regions are bone, valve or aortic calcium, or contrast; they are parameters (maxLesionAreaMm2, maxLesionExtentMm).',
  'Categories: Agatston 0, 1–10, 11–100, 101–400, > 400 (Rumberger et al., Mayo Clin Proc 1999;74:243-52) and CAC-DRS 0, A1 (1–99), A2 (100–299), A3 (≥ 300) with N, the number of vessels '
    + '(Hecht et al., J Cardiovasc Comput Tomogr 2018;12:185-91).',
  'Not scored (no seeds): Completion Flag PARTIAL, no measurement, "--" on the reports. Verified: Verification Flag VERIFIED only with a reader (Verifying Observer); reviewedNoCalcium=true records a reviewed score of 0.',
];
