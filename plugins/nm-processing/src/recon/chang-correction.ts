import type { JosephProjector } from './joseph-projector.js';

/**
 * First-order Chang attenuation correction factors (Chang, "A method for attenuation correction in
 * radionuclide computed tomography", IEEE TNS 1978): for each voxel, 1 / the mean over the views
 * of its transmission to the detector. The mean is taken through the projector: the back-projection
 * of ones with attenuation divided by the one without (each voxel's samples weighted as the
 * projector weights them), so C = Aᵀ1 / A_μᵀ1. Voxels no view sees get 1. Multiply an FBP
 * reconstruction by the factors.
 */
export function changFactors(projector: JosephProjector, mu: Float32Array, signal?: AbortSignal): Float32Array {
  const nz = projector.grid.slices;
  const ones = new Float32Array(projector.bins * nz).fill(1);
  const plain = new Float32Array(mu.length);
  const attenuated = new Float32Array(mu.length);
  let scratch: Float32Array | undefined;
  for (let v = 0; v < projector.views.length; v++) {
    signal?.throwIfAborted();
    projector.back(ones, v, plain);
    const n = projector.samples(v) * nz;
    if (!scratch || scratch.length < n) scratch = new Float32Array(n);
    projector.back(ones, v, attenuated, projector.transmission(mu, v, scratch.subarray(0, n)));
  }
  return plain.map((p, i) => (attenuated[i]! > 0 ? p / attenuated[i]! : 1));
}
