import { writeImageNode } from '@itk-wasm/image-io';
import type { Volume } from '@atrium/sdk';
import { AtriumError } from '../../errors/atrium-error.js';

/** File formats a volume is exported to. */
export type VolumeFileFormat = 'nifti' | 'nrrd';

/** File name endings of each format. */
export const VOLUME_FILE_EXTENSIONS: Readonly<Record<VolumeFileFormat, readonly string[]>> = {
  nifti: ['.nii.gz', '.nii'],
  nrrd: ['.nrrd', '.nhdr'],
};

/**
 * Write a volume as NIfTI-1 or NRRD with ITK's image IO (@itk-wasm/image-io), orientation kept:
 * ITK takes the volume's grid (origin, spacing, direction in LPS) and writes the NRRD space
 * directions in LPS, the NIfTI qform/sform in RAS. For NIfTI the rows are stored bottom-up (row
 * index flipped, the origin moved to the last row), as Debian's dcm2niix stores them, so that the
 * file's voxel order and affine equal those dcm2niix writes for the same series. Values are the
 * volume's modality values (Int16 or Float32, no scaling). Throws AtriumError
 * ATRIUM_ERR_EXPORT_FORMAT for a path that does not end as the format requires,
 * ATRIUM_ERR_EXPORT_WRITE when ITK cannot write it.
 */
export async function writeVolumeFile(volume: Volume, path: string, format: VolumeFileFormat): Promise<void> {
  const endings = VOLUME_FILE_EXTENSIONS[format];
  if (!endings.some((e) => path.toLowerCase().endsWith(e))) {
    throw new AtriumError('ATRIUM_ERR_EXPORT_FORMAT', `a ${format === 'nifti' ? 'NIfTI' : 'NRRD'} file name must end in ${endings.join(' or ')} (got ${path})`, { path, format });
  }
  const grid = format === 'nifti' ? flipRows(volume) : volume;
  const [di, dj, dk] = grid.direction;
  const image = {
    imageType: { dimension: 3, componentType: grid.voxels instanceof Int16Array ? 'int16' : 'float32', pixelType: 'Scalar', components: 1 },
    name: 'volume',
    origin: [...grid.origin],
    spacing: [...grid.spacing],
    // ITK's direction matrix, row by row: column a is the direction of index axis a.
    direction: new Float64Array([di[0], dj[0], dk[0], di[1], dj[1], dk[1], di[2], dj[2], dk[2]]),
    size: [...grid.dimensions],
    data: grid.voxels,
    metadata: new Map(),
  };
  try {
    await writeImageNode(image as unknown as Parameters<typeof writeImageNode>[0], path);
  } catch (e) {
    throw new AtriumError('ATRIUM_ERR_EXPORT_WRITE', `cannot write ${path}: ${(e as Error).message}`, { path }, { cause: e });
  }
}

/** The same volume with its rows in the opposite order (j → rows − 1 − j). */
function flipRows(volume: Volume): Volume {
  const [nx, ny, nz] = volume.dimensions;
  const voxels = volume.voxels.slice();
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) voxels.set(volume.voxels.subarray((k * ny + j) * nx, (k * ny + j + 1) * nx), (k * ny + (ny - 1 - j)) * nx);
  }
  const dj = volume.direction[1];
  const shift = (ny - 1) * volume.spacing[1];
  return {
    ...volume,
    voxels,
    origin: [volume.origin[0] + shift * dj[0], volume.origin[1] + shift * dj[1], volume.origin[2] + shift * dj[2]],
    direction: [volume.direction[0], [-dj[0], -dj[1], -dj[2]], volume.direction[2]],
  };
}
