import type { ParameterSchema } from '@atrium/sdk';

/** Parameters of the calcium scoring app (validated and defaulted by the host before any work). */
export const calciumParameters = {
  threshold: { type: 'number', default: 130, minimum: -1024, maximum: 3000, unit: 'HU', description: 'calcium threshold in HU (130 for the Agatston method at 120 kVp)' },
  kvpThreshold: { type: 'boolean', default: false, description: 'take the threshold from the per-kVp table for the KVP of the series instead of "threshold"' },
  connectivity: { type: 'enum', values: ['8', '4'], default: '8', description: 'in-plane pixel connectivity of a lesion' },
  minAreaMode: {
    type: 'enum',
    values: ['literature', 'ge', 'philips', 'siemens', 'canon'],
    default: 'literature',
    description: 'minimum lesion area: literature/ge ≥ 1 mm², philips ≥ 0.5 mm², siemens none, canon ≥ 3 pixels',
  },
  calibrationFactor: { type: 'number', default: 0, minimum: 0, unit: 'mg/cm³ per HU', description: 'calcium mass calibration factor; 0 = not given (mass not reported)' },
  seeds: {
    type: 'string',
    default: '[]',
    description: 'JSON array of seeds: {"artery":"LAD","at":[x,y,z]} (patient mm) or {"artery":"RCA","instanceNumber":12,"row":200,"column":310}; arteries LM, LAD, LCX, RCA, PDA; none = unverified candidates',
  },
  margin: { type: 'integer', default: 1, minimum: 0, maximum: 50, unit: 'slices', description: 'slices kept on each side of a lesion slice in the reduced CT series' },
  reduce: { type: 'enum', values: ['lesions', 'all', 'every-nth'], default: 'lesions', description: 'reduced CT series: lesion slices ± margin, all slices, or every n-th slice' },
  everyNth: { type: 'integer', default: 2, minimum: 1, maximum: 100, description: 'n for reduce=every-nth' },
} as const satisfies ParameterSchema;
