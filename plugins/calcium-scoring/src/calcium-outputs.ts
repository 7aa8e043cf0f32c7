import type { AppOutput } from '@atrium/sdk';
import { reducedCtMapping, reducedCtNotes, reducedCtRemarks } from './mappings/reduced-ct-mapping.js';
import { screenSaveMapping, secondaryCaptureMapping, secondaryCaptureNotes } from './mappings/secondary-capture-mapping.js';
import { scoringRemarks } from './mappings/scoring-remarks.js';
import { srMapping, srNotes } from './mappings/sr-mapping.js';

/**
 * The mapping table of each derived series the app writes into the source study; the series
 * themselves (IOD, cardinality, Series Description) are declared in the manifest (package.json
 * "atrium".apps[0].outputs).
 */
export const calciumOutputs = {
  'reduced-ct': { mapping: reducedCtMapping, notes: reducedCtNotes, remarks: reducedCtRemarks },
  report: { mapping: secondaryCaptureMapping, notes: secondaryCaptureNotes },
  'screen-saves': { mapping: screenSaveMapping, notes: secondaryCaptureNotes },
  sr: { mapping: srMapping, notes: srNotes, remarks: scoringRemarks },
} as const satisfies Readonly<Record<string, AppOutput>>;
