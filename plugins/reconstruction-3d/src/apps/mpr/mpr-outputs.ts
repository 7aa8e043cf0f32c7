import type { AppOutput } from '@atrium/sdk';
import { ctMprMapping, mrMprMapping } from '../../mappings/mpr-mapping.js';

/**
 * The mapping tables of the MPR app's outputs (declared in the manifest: CT planes of a CT, MR planes
 * of an MR, one instance per plane).
 */
export const mprOutputs = {
  'ct-mpr': { mapping: ctMprMapping },
  'mr-mpr': { mapping: mrMprMapping },
} as const satisfies Readonly<Record<string, AppOutput>>;
