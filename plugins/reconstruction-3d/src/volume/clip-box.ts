import { SdkError, volumeTransform, type Vec3, type Volume } from '@atrium/sdk';
import { parseNumbers } from '../geometry/parse-vector.js';

/** A box aligned with the patient axes (mm). */
export interface ClipBox {
  readonly min: Vec3;
  readonly max: Vec3;
}

/**
 * The `clipBox` parameter: `"xmin,xmax,ymin,ymax,zmin,zmax"` in patient coordinates (LPS mm: x to
 * the patient's left, y posterior, z to the head); `""` for none. Throws SdkError
 * ATRIUM_ERR_PARAM_INVALID when a min is not below its max.
 */
export function parseClipBox(text: string): ClipBox | undefined {
  if (text.trim() === '') return undefined;
  const [x0, x1, y0, y1, z0, z1] = parseNumbers(text, 'clipBox', 6) as [number, number, number, number, number, number];
  if (!(x0 < x1 && y0 < y1 && z0 < z1)) throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "clipBox" must give xmin,xmax,ymin,ymax,zmin,zmax with each min below its max (got ${JSON.stringify(text)})`, { parameter: 'clipBox' });
  return { min: [x0, y0, z0], max: [x1, y1, z1] };
}

/**
 * A copy of the volume whose voxels with centres outside the box take `fill` (the volume's
 * background): what is clipped away is neither rendered, projected nor surfaced. Throws SdkError
 * ATRIUM_ERR_PARAM_INVALID when the box holds no voxel centre.
 */
export function clipVolume(volume: Volume, box: ClipBox, fill: number): Volume {
  const t = volumeTransform(volume);
  const [nx, ny, nz] = volume.dimensions;
  const voxels = volume.voxels.slice();
  let kept = 0;
  let p = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const start = t.indexToPatient([0, j, k]);
      const step = t.indexToPatient([1, j, k]).map((v, a) => v - start[a]!) as unknown as Vec3;
      for (let i = 0; i < nx; i++, p++) {
        const x = start[0] + i * step[0], y = start[1] + i * step[1], z = start[2] + i * step[2];
        if (x >= box.min[0] && x <= box.max[0] && y >= box.min[1] && y <= box.max[1] && z >= box.min[2] && z <= box.max[2]) kept++;
        else voxels[p] = fill;
      }
    }
  }
  if (kept === 0) throw new SdkError('ATRIUM_ERR_PARAM_INVALID', 'parameter "clipBox" holds no voxel of the volume', { parameter: 'clipBox' });
  return { ...volume, voxels };
}
