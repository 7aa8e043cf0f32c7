import type { ParameterSchema } from '@atrium/sdk';
import { parsePhantom } from './mass-calibration.js';
import { parseSeeds } from './parse-seeds.js';

/** Parameters of the calcium scoring app (validated, seeds and phantom parsed, and defaulted by the host before any work; `atrium run calcium-scoring --help` prints them). */
export const calciumParameters = {
  seeds: {
    type: 'string',
    json: 'array',
    example: '[{"artery":"LAD","at":[x,y,z]}]',
    check: (text) => void parseSeeds(text),
    default: '[]',
    description:
      'JSON array of seeds, each selecting the calcium connected to its point: {"artery":"LAD","at":[x,y,z]} (patient mm) or {"artery":"RCA","instanceNumber":12,"row":200,"column":310} (pixel from 0); '
      + 'arteries LM, LAD, LCX, RCA, PDA. "roi" bounds what a seed takes: {"box":[x0,y0,x1,y1]} or {"polygon":[[x,y],...]} in mm, "units":"pixels" for [column,row], "slices":[first,last] instance numbers '
      + '(e.g. split an LM/LAD plaque: {"artery":"LM","at":[...],"roi":{"box":[0,-30,10,-20]}}). {"exclude":true,"at":[...]} removes calcium (valve, mitral annulus) from scoring. None = not scored',
  },
  reader: { type: 'string', default: '', description: 'the reader who reviewed the study (Person Name, e.g. Doe^Jane): the SR is VERIFIED with this Verifying Observer; without it the SR stays UNVERIFIED' },
  readerOrganization: { type: 'string', default: '', description: 'the reader\'s organization (Verifying Organization); default: the series\' Institution Name' },
  reviewedNoCalcium: { type: 'boolean', default: false, description: 'the reader reviewed the study and found no coronary calcium: total 0, risk category 0 (no seeds may be given)' },
  kvpThreshold: { type: 'boolean', default: true, description: 'take the threshold from the kVp table (120 kVp: 130 HU, Agatston 1990; 100 kVp: 147 HU, Nakazato 2009; the 200/300/400 HU weight steps scale with it); other kVp are refused: give kvpThreshold=false and a threshold' },
  threshold: { type: 'number', default: 130, minimum: -1024, maximum: 3000, unit: 'HU', description: 'calcium threshold in HU, used with kvpThreshold=false (weight steps stay at 200/300/400 HU)' },
  connectivity: { type: 'enum', values: ['8', '4'], default: '8', description: 'in-plane pixel connectivity of a lesion' },
  minAreaMode: {
    type: 'enum',
    values: ['literature', 'ge', 'philips', 'siemens', 'canon'],
    default: 'literature',
    description: 'minimum lesion area: literature/ge ≥ 1 mm², philips ≥ 0.5 mm², siemens none, canon ≥ 3 pixels',
  },
  volumeMode: { type: 'enum', values: ['slab', 'isotropic'], default: 'slab', description: 'volume: slab = area × increment; isotropic = interpolated to near-isotropic sub-slices between neighbouring slices' },
  calibrationFactor: { type: 'number', default: 0, minimum: 0, unit: 'mg/cm³ per HU', description: 'calcium mass calibration factor; 0 = from calibrationPhantom, else Calcium Scoring Mass Factor Patient (0018,9351) of the images, else no mass' },
  calibrationPhantom: {
    type: 'string',
    json: 'object',
    check: (text) => void (text.trim() === '' || parsePhantom(text)),
    example: '{"insert":{"center":[x,y,z],"radius":5,"mgHaPerCm3":200},"water":{"center":[x,y,z],"radius":5}}',
    default: '',
    description: 'mass calibration from a phantom insert: {"insert":{"center":[x,y,z],"radius":5,"mgHaPerCm3":200},"water":{"center":[x,y,z],"radius":5}} (mm): factor = density / (insert HU − water HU)',
  },
  patientSize: {
    type: 'enum',
    values: ['unknown', 'small', 'medium', 'large'],
    default: 'unknown',
    description: 'patient size: which value of Calcium Scoring Mass Factor Device (0018,9352) gives the mass factor when the images have no Calcium Scoring Mass Factor Patient (0018,9351)',
  },
  allowContrast: { type: 'boolean', default: false, description: 'score a series with a Contrast/Bolus Agent or a blood pool above the threshold (the score then counts iodine)' },
  allowImplausibleRegions: { type: 'boolean', default: false, description: 'score seeded regions larger than maxLesionAreaMm2 / maxLesionExtentMm' },
  maxLesionAreaMm2: { type: 'number', default: 200, minimum: 1, unit: 'mm²', description: 'largest area on one slice of a seeded lesion' },
  maxLesionExtentMm: { type: 'number', default: 60, minimum: 1, unit: 'mm', description: 'largest extent of a seeded lesion along the slices (slices × increment)' },
  margin: { type: 'integer', default: 1, minimum: 0, maximum: 50, unit: 'slices', description: 'slices kept on each side of a lesion slice in the reduced CT series' },
  reduce: { type: 'enum', values: ['lesions', 'all', 'every-nth'], default: 'lesions', description: 'reduced CT series: lesion slices ± margin, all slices, or every n-th slice' },
  everyNth: { type: 'integer', default: 2, minimum: 1, maximum: 100, description: 'n for reduce=every-nth' },
} as const satisfies ParameterSchema;
