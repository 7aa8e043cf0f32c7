import { SdkError, volumeTransform, type Vec3, type Volume } from '@atrium/sdk';

/** What {@link removeBone} removed. */
export interface BoneRemoval {
  readonly volume: Volume;
  /** Voxels set to the fill value (the connected region and its one-voxel rim). */
  readonly removed: number;
}

/**
 * A simple bone removal: the region of voxels ≥ `threshold` connected to the seed (6-connectivity,
 * flood fill from the voxel nearest the seed point), grown by one voxel to take its partial-volume
 * rim, is set to `fill` in a copy of the volume. Throws SdkError ATRIUM_ERR_PARAM_INVALID when the
 * seed lies outside the volume or on a voxel below the threshold (the message gives its value).
 */
export function removeBone(volume: Volume, seed: Vec3, threshold: number, fill: number): BoneRemoval {
  const [nx, ny, nz] = volume.dimensions;
  const index = volumeTransform(volume).patientToIndex(seed).map(Math.round);
  const [si, sj, sk] = index as [number, number, number];
  if (!(si >= 0 && si < nx && sj >= 0 && sj < ny && sk >= 0 && sk < nz)) {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "boneSeed" ${seed.join(',')} mm lies outside the volume`, { parameter: 'boneSeed' });
  }
  const voxels = volume.voxels;
  const start = si + nx * (sj + ny * sk);
  if (voxels[start]! < threshold) {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "boneSeed": the voxel at ${seed.join(',')} mm is ${voxels[start]} ${volume.unit ?? ''}, below the bone threshold ${threshold}`.replace(/ +,/g, ','), { parameter: 'boneSeed' });
  }
  const region = new Uint8Array(voxels.length);
  const stack = new Int32Array(Math.min(voxels.length, 1 << 24));
  let top = 0;
  region[start] = 1;
  stack[top++] = start;
  const plane = nx * ny;
  const visit = (q: number): void => {
    if (region[q] === 0 && voxels[q]! >= threshold) {
      region[q] = 1;
      if (top === stack.length) throw new SdkError('ATRIUM_ERR_PARAM_INVALID', 'the bone region is too large to follow; raise "boneThreshold"', { parameter: 'boneThreshold' });
      stack[top++] = q;
    }
  };
  while (top > 0) {
    const p = stack[--top]!;
    const i = p % nx, j = Math.floor(p / nx) % ny, k = Math.floor(p / plane);
    if (i > 0) visit(p - 1);
    if (i < nx - 1) visit(p + 1);
    if (j > 0) visit(p - nx);
    if (j < ny - 1) visit(p + nx);
    if (k > 0) visit(p - plane);
    if (k < nz - 1) visit(p + plane);
  }
  const out = voxels.slice();
  let removed = 0;
  for (let p = 0; p < region.length; p++) {
    if (region[p] !== 1) continue;
    const i = p % nx, j = Math.floor(p / nx) % ny, k = Math.floor(p / plane);
    for (let dk = -1; dk <= 1; dk++) for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
      const a = i + di, b = j + dj, c = k + dk;
      if (a < 0 || a >= nx || b < 0 || b >= ny || c < 0 || c >= nz) continue;
      const q = a + nx * (b + ny * c);
      if (out[q] !== fill) { out[q] = fill; removed++; }
    }
  }
  return { volume: { ...volume, voxels: out }, removed };
}
