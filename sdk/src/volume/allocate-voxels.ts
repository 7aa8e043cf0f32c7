import type { VoxelArray } from './volume.js';
import { volumeError } from './volume-error.js';

/**
 * A zeroed voxel array of `total` voxels; an allocation the JavaScript engine refuses becomes
 * SdkError ATRIUM_ERR_VOLUME_MEMORY naming `what` (e.g. "a 512×512×1000 volume").
 */
export function allocateVoxels(type: 'int16' | 'float32', total: number, what: string): VoxelArray {
  try {
    return type === 'int16' ? new Int16Array(total) : new Float32Array(total);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw volumeError('ATRIUM_ERR_VOLUME_MEMORY', `${what} of ${total} ${type === 'int16' ? '16-bit' : '32-bit float'} voxels cannot be allocated (${e.message})`, { voxels: total, type });
  }
}
