import type { AppOutput } from '@atrium/sdk';
import { stlMapping } from '../../mappings/stl-mapping.js';

/** The mapping table of the surface app's output (declared in the manifest: one Encapsulated STL object per run). */
export const surfaceOutputs = {
  surface: { mapping: stlMapping },
} as const satisfies Readonly<Record<string, AppOutput>>;
