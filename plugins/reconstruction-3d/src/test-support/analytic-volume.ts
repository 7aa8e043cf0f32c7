import type { Vec3, Volume } from '@atrium/sdk';

/** Grid of an analytic test volume. */
export interface AnalyticGrid {
  readonly dimensions: readonly [number, number, number];
  readonly spacing: Vec3;
  readonly origin: Vec3;
  /** Default the patient axes. */
  readonly direction?: readonly [Vec3, Vec3, Vec3];
}

/**
 * A volume whose voxel (i, j, k) holds `value(x, y, z)` at its centre in patient coordinates
 * (Float32, or Int16 with `int16`), Frame of Reference `2.25.42`, unit HU.
 */
export function analyticVolume(grid: AnalyticGrid, value: (x: number, y: number, z: number) => number, int16 = false): Volume {
  const [nx, ny, nz] = grid.dimensions;
  const direction = grid.direction ?? [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const voxels = int16 ? new Int16Array(nx * ny * nz) : new Float32Array(nx * ny * nz);
  let p = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, p++) {
    const at = (a: number): number => grid.origin[a]! + i * grid.spacing[0] * direction[0][a]! + j * grid.spacing[1] * direction[1][a]! + k * grid.spacing[2] * direction[2][a]!;
    const v = value(at(0), at(1), at(2));
    voxels[p] = int16 ? Math.round(v) : v;
  }
  return { dimensions: grid.dimensions, spacing: grid.spacing, origin: grid.origin, direction, frameOfReferenceUID: '2.25.42', voxels, unit: 'HU', sliceSources: undefined };
}

/**
 * A ball of `inside` HU in `outside` HU with a soft edge: the value ramps linearly across `edge`
 * mm around the radius, so reformatted and surfaced positions can be exact below a voxel.
 */
export function softBall(centre: Vec3, radius: number, inside: number, outside: number, edge = 1): (x: number, y: number, z: number) => number {
  return (x, y, z) => {
    const d = Math.hypot(x - centre[0], y - centre[1], z - centre[2]);
    const f = Math.min(1, Math.max(0, 0.5 - (d - radius) / edge));
    return outside + f * (inside - outside);
  };
}

/** A rod (cylinder) of `inside` HU through `point` along the unit `axis`, soft-edged as {@link softBall}. */
export function softRod(point: Vec3, axis: Vec3, radius: number, inside: number, outside: number, edge = 1): (x: number, y: number, z: number) => number {
  return (x, y, z) => {
    const d: Vec3 = [x - point[0], y - point[1], z - point[2]];
    const along = d[0] * axis[0] + d[1] * axis[1] + d[2] * axis[2];
    const r = Math.hypot(d[0] - along * axis[0], d[1] - along * axis[1], d[2] - along * axis[2]);
    const f = Math.min(1, Math.max(0, 0.5 - (r - radius) / edge));
    return outside + f * (inside - outside);
  };
}
