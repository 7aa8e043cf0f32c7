import type { VoxelArray } from '@atrium/sdk';

/** How a value between voxel centres is computed. */
export type Interpolation = 'nearest' | 'linear' | 'cubic';

/** The value at a continuous voxel index (i, j, k), or NaN outside the volume. */
export type VoxelSampler = (x: number, y: number, z: number) => number;

/** A point is inside when within half a voxel of the outer voxel centres (plus this, for rounding). */
const EDGE = 1e-6;

/**
 * A sampler of a voxel array of `dimensions` (i fastest): `nearest` takes the closest voxel,
 * `linear` blends the 8 around the point (trilinear), `cubic` the 64 around it with the
 * Catmull-Rom cubic convolution kernel (a = −0.5; interpolating: it reproduces voxel values at their
 * centres and linear ramps exactly). Points in the outer half voxel get the edge values extended;
 * points further out give NaN.
 */
export function voxelSampler(voxels: VoxelArray, dimensions: readonly [number, number, number], interpolation: Interpolation): VoxelSampler {
  const [nx, ny, nz] = dimensions;
  const plane = nx * ny;
  const lx = -0.5 - EDGE, hx = nx - 0.5 + EDGE, hy = ny - 0.5 + EDGE, hz = nz - 0.5 + EDGE;
  const outside = (x: number, y: number, z: number): boolean => !(x >= lx && x <= hx && y >= lx && y <= hy && z >= lx && z <= hz);
  if (interpolation === 'nearest') {
    return (x, y, z) => {
      if (outside(x, y, z)) return NaN;
      return voxels[clamp(Math.round(x), nx) + nx * clamp(Math.round(y), ny) + plane * clamp(Math.round(z), nz)]!;
    };
  }
  if (interpolation === 'linear') {
    return (x, y, z) => {
      if (outside(x, y, z)) return NaN;
      const x0 = Math.floor(x), y0 = Math.floor(y), z0 = Math.floor(z);
      const fx = x - x0, fy = y - y0, fz = z - z0;
      const i0 = clamp(x0, nx), i1 = clamp(x0 + 1, nx);
      const j0 = clamp(y0, ny) * nx, j1 = clamp(y0 + 1, ny) * nx;
      const k0 = clamp(z0, nz) * plane, k1 = clamp(z0 + 1, nz) * plane;
      const a = voxels[i0 + j0 + k0]!, b = voxels[i1 + j0 + k0]!, c = voxels[i0 + j1 + k0]!, d = voxels[i1 + j1 + k0]!;
      const e = voxels[i0 + j0 + k1]!, f = voxels[i1 + j0 + k1]!, g = voxels[i0 + j1 + k1]!, h = voxels[i1 + j1 + k1]!;
      const c0 = a + fx * (b - a) + fy * (c + fx * (d - c) - a - fx * (b - a));
      const c1 = e + fx * (f - e) + fy * (g + fx * (h - g) - e - fx * (f - e));
      return c0 + fz * (c1 - c0);
    };
  }
  const wx = new Float64Array(4), wy = new Float64Array(4), wz = new Float64Array(4);
  const ix = new Int32Array(4), iy = new Int32Array(4), iz = new Int32Array(4);
  return (x, y, z) => {
    if (outside(x, y, z)) return NaN;
    const x0 = Math.floor(x), y0 = Math.floor(y), z0 = Math.floor(z);
    catmullRom(x - x0, wx);
    catmullRom(y - y0, wy);
    catmullRom(z - z0, wz);
    for (let t = 0; t < 4; t++) {
      ix[t] = clamp(x0 - 1 + t, nx);
      iy[t] = clamp(y0 - 1 + t, ny) * nx;
      iz[t] = clamp(z0 - 1 + t, nz) * plane;
    }
    let sum = 0;
    for (let c = 0; c < 4; c++) {
      let sy = 0;
      for (let b = 0; b < 4; b++) {
        const row = iy[b]! + iz[c]!;
        sy += wy[b]! * (wx[0]! * voxels[ix[0]! + row]! + wx[1]! * voxels[ix[1]! + row]! + wx[2]! * voxels[ix[2]! + row]! + wx[3]! * voxels[ix[3]! + row]!);
      }
      sum += wz[c]! * sy;
    }
    return sum;
  };
}

/** Catmull-Rom weights of the samples at offsets −1, 0, 1, 2 for a fraction t in [0, 1). */
function catmullRom(t: number, w: Float64Array): void {
  const t2 = t * t, t3 = t2 * t;
  w[0] = 0.5 * (-t3 + 2 * t2 - t);
  w[1] = 0.5 * (3 * t3 - 5 * t2 + 2);
  w[2] = 0.5 * (-3 * t3 + 4 * t2 + t);
  w[3] = 0.5 * (t3 - t2);
}

function clamp(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}
