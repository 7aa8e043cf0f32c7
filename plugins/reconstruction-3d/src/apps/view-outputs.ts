import type { OutputDefinition } from '@atrium/sdk';
import { secondaryCaptureMapping } from '../mappings/secondary-capture-mapping.js';
import { viewPrivateBlock } from '../score3d-private-block.js';

/** The 3-D views as Secondary Capture images carrying the SCORE 3D-style private block. */
export const viewOutputs = {
  views: {
    iod: 'secondary-capture-image',
    cardinality: 'N:1',
    description: '3D views',
    mapping: secondaryCaptureMapping,
    privateBlocks: [viewPrivateBlock],
  },
} as const satisfies Readonly<Record<string, OutputDefinition>>;
