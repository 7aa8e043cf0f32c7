import { resampleVolume, type Volume } from '@atrium/sdk';
import { add, scale } from '../geometry/vec3.js';

/**
 * The volume on a grid at most `maxSize` voxels along each axis (the same extent, direction and
 * Frame of Reference; spacing multiplied by a whole factor; trilinear, Int16 for Int16 volumes),
 * or the volume itself when it already fits: what the renderer gets (a 512×512×500 CT is 250 MB;
 * 256³ draws as well at 512² pixels).
 */
export function coarserGrid(volume: Volume, maxSize: number, signal?: AbortSignal): Volume {
  const factor = Math.ceil(Math.max(...volume.dimensions) / maxSize);
  if (factor <= 1) return volume;
  const dimensions = volume.dimensions.map((n) => Math.max(1, Math.floor((n - 1) / factor) + 1)) as unknown as [number, number, number];
  const spacing = volume.spacing.map((s) => s * factor) as unknown as [number, number, number];
  // Centre the coarser grid on the same extent.
  let origin = volume.origin;
  for (let a = 0; a < 3; a++) {
    const covered = (dimensions[a]! - 1) * factor;
    origin = add(origin, scale(volume.direction[a]!, ((volume.dimensions[a]! - 1 - covered) / 2) * volume.spacing[a]!));
  }
  const target = { dimensions, spacing, origin, direction: volume.direction, frameOfReferenceUID: volume.frameOfReferenceUID };
  return resampleVolume(volume, target, { interpolation: 'trilinear', voxelType: volume.voxels instanceof Int16Array ? 'int16' : 'float32', ...(signal ? { signal } : {}) });
}
