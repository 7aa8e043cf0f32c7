import type { OutputDefinition } from '@atrium/sdk';
import { stlMapping } from '../../mappings/stl-mapping.js';

/** The Encapsulated STL object of the surface app (one per run, from the whole series). */
export const surfaceOutputs = {
  surface: {
    iod: 'encapsulated-stl',
    cardinality: 'N:1',
    description: 'Surface model',
    mapping: stlMapping,
  },
} as const satisfies Readonly<Record<string, OutputDefinition>>;
