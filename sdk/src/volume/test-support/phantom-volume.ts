/** Volumes whose voxels sample an analytic function of patient position at the voxel centres (for resampler tests). */
import type { Vec3, Volume, VolumeGeometry } from '../volume.js';
import { volumeTransform } from '../volume-transform.js';
import type { Phantom } from './fake-source.js';

/** A grid in Frame of Reference 2.25.77 (identity directions unless given). */
export function grid(dimensions: readonly [number, number, number], spacing: Vec3, origin: Vec3, direction: VolumeGeometry['direction'] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]): VolumeGeometry {
  return { dimensions, spacing, origin, direction, frameOfReferenceUID: '2.25.77' };
}

/** The volume of `phantom` sampled at the centres of `g` (Float32 unless `int16`). */
export function phantomVolume(g: VolumeGeometry, phantom: Phantom, type: 'int16' | 'float32' = 'float32'): Volume {
  const [nx, ny, nz] = g.dimensions;
  const voxels = type === 'int16' ? new Int16Array(nx * ny * nz) : new Float32Array(nx * ny * nz);
  const t = volumeTransform(g);
  let p = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) voxels[p++] = phantom(...t.indexToPatient([i, j, k]));
  return { ...g, voxels, unit: 'HU', sliceSources: undefined };
}

/** Rotation of `angle` radians about a unit axis, as the three direction vectors it turns the identity axes into. */
export function rotation(axis: Vec3, angle: number): VolumeGeometry['direction'] {
  const [x, y, z] = axis;
  const c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
  const m = [
    [t * x * x + c, t * x * y - s * z, t * x * z + s * y],
    [t * x * y + s * z, t * y * y + c, t * y * z - s * x],
    [t * x * z - s * y, t * y * z + s * x, t * z * z + c],
  ];
  const column = (a: number): Vec3 => [m[0]![a]!, m[1]![a]!, m[2]![a]!];
  return [column(0), column(1), column(2)];
}
