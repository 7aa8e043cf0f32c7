/** One neighbouring slice as seen by {@link isotropicVolume}. */
export interface VolumeNeighbour {
  readonly hu: ArrayLike<number>;
  /** Pixels of the same 3-D region on that slice (may be empty). */
  readonly pixels: Int32Array;
}

/** Inputs of {@link isotropicVolume}: one 2-D lesion, its slice and its neighbours along the stack. */
export interface IsotropicVolumeInput {
  readonly hu: ArrayLike<number>;
  readonly pixels: Int32Array;
  readonly previous?: VolumeNeighbour;
  readonly next?: VolumeNeighbour;
  readonly threshold: number;
  readonly pixelSpacing: readonly [number, number];
  readonly increment: number;
}

/**
 * Volume (mm³) of a lesion's slab [−increment/2, +increment/2] resampled to near-isotropic sub-planes
 * (n = round(increment / min pixel spacing), at least 1): each sub-plane at fraction w of the way to the neighbouring
 * slice has HU = (1 − w)·HU(this) + w·HU(neighbour) and counts the pixels ≥ threshold among the lesion's pixels and the
 * region's pixels on that neighbour. Without a neighbour the slice's own values extend the slab.
 * A region of constant HU ≥ threshold through the stack gives exactly area × increment per slice.
 */
export function isotropicVolume(input: IsotropicVolumeInput): number {
  const { hu, pixels, threshold, pixelSpacing, increment } = input;
  const n = Math.max(1, Math.round(increment / Math.min(pixelSpacing[0], pixelSpacing[1])));
  const pixelArea = pixelSpacing[0] * pixelSpacing[1];
  let voxels = 0;
  for (let k = 0; k < n; k++) {
    const t = (k + 0.5) / n - 0.5;
    const neighbour = t < 0 ? input.previous : input.next;
    const w = neighbour === undefined ? 0 : Math.abs(t);
    const other = neighbour?.hu;
    const counted = new Set<number>();
    const visit = (p: number): void => {
      if (counted.has(p)) return;
      const value = (1 - w) * (hu[p] ?? -Infinity) + (other === undefined ? 0 : w * (other[p] ?? -Infinity));
      if (value >= threshold) counted.add(p);
    };
    for (const p of pixels) visit(p);
    if (neighbour !== undefined && w > 0) for (const p of neighbour.pixels) visit(p);
    voxels += counted.size;
  }
  return voxels * pixelArea * (increment / n);
}
