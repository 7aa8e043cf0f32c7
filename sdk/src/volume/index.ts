/**
 * Volumes: voxels in modality units on a regular grid in patient coordinates (spacing, origin,
 * direction cosines, Frame of Reference), built from a classic series or a multi-frame image,
 * the index ↔ patient transforms, and a resampler to another grid.
 */
export type { Vec3, Volume, VolumeGeometry, VolumeSliceSource, VoxelArray } from './volume.js';
export { volumeTransform, type Affine, type VolumeTransform } from './volume-transform.js';
export { volumeFromSeries } from './volume-from-series.js';
export { volumeFromMultiFrame } from './volume-from-multi-frame.js';
export type { VolumeOptions } from './volume-options.js';
export type { VoxelType } from './fill-volume.js';
export type { UnevenSpacing } from './stack-plan.js';
export { resampleVolume, type ResampleOptions } from './resample-volume.js';
export type { VolumeErrorCode } from './volume-error.js';
