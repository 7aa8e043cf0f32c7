import type { ParameterSchema } from '@atrium/sdk';

/** Parameters of the MPR app (validated and defaulted by the host before any work). */
export const mprParameters = {
  orientation: { type: 'enum', values: ['axial', 'coronal', 'sagittal', 'oblique'], default: 'coronal', description: 'plane orientation; oblique needs "normal" or "points"' },
  normal: { type: 'string', default: '', description: 'oblique: the planes\' normal "x,y,z" (patient coordinates)' },
  points: { type: 'string', default: '', description: 'oblique: three points of a plane "x1,y1,z1;x2,y2,z2;x3,y3,z3" (mm)' },
  point: { type: 'string', default: '', description: 'a point the planes are placed around "x,y,z" (mm); default: the volume\'s centre (with "points": the first point)' },
  spacing: { type: 'number', default: 0, minimum: 0, maximum: 1000, unit: 'mm', description: 'distance between planes; 0: one voxel\'s depth along the normal' },
  count: { type: 'integer', default: 0, minimum: 0, maximum: 4096, description: 'number of planes, centred on the point; 0: every plane that meets the volume' },
  thickness: { type: 'number', default: 0, minimum: 0, maximum: 1000, unit: 'mm', description: 'slab thickness for slab modes mip, minip, mean' },
  slab: { type: 'enum', values: ['thin', 'mip', 'minip', 'mean'], default: 'thin', description: 'thin planes, or slabs of "thickness" combined by maximum (MIP), minimum (MinIP) or mean' },
  pixelSpacing: { type: 'number', default: 0, minimum: 0, maximum: 100, unit: 'mm', description: 'in-plane pixel size; 0: the volume\'s finest spacing' },
  interpolation: { type: 'enum', values: ['linear', 'nearest', 'cubic'], default: 'linear', description: 'resampling: trilinear, nearest voxel, or cubic convolution (Catmull-Rom)' },
  engine: { type: 'enum', values: ['atrium', 'vtk'], default: 'atrium', description: 'reslicer: Atrium\'s typed-array reslicer, or vtk.js ImageReslice (linear, nearest)' },
  unevenSpacing: { type: 'enum', values: ['refuse', 'resample'], default: 'refuse', description: 'a series with gaps or uneven slice spacing: refuse it, or resample it onto a regular grid' },
} as const satisfies ParameterSchema;
