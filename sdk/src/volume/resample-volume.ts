import { allocateVoxels } from './allocate-voxels.js';
import type { Volume, VolumeGeometry, VoxelArray } from './volume.js';
import { volumeError } from './volume-error.js';
import { composeAffines, volumeTransform, type VolumeTransform } from './volume-transform.js';

/** Options of {@link resampleVolume}. */
export interface ResampleOptions {
  /** `trilinear` (default) or `nearest` (the value of the voxel whose centre is closest). */
  readonly interpolation?: 'nearest' | 'trilinear';
  /** Value of target voxels outside the source volume; default the smallest source value (air, background). */
  readonly fill?: number;
  /** Default: the source's type for `nearest`, Float32 for `trilinear`. `int16` rounds to the nearest integer. */
  readonly voxelType?: 'int16' | 'float32';
  /**
   * Resample although source and target carry different (or no) Frame of Reference UIDs: the
   * caller vouches that both grids are in the same patient coordinates (a registration applied).
   */
  readonly ignoreFrameOfReference?: boolean;
  /** Checked between target slices. */
  readonly signal?: AbortSignal;
}

/** A point is inside the source when within half a voxel of the outer centres (plus this, for rounding). */
const EDGE = 1e-6;

/**
 * Sample a volume on another grid (pure typed-array code): each target voxel centre is taken to
 * patient coordinates by the target's affine and to a continuous source index by the source's
 * inverse affine ({@link volumeTransform}). `nearest` takes the closest source voxel; `trilinear`
 * blends the 8 surrounding ones, so an affine function of position is reproduced exactly (to
 * float precision) between the outer voxel centres; in the outer half voxel the edge values are
 * extended. Points further out get `fill`. Typical uses: a CT μ-map on a SPECT grid, an oblique
 * plane (a target one voxel thick), an isotropic grid. The result takes the target geometry and
 * Frame of Reference, and keeps the source's unit.
 *
 * Throws SdkError ATRIUM_ERR_VOLUME_RESAMPLE for an empty or singular target grid or different
 * Frames of Reference (unless `ignoreFrameOfReference`), ATRIUM_ERR_VOLUME_VALUES for a fill value
 * `int16` cannot hold, ATRIUM_ERR_VOLUME_MEMORY when the target cannot be allocated.
 */
export function resampleVolume(source: Volume, target: VolumeGeometry, options: ResampleOptions = {}): Volume {
  const [tx, ty, tz] = target.dimensions;
  if (![tx, ty, tz].every((n) => Number.isInteger(n) && n >= 1)) throw volumeError('ATRIUM_ERR_VOLUME_RESAMPLE', `target dimensions ${target.dimensions.join('×')} are not whole numbers ≥ 1`, { dimensions: target.dimensions });
  if (!target.spacing.every((s) => s > 0 && Number.isFinite(s))) throw volumeError('ATRIUM_ERR_VOLUME_RESAMPLE', `target spacing ${target.spacing.join('\\')} mm is not positive`, { spacing: target.spacing });
  if (!options.ignoreFrameOfReference && (source.frameOfReferenceUID === undefined || source.frameOfReferenceUID !== target.frameOfReferenceUID)) {
    throw volumeError('ATRIUM_ERR_VOLUME_RESAMPLE', `the source is in Frame of Reference ${source.frameOfReferenceUID ?? '(none)'} and the target grid in ${target.frameOfReferenceUID ?? '(none)'}: their coordinates are not known to agree (register them, then pass ignoreFrameOfReference)`, {
      source: source.frameOfReferenceUID,
      target: target.frameOfReferenceUID,
    });
  }
  const toSource = composeAffines(transformOf(source, 'source').inverse, transformOf(target, 'target').affine);
  const nearest = options.interpolation === 'nearest';
  const type = options.voxelType ?? (nearest && source.voxels instanceof Int16Array ? 'int16' : 'float32');
  const fill = options.fill ?? smallest(source.voxels);
  if (type === 'int16' && !(Number.isInteger(fill) && fill >= -32768 && fill <= 32767)) throw volumeError('ATRIUM_ERR_VOLUME_VALUES', `fill value ${fill} does not fit a 16-bit integer volume`, { fill });
  const out = allocateVoxels(type, tx * ty * tz, `a ${target.dimensions.join('×')} target grid`);
  const sample = nearest ? nearestSampler(source) : trilinearSampler(source);
  const round = type === 'int16';
  let p = 0;
  for (let k = 0; k < tz; k++) {
    options.signal?.throwIfAborted();
    for (let j = 0; j < ty; j++) {
      const bx = toSource[3]! + j * toSource[1]! + k * toSource[2]!;
      const by = toSource[7]! + j * toSource[5]! + k * toSource[6]!;
      const bz = toSource[11]! + j * toSource[9]! + k * toSource[10]!;
      for (let i = 0; i < tx; i++, p++) {
        const v = sample(bx + i * toSource[0]!, by + i * toSource[4]!, bz + i * toSource[8]!);
        out[p] = v === undefined ? fill : round ? Math.round(v) : v;
      }
    }
  }
  return { ...pickGeometry(target), voxels: out, unit: source.unit, sliceSources: undefined };
}

