import type { AppOutput } from '@atrium/sdk';
import { nmImageMapping } from '../mappings/nm-image-mapping.js';
import { secondaryCaptureMapping } from '../mappings/secondary-capture-mapping.js';

const recon = nmImageMapping({ gated: false });

/**
 * The mapping table of each derived series `nm-recon` writes into the source study; the series
 * themselves (IOD, cardinality, Series Description, the Multiplanar reformatting derivation code of
 * the reoriented volumes) are declared in the manifest (package.json "atrium".apps[0].outputs).
 */
export const reconOutputs = {
  recon: { mapping: recon },
  'short-axis': { mapping: recon },
  'vertical-long-axis': { mapping: recon },
  'horizontal-long-axis': { mapping: recon },
  page: { mapping: secondaryCaptureMapping },
} as const satisfies Readonly<Record<string, AppOutput>>;
