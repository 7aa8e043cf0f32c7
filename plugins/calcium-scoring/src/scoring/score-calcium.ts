import { assignSeeds } from './assign-seeds.js';
import { checkScoringInput } from './check-scoring-input.js';
import { findCandidates, type CandidateLesion } from './find-candidates.js';
import { isotropicVolume } from './isotropic-volume.js';
import { linkRegions } from './link-regions.js';
import { scoreArteries } from './score-arteries.js';
import { sliceGeometry } from './slice-geometry.js';
import type { CalciumScore, Lesion2D, Region3D, ScoringParams, ScoringSlice } from './types.js';

/**
 * Agatston / volume / mass calcium scoring of a stack of slices sorted along the normal by the caller.
 * Candidates are the 2-D components ≥ threshold passing the min-area rule; Agatston = area × weight(peak) × increment / 3,
 * volume = area × increment ('slab') or interpolated ('isotropic'), mass = calibrationFactor × Σ(volume × mean HU) / 1000.
 * Each seed selects the 3-D region containing it; only seeded regions are scored. Without seeds the result is unverified.
 * Throws ATRIUM_ERR_CALCIUM_INPUT (empty / mismatched input, < 2 slices, zero increment) and ATRIUM_ERR_CALCIUM_SEED_MISS.
 */
export function scoreCalcium(slices: readonly ScoringSlice[], params: ScoringParams): CalciumScore {
  checkScoringInput(slices, params);
  const geometry = sliceGeometry(slices);
  const { rows, columns } = slices[0]!;
  const candidates = findCandidates(slices, params, geometry);
  const { regionOf, members } = linkRegions(candidates.lesions, rows * columns);
  const seeded = assignSeeds(params.seeds, {
    geometry, rows, columns,
    instanceNumbers: slices.map((s) => s.instanceNumber),
    regionAt(sliceIndex, p) {
      const lesion = candidates.lesionAt(sliceIndex, p);
      return lesion >= 0 ? regionOf[lesion] : undefined;
    },
  });
  const volumes = lesionVolumes(slices, candidates.lesions, regionOf, members, params, geometry.increment);
  const lesions: Lesion2D[] = candidates.lesions.map((d, i) => {
    const region = regionOf[i]!;
    const artery = seeded.get(region)?.artery;
    return { ...d, volumeMm3: volumes[i]!, region, ...(artery !== undefined ? { artery } : {}) };
  });
  const regions: Region3D[] = members.map((m, k) => {
    const artery = seeded.get(k + 1)?.artery;
    const sliceIndices = [...new Set(m.map((i) => candidates.lesions[i]!.sliceIndex))].sort((a, b) => a - b);
    return { id: k + 1, lesions: m, sliceIndices, ...(artery !== undefined ? { artery } : {}) };
  });
  const withPda = params.seeds.some((s) => s.artery === 'PDA');
  return { sliceIncrement: geometry.increment, lesions, regions, ...scoreArteries(lesions, regions, withPda, params.calibrationFactor), unverified: params.seeds.length === 0 };
}

/** Each candidate's volume: area × increment ('slab'), or interpolated with its region's pixels on the neighbouring slices ('isotropic'). */
function lesionVolumes(
  slices: readonly ScoringSlice[],
  lesions: readonly CandidateLesion[],
  regionOf: ArrayLike<number>,
  members: readonly (readonly number[])[],
  params: ScoringParams,
  increment: number,
): number[] {
  if (params.volumeMode !== 'isotropic') return lesions.map((d) => d.areaMm2 * increment);
  const neighbour = (region: number, sliceIndex: number) => {
    const s = slices[sliceIndex];
    if (s === undefined) return undefined;
    const parts = members[region - 1]!.filter((i) => lesions[i]!.sliceIndex === sliceIndex).map((i) => lesions[i]!.pixelIndices);
    const pixels = new Int32Array(parts.reduce((a, p) => a + p.length, 0));
    parts.reduce((offset, p) => (pixels.set(p, offset), offset + p.length), 0);
    return { hu: s.hu, pixels };
  };
  return lesions.map((d, i) => {
    const region = regionOf[i]!;
    const slice = slices[d.sliceIndex]!;
    return isotropicVolume({
      hu: slice.hu, pixels: d.pixelIndices, threshold: params.threshold, pixelSpacing: slice.pixelSpacing, increment,
      previous: neighbour(region, d.sliceIndex - 1), next: neighbour(region, d.sliceIndex + 1),
    });
  });
}
