import type { OutputDefinition } from '@atrium/sdk';
import { reducedCtMapping } from './mappings/reduced-ct-mapping.js';
import { secondaryCaptureMapping } from './mappings/secondary-capture-mapping.js';
import { srMapping } from './mappings/sr-mapping.js';

/** The derived series the app writes into the source study. */
export const calciumOutputs = {
  'reduced-ct': {
    iod: 'ct-image',
    cardinality: '1:1',
    description: 'Calcium scoring: reduced CT',
    mapping: reducedCtMapping,
  },
  report: {
    iod: 'secondary-capture-image',
    cardinality: 'N:1',
    description: 'Calcium scoring: report',
    derivationDescription: 'Coronary calcium score report (Agatston, volume, mass per artery) rendered from the source CT series',
    mapping: secondaryCaptureMapping,
  },
  'screen-saves': {
    iod: 'secondary-capture-image',
    cardinality: '1:1',
    description: 'Calcium scoring: screen saves',
    derivationDescription: 'CT slice windowed W 800 / L 200 with calcified lesions coloured by coronary artery and labelled',
    mapping: secondaryCaptureMapping,
  },
  sr: {
    iod: 'comprehensive-sr',
    cardinality: 'N:1',
    description: 'Calcium scoring: structured report',
    mapping: srMapping,
  },
} as const satisfies Readonly<Record<string, OutputDefinition>>;
