import type { FrameData } from '../context/source-series.js';
import type { SliceSample } from './stack-plan.js';
import { allocateVoxels } from './allocate-voxels.js';
import type { VoxelArray } from './volume.js';
import { volumeError } from './volume-error.js';

/** Voxel type of a built volume: `auto` (Int16 when every value fits, else Float32), or forced. */
export type VoxelType = 'auto' | 'int16' | 'float32';

/** What {@link fillVolume} needs besides the slices. */
export interface FillRequest {
  readonly columns: number;
  readonly rows: number;
  readonly samples: readonly SliceSample[];
  /** Decodes sorted slice `s` in modality values. */
  readonly read: (s: number) => Promise<FrameData>;
  /** Names sorted slice `s` in messages. */
  readonly label: (s: number) => string;
  readonly voxelType?: VoxelType;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Decode the slices one at a time (at most two held at once) into one voxel array: output
 * slice k is sorted slice `lower`, or the linear blend of `lower` and `upper` by `weight`.
 * `auto` starts as Int16 and turns the volume to Float32 at the first value that is not a whole
 * number in −32768…32767. Throws ATRIUM_ERR_VOLUME_INPUT (a frame of another size, not one
 * sample per pixel), ATRIUM_ERR_VOLUME_VALUES (a value `int16` cannot hold),
 * ATRIUM_ERR_VOLUME_MEMORY (the array cannot be allocated).
 */
export async function fillVolume(req: FillRequest): Promise<VoxelArray> {
  const plane = req.columns * req.rows;
  const total = plane * req.samples.length;
  const what = `a ${req.columns}×${req.rows}×${req.samples.length} volume`;
  let voxels = allocateVoxels(req.voxelType === 'float32' ? 'float32' : 'int16', total, what);
  const cache = new Map<number, FrameData['data']>();
  const slice = async (s: number): Promise<FrameData['data']> => {
    const hit = cache.get(s);
    if (hit) return hit;
    const f = await req.read(s);
    if (f.rows !== req.rows || f.columns !== req.columns || f.samplesPerPixel !== 1) {
      throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `${req.label(s)} is ${f.columns}×${f.rows} with ${f.samplesPerPixel} sample(s) per pixel; the volume needs ${req.columns}×${req.rows} greyscale frames`, { slice: s });
    }
    cache.set(s, f.data);
    return f.data;
  };
  const values = new Float64Array(plane);
  for (const [k, { lower, upper, weight }] of req.samples.entries()) {
    req.signal?.throwIfAborted();
    for (const key of [...cache.keys()]) if (key < lower) cache.delete(key);
    const a = await slice(lower);
    if (weight === 0) for (let p = 0; p < plane; p++) values[p] = a[p]!;
    else {
      const b = await slice(upper);
      for (let p = 0; p < plane; p++) values[p] = a[p]! + weight * (b[p]! - a[p]!);
    }
    const offset = k * plane;
    if (voxels instanceof Int16Array) {
      const misfit = firstMisfit(values);
      if (misfit < 0) voxels.set(values, offset);
      else if (req.voxelType === 'int16') {
        throw volumeError('ATRIUM_ERR_VOLUME_VALUES', `${req.label(lower)} has the value ${values[misfit]} at pixel ${misfit}, which a 16-bit integer volume cannot hold (use Float32)`, { slice: lower, pixel: misfit });
      } else voxels = promote(voxels, total, what);
    }
    if (voxels instanceof Float32Array) voxels.set(values, offset);
    req.onProgress?.(k + 1, req.samples.length);
  }
  return voxels;
}

/** Index of the first value that is not a whole number in the Int16 range; −1 when all fit. */
function firstMisfit(values: Float64Array): number {
  for (let p = 0; p < values.length; p++) {
    const v = values[p]!;
    if (!(v >= -32768 && v <= 32767) || Math.trunc(v) !== v) return p;
  }
  return -1;
}

function promote(voxels: Int16Array, total: number, what: string): Float32Array {
  const out = allocateVoxels('float32', total, what) as Float32Array;
  out.set(voxels);
  return out;
}
