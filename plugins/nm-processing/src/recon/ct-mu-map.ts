import { resampleVolume, type Volume } from '@atrium/sdk';
import { fromSdkVolume, type PlacedVolume } from './volume-layout.js';

/**
 * Ratio of the attenuation coefficient per HU above water to the one below, at 140 keV: the
 * bilinear model's bone branch. Below 0 HU tissue is water mixed with air, μ = μw (1 + HU/1000);
 * above, water mixed with cortical bone, whose μ at 140 keV is ≈ 1.84 μw (ICRU 44 cortical bone,
 * 1.92 g/cm³, μ/ρ ≈ 0.144 cm²/g, against water 0.151 cm²/g, NIST XCOM) at ≈ 1900 HU for a 120 kVp
 * CT: (1.84 − 1) / 1.9 ≈ 0.44 (the 140 keV slopes of Brown et al., "Investigation of the
 * relationship between linear attenuation coefficients and CT Hounsfield units using radionuclides
 * for SPECT", Appl Radiat Isot 2008, are of this size).
 */
export const BONE_SLOPE_RATIO = 0.44;

/**
 * The linear attenuation coefficient of a CT number, bilinear (Blankespoor et al., IEEE TNS 1996;
 * Kinahan et al., Med Phys 1998), scaled so that water (0 HU) is `muWater`: air −1000 HU → 0,
 * μw (1 + HU/1000) up to 0 HU, μw (1 + 0.44 HU/1000) above ({@link BONE_SLOPE_RATIO}, for 140 keV).
 * Never negative.
 */
export function huToMu(hu: number, muWater: number): number {
  if (hu <= 0) return Math.max(0, muWater * (1 + hu / 1000));
  return muWater * (1 + (BONE_SLOPE_RATIO * hu) / 1000);
}

/**
 * An attenuation map on the SPECT grid from a CT volume (HU) in the same Frame of Reference: HU → μ
 * (per mm, {@link huToMu}), averaged over blocks of CT voxels about one SPECT voxel in size (so that
 * fine CT detail is averaged, not sampled), resampled trilinearly onto the SPECT grid (air outside
 * the CT), and given per SPECT pixel of path (μ × transaxial pixel size). The SDK's resampler
 * refuses a CT in another Frame of Reference (ATRIUM_ERR_VOLUME_RESAMPLE).
 */
export function ctMuMap(ct: Volume, spect: Omit<PlacedVolume, 'data'>, muWaterPerMm: number, signal?: AbortSignal): Float32Array {
  const factors = [0, 1, 2].map((a) => Math.max(1, Math.floor(spect.spacing[a]! / ct.spacing[a]!))) as [number, number, number];
  const averaged = blockAverage(ct, factors, (hu) => huToMu(hu, muWaterPerMm));
  const resampled = resampleVolume(averaged, {
    dimensions: [spect.columns, spect.rows, spect.slices],
    spacing: spect.spacing,
    origin: spect.origin,
    direction: spect.direction,
    frameOfReferenceUID: spect.frameOfReferenceUID,
  }, { interpolation: 'trilinear', fill: 0, ...(signal ? { signal } : {}) });
  return fromSdkVolume(resampled).data.map((m) => m * spect.spacing[0]!);
}

/**
 * The volume with `map` applied to each voxel and averaged over blocks of f0 × f1 × f2 voxels (the
 * last, partial blocks average what they have); the grid's first voxel centre moves to the centre of
 * the first block.
 */
function blockAverage(v: Volume, f: readonly [number, number, number], map: (x: number) => number): Volume {
  const [nx, ny, nz] = v.dimensions;
  const [mx, my, mz] = [Math.ceil(nx / f[0]), Math.ceil(ny / f[1]), Math.ceil(nz / f[2])];
  const sum = new Float64Array(mx * my * mz);
  const count = new Uint32Array(mx * my * mz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const b = Math.floor(i / f[0]) + mx * (Math.floor(j / f[1]) + my * Math.floor(k / f[2]));
    sum[b] = sum[b]! + map(v.voxels[i + nx * (j + ny * k)]!);
    count[b] = count[b]! + 1;
  }
  const shift = [0, 1, 2].map((a) => ((Math.min(f[a]!, v.dimensions[a]!) - 1) / 2) * v.spacing[a]!);
  const origin = [0, 1, 2].map((c) => v.origin[c]! + v.direction[0][c]! * shift[0]! + v.direction[1][c]! * shift[1]! + v.direction[2][c]! * shift[2]!) as [number, number, number];
  return {
    ...v,
    dimensions: [mx, my, mz],
    spacing: [v.spacing[0] * f[0], v.spacing[1] * f[1], v.spacing[2] * f[2]],
    origin,
    voxels: Float32Array.from(sum, (s, i) => s / count[i]!),
    unit: '1/mm',
    sliceSources: undefined,
  };
}
