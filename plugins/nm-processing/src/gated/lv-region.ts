import type { PlacedVolume } from '../recon/volume-layout.js';
import { voxelCentreOf } from '../recon/volume-layout.js';

/** A spherical left-ventricle region, patient millimetres. */
export interface LvRegion {
  readonly center: readonly [number, number, number];
  readonly radius: number;
}

/** Parse `{"center":[x,y,z],"radius":r}` (mm); throws RangeError naming what is wrong. */
export function parseLvRegion(json: string): LvRegion {
  let o: unknown;
  try {
    o = JSON.parse(json);
  } catch (e) {
    throw new RangeError(`lvRegion is not JSON: ${(e as Error).message}`);
  }
  const r = (o ?? {}) as { center?: unknown; radius?: unknown };
  const unknown = Object.keys(r).filter((k) => k !== 'center' && k !== 'radius');
  if (unknown.length > 0) throw new RangeError(`lvRegion has unknown key(s) ${unknown.join(', ')}; give center and radius`);
  if (!Array.isArray(r.center) || r.center.length !== 3 || !r.center.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new RangeError('lvRegion.center must be [x, y, z] in patient mm');
  if (typeof r.radius !== 'number' || !(r.radius > 0)) throw new RangeError('lvRegion.radius must be a positive number of mm');
  return { center: r.center as [number, number, number], radius: r.radius };
}

/** The sum of a volume's values whose voxel centres lie in the region, and how many voxels that is. */
export function regionSum(v: PlacedVolume, region: LvRegion): { readonly sum: number; readonly voxels: number } {
  let sum = 0;
  let voxels = 0;
  for (let j = 0; j < v.rows; j++) for (let i = 0; i < v.columns; i++) for (let k = 0; k < v.slices; k++) {
    const p = voxelCentreOf(v, i, j, k);
    if ((p[0] - region.center[0]) ** 2 + (p[1] - region.center[1]) ** 2 + (p[2] - region.center[2]) ** 2 > region.radius ** 2) continue;
    sum += v.data[(j * v.columns + i) * v.slices + k]!;
    voxels++;
  }
  return { sum, voxels };
}
