import { volumeTransform, type Vec3, type VolumeGeometry } from '@atrium/sdk';
import { dot } from './vec3.js';

/** The eight corner voxel centres of a grid, in patient coordinates. */
export function cornerPoints(g: VolumeGeometry): Vec3[] {
  const t = volumeTransform(g);
  const [nx, ny, nz] = g.dimensions;
  const out: Vec3[] = [];
  for (const k of [0, nz - 1]) for (const j of [0, ny - 1]) for (const i of [0, nx - 1]) out.push(t.indexToPatient([i, j, k]));
  return out;
}

/** Smallest and largest projection of the corner voxel centres on a direction. */
export function extentAlong(g: VolumeGeometry, direction: Vec3): { readonly min: number; readonly max: number } {
  const d = cornerPoints(g).map((p) => dot(p, direction));
  return { min: Math.min(...d), max: Math.max(...d) };
}

/** The centre of the grid (midpoint of the corner voxel centres). */
export function centreOf(g: VolumeGeometry): Vec3 {
  const t = volumeTransform(g);
  const [nx, ny, nz] = g.dimensions;
  return t.indexToPatient([(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2]);
}

/**
 * How deep one voxel reaches along a unit direction (mm): Σ |direction · axisₐ| · spacingₐ. The
 * spacing for an axial direction of an axial stack, and more for an oblique one; used as the
 * thickness of a thin reformatted plane.
 */
export function voxelDepthAlong(g: VolumeGeometry, direction: Vec3): number {
  return g.direction.reduce((sum, axis, a) => sum + Math.abs(dot(axis, direction)) * g.spacing[a]!, 0);
}

/** The smallest voxel spacing (mm). */
export function finestSpacing(g: VolumeGeometry): number {
  return Math.min(...g.spacing);
}
