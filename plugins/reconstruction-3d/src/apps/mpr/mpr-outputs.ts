import type { OutputDefinition } from '@atrium/sdk';
import { ctMprMapping, mrMprMapping } from '../../mappings/mpr-mapping.js';

/** The derived series of the MPR app: CT planes of a CT, MR planes of an MR (one instance per plane). */
export const mprOutputs = {
  'ct-mpr': {
    iod: 'ct-image',
    cardinality: 'N:1',
    description: 'MPR',
    mapping: ctMprMapping,
  },
  'mr-mpr': {
    iod: 'mr-image',
    cardinality: 'N:1',
    description: 'MPR',
    mapping: mrMprMapping,
  },
} as const satisfies Readonly<Record<string, OutputDefinition>>;
