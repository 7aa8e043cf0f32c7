import type { ParameterSchema } from '@atrium/sdk';
import { EDIT_PARAMETERS } from '../../volume/edit-volume.js';

/** Parameters of the volume / surface rendering app. */
export const render3dParameters = {
  mode: { type: 'enum', values: ['volume', 'surface'], default: 'volume', description: 'volume rendering (with a preset) or the iso-surface at isoValue' },
  preset: { type: 'enum', values: ['bone', 'vessels', 'soft-tissue', 'mip'], default: 'bone', description: 'volume rendering preset (colour and opacity by value; mip: maximum intensity)' },
  isoValue: { type: 'number', default: 300, unit: 'HU', description: 'surface mode: the iso-value (modality units)' },
  azimuth: { type: 'number', default: 0, minimum: -360, maximum: 360, unit: 'degrees', description: 'camera angle about the head-foot axis: 0 front, 90 from the patient\'s left, 180 behind' },
  elevation: { type: 'number', default: 0, minimum: -90, maximum: 90, unit: 'degrees', description: 'camera angle above the horizontal: 90 from the head' },
  zoom: { type: 'number', default: 1, minimum: 0.1, maximum: 20, description: '1 fits the whole volume' },
  views: { type: 'integer', default: 1, minimum: 1, maximum: 360, description: 'number of images, turning the azimuth by 360/views each' },
  size: { type: 'integer', default: 512, minimum: 64, maximum: 2048, unit: 'pixels', description: 'image width and height' },
  windowCenter: { type: 'number', default: 0, description: 'mip preset: window centre; with windowWidth 0 the preset\'s' },
  windowWidth: { type: 'number', default: 0, minimum: 0, description: 'mip preset: window width; 0: the preset\'s' },
  shade: { type: 'boolean', default: true, description: 'volume mode: gradient lighting' },
  renderResolution: { type: 'integer', default: 256, minimum: 32, maximum: 1024, unit: 'voxels', description: 'the volume is drawn on a grid of at most this many voxels along each axis' },
  ...EDIT_PARAMETERS,
  unevenSpacing: { type: 'enum', values: ['refuse', 'resample'], default: 'refuse', description: 'a series with gaps or uneven slice spacing: refuse it, or resample it onto a regular grid' },
} as const satisfies ParameterSchema;