type Sampler = (x: number, y: number, z: number) => number | undefined;

function nearestSampler(v: Volume): Sampler {
  const [nx, ny, nz] = v.dimensions;
  const data = v.voxels;
  return (x, y, z) => {
    if (!(inside(x, nx) && inside(y, ny) && inside(z, nz))) return undefined;
    return data[clamp(Math.round(x), nx) + nx * (clamp(Math.round(y), ny) + ny * clamp(Math.round(z), nz))]!;
  };
}

function trilinearSampler(v: Volume): Sampler {
  const [nx, ny, nz] = v.dimensions;
  const data = v.voxels;
  const plane = nx * ny;
  return (x, y, z) => {
    if (!(inside(x, nx) && inside(y, ny) && inside(z, nz))) return undefined;
    const x0 = Math.floor(x), y0 = Math.floor(y), z0 = Math.floor(z);
    const fx = x - x0, fy = y - y0, fz = z - z0;
    const i0 = clamp(x0, nx), i1 = clamp(x0 + 1, nx);
    const j0 = clamp(y0, ny) * nx, j1 = clamp(y0 + 1, ny) * nx;
    const k0 = clamp(z0, nz) * plane, k1 = clamp(z0 + 1, nz) * plane;
    const c00 = data[i0 + j0 + k0]! + fx * (data[i1 + j0 + k0]! - data[i0 + j0 + k0]!);
    const c10 = data[i0 + j1 + k0]! + fx * (data[i1 + j1 + k0]! - data[i0 + j1 + k0]!);
    const c01 = data[i0 + j0 + k1]! + fx * (data[i1 + j0 + k1]! - data[i0 + j0 + k1]!);
    const c11 = data[i0 + j1 + k1]! + fx * (data[i1 + j1 + k1]! - data[i0 + j1 + k1]!);
    const c0 = c00 + fy * (c10 - c00);
    const c1 = c01 + fy * (c11 - c01);
    return c0 + fz * (c1 - c0);
  };
}

function inside(x: number, n: number): boolean {
  return x >= -0.5 - EDGE && x <= n - 0.5 + EDGE;
}

function clamp(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}

function transformOf(g: VolumeGeometry, which: string): VolumeTransform {
  try {
    return volumeTransform(g);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw volumeError('ATRIUM_ERR_VOLUME_RESAMPLE', `the ${which} grid is singular (a spacing is zero or two directions are parallel)`, { grid: which });
  }
}

function smallest(values: VoxelArray): number {
  let min = Infinity;
  for (let p = 0; p < values.length; p++) if (values[p]! < min) min = values[p]!;
  return Number.isFinite(min) ? min : 0;
}

function pickGeometry(g: VolumeGeometry): VolumeGeometry {
  return { dimensions: g.dimensions, spacing: g.spacing, origin: g.origin, direction: g.direction, frameOfReferenceUID: g.frameOfReferenceUID };
}
