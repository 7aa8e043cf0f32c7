import type { CodedConcept, PrivateCodingScheme } from '@atrium/sdk';
import type { Artery } from '../scoring/index.js';

/**
 * The private coding scheme of the calcium scoring SR (PS3.3 §8.2: a Coding Scheme
 * Designator beginning with "99" is private). No standard code for coronary calcium
 * concepts is used: none is in the repository's tables, and none is invented in a standard
 * scheme. The scheme is declared in Coding Scheme Identification Sequence (0008,0110).
 */
export const PRIVATE_SCHEME: PrivateCodingScheme = {
  designator: '99ATRIUM',
  name: 'Atrium calcium scoring private codes',
  responsibleOrganization: 'Atrium project',
};

const atrium = (value: string, meaning: string): CodedConcept => ({ value, scheme: PRIVATE_SCHEME.designator, meaning });
const ucum = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'UCUM', meaning });

/** Concept names of the calcium scoring SR (scheme 99ATRIUM). Values are stable: scripts read them. */
export const SR_CODES = {
  report: atrium('CAC-REPORT', 'Coronary calcium scoring report'),
  total: atrium('CAC-TOTAL', 'All coronary arteries'),
  agatston: atrium('CAC-AGATSTON', 'Agatston score'),
  volume: atrium('CAC-VOLUME', 'Calcium volume'),
  mass: atrium('CAC-MASS', 'Calcium mass'),
  lesions: atrium('CAC-LESIONS', 'Calcified lesion count'),
  risk: atrium('CAC-RISK', 'Calcium score risk category'),
  method: atrium('CAC-METHOD', 'Scoring method'),
  comment: atrium('CAC-COMMENT', 'Comment'),
  cacDrs: atrium('CAC-DRS', 'CAC-DRS category'),
  protocol: atrium('CAC-PROTOCOL', 'Acquisition protocol'),
  nonStandard: atrium('CAC-NONSTANDARD', 'Non-standard protocol'),
  image: atrium('CAC-IMAGE', 'Scored source image'),
} as const satisfies Readonly<Record<string, CodedConcept>>;

/** Concept name of each artery's container (scheme 99ATRIUM). */
export const ARTERY_CODES: Readonly<Record<Artery, CodedConcept>> = {
  LM: atrium('LM', 'Left main coronary artery'),
  LAD: atrium('LAD', 'Left anterior descending coronary artery'),
  LCX: atrium('LCX', 'Left circumflex coronary artery'),
  RCA: atrium('RCA', 'Right coronary artery'),
  PDA: atrium('PDA', 'Posterior descending coronary artery'),
};

/**
 * Measurement units (UCUM; curly-brace annotations are valid UCUM units equal to 1):
 * the Agatston score is dimensionless, volume in mm³, mass in mg, lesion count.
 */
export const UNIT_CODES = {
  agatston: ucum('{Agatston}', 'Agatston units'),
  volume: ucum('mm3', 'cubic millimeter'),
  mass: ucum('mg', 'milligram'),
  lesions: ucum('{lesions}', 'lesions'),
} as const satisfies Readonly<Record<string, CodedConcept>>;
