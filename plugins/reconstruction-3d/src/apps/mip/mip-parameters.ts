import type { ParameterSchema } from '@atrium/sdk';
import { EDIT_PARAMETERS } from '../../volume/edit-volume.js';

/** Parameters of the rotating MIP app. */
export const mipParameters = {
  projections: { type: 'integer', default: 36, minimum: 1, maximum: 360, description: 'number of projections over 360°' },
  axis: { type: 'enum', values: ['head-foot', 'left-right', 'anterior-posterior'], default: 'head-foot', description: 'the patient axis the projections turn about (head-foot: the patient\'s vertical axis)' },
  startAngle: { type: 'number', default: 0, minimum: -360, maximum: 360, unit: 'degrees', description: 'angle of the first projection (0: from the front; head-foot rotation turns towards the patient\'s left)' },
  mode: { type: 'enum', values: ['mip', 'minip', 'mean'], default: 'mip', description: 'maximum, minimum or mean intensity along each ray' },
  thickness: { type: 'number', default: 0, minimum: 0, maximum: 2000, unit: 'mm', description: 'slab thickness centred on the axis; 0: the whole volume' },
  windowCenter: { type: 'number', default: 0, description: 'window centre (modality units); with windowWidth 0 the default (CT: 300 HU)' },
  windowWidth: { type: 'number', default: 0, minimum: 0, description: 'window width; 0: the default (CT: 1200 HU; MR: 1st to 99.5th percentile)' },
  pixelSpacing: { type: 'number', default: 0, minimum: 0, maximum: 100, unit: 'mm', description: 'pixel size of the projections; 0: the volume\'s finest spacing' },
  interpolation: { type: 'enum', values: ['linear', 'nearest'], default: 'linear', description: 'sampling along rays that cross slices (rays within a slice are bilinear)' },
  ...EDIT_PARAMETERS,
  unevenSpacing: { type: 'enum', values: ['refuse', 'resample'], default: 'refuse', description: 'a series with gaps or uneven slice spacing: refuse it, or resample it onto a regular grid' },
} as const satisfies ParameterSchema;
