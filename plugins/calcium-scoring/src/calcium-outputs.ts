import type { AppOutput } from '@atrium/sdk';
import { reducedCtMapping } from './mappings/reduced-ct-mapping.js';
import { secondaryCaptureMapping } from './mappings/secondary-capture-mapping.js';
import { srMapping } from './mappings/sr-mapping.js';

/**
 * The mapping table of each derived series the app writes into the source study; the series
 * themselves (IOD, cardinality, Series Description) are declared in the manifest (package.json
 * "atrium".apps[0].outputs).
 */
export const calciumOutputs = {
  'reduced-ct': { mapping: reducedCtMapping },
  report: { mapping: secondaryCaptureMapping },
  'screen-saves': { mapping: secondaryCaptureMapping },
  sr: { mapping: srMapping },
} as const satisfies Readonly<Record<string, AppOutput>>;
