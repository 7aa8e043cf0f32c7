import type { AppOutput } from '@atrium/sdk';
import { secondaryCaptureMapping } from '../mappings/secondary-capture-mapping.js';
import { viewPrivateBlock } from '../score3d-private-block.js';

/**
 * The 3-D views' output (declared in each app's manifest entry as Secondary Capture images): its
 * mapping table and the SCORE 3D-style private block the views carry — code, like the mapping.
 */
export const viewOutputs = {
  views: { mapping: secondaryCaptureMapping, privateBlocks: [viewPrivateBlock] },
} as const satisfies Readonly<Record<string, AppOutput>>;
