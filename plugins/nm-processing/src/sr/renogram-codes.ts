import type { CodedConcept, PrivateCodingScheme } from '@atrium/sdk';

/**
 * The private coding scheme of the NM apps' structured reports (PS3.3 §8.2: a designator beginning
 * with "99" is private), declared in Coding Scheme Identification Sequence. The renogram's measures
 * have no code in the standard's tables the project carries; none is invented in a standard scheme.
 */
export const NM_SCHEME: PrivateCodingScheme = {
  designator: '99ATRIUMNM',
  name: 'Atrium nuclear medicine private codes',
  responsibleOrganization: 'Atrium project',
};

const nm = (value: string, meaning: string): CodedConcept => ({ value, scheme: NM_SCHEME.designator, meaning });
const ucum = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'UCUM', meaning });

/** Concepts of the renogram SR (scheme 99ATRIUMNM; kidneys in SNOMED CT). Values are stable: scripts read them. */
export const RENOGRAM_CODES = {
  report: nm('RENO-REPORT', 'Renogram report'),
  split: nm('RENO-SPLIT', 'Differential renal function'),
  tmax: nm('RENO-TMAX', 'Time to peak count rate'),
  tHalf: nm('RENO-THALF', 'Half-time of count rate after the peak'),
  tHalfDiuretic: nm('RENO-THALF-DIUR', 'Half-time of count rate after diuretic'),
  ratio20: nm('RENO-R20', 'Count rate at 20 min over peak count rate'),
  method: nm('RENO-METHOD', 'Renogram method'),
  rois: nm('RENO-ROIS', 'Regions of interest'),
  image: nm('RENO-IMAGE', 'Dynamic source image'),
  /** SNOMED CT body structures. */
  leftKidney: { value: '18639004', scheme: 'SCT', meaning: 'Left kidney structure' },
  rightKidney: { value: '9846003', scheme: 'SCT', meaning: 'Right kidney structure' },
} as const satisfies Readonly<Record<string, CodedConcept>>;

/** UCUM units of the renogram measures. */
export const RENOGRAM_UNITS = {
  percent: ucum('%', 'percent'),
  minute: ucum('min', 'minute'),
  ratio: ucum('{ratio}', 'ratio'),
} as const satisfies Readonly<Record<string, CodedConcept>>;
