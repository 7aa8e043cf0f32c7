import type { ParameterSchema } from '@atrium/sdk';
import { EDIT_PARAMETERS } from '../../volume/edit-volume.js';

/** Parameters of the surface export app. */
export const surfaceParameters = {
  isoValue: { type: 'number', default: 300, unit: 'HU', description: 'the iso-value (modality units): voxels at or above it are inside' },
  ...EDIT_PARAMETERS,
  meshFile: { type: 'string', default: '', description: 'also write the mesh to this .stl or .obj file (ITK mesh IO); empty: none' },
  unevenSpacing: { type: 'enum', values: ['refuse', 'resample'], default: 'refuse', description: 'a series with gaps or uneven slice spacing: refuse it, or resample it onto a regular grid' },
} as const satisfies ParameterSchema;
