import { checkPlausibility } from './check-plausibility.js';
import { checkScoringInput } from './check-scoring-input.js';
import { findCandidates } from './find-candidates.js';
import { isotropicVolume } from './isotropic-volume.js';
import { linkRegions } from './link-regions.js';
import { scoreArteries } from './score-arteries.js';
import { selectSeeds } from './select-seeds.js';
import { sliceGeometry } from './slice-geometry.js';
import { splitLesions, type LabelledLesion } from './split-lesions.js';
import type { CalciumScore, Lesion2D, Region3D, ScoringParams, ScoringSlice } from './types.js';

/**
 * Agatston / volume / mass calcium scoring of a stack of slices sorted along the normal by the caller.
 * Candidates are the 2-D components ≥ threshold passing the min-area rule; exclusion seeds remove
 * what they select, artery seeds take what they select (see `selectSeeds`; rois split a region);
 * Agatston = area × weight(peak) × increment / 3, volume = area × increment ('slab') or
 * interpolated ('isotropic'), mass = calibrationFactor × Σ(volume × mean HU) / 1000.
 * Only what artery seeds selected is scored; without artery seeds the result is unverified.
 * Throws ATRIUM_ERR_CALCIUM_INPUT (empty / mismatched input, < 2 slices, zero increment),
 * ATRIUM_ERR_CALCIUM_SEED_MISS / _SEED_CONFLICT, ATRIUM_ERR_CALCIUM_IMPLAUSIBLE_REGION (with `plausibility`).
 */
export function scoreCalcium(slices: readonly ScoringSlice[], params: ScoringParams): CalciumScore {
  checkScoringInput(slices, params);
  const geometry = sliceGeometry(slices);
  const { rows, columns } = slices[0]!;
  const candidates = findCandidates(slices, params, geometry);
  const instanceNumbers = slices.map((s) => s.instanceNumber);
  const selection = selectSeeds(params.seeds, {
    geometry, slices: slices.length, rows, columns, connectivity: params.connectivity, instanceNumbers,
    isCandidate: (sliceIndex, p) => candidates.lesionAt(sliceIndex, p) >= 0,
  });
  if (params.plausibility !== undefined) {
    const [rowSpacing, columnSpacing] = slices[0]!.pixelSpacing;
    checkPlausibility(params.seeds, selection.reached, { pixelAreaMm2: rowSpacing * columnSpacing, increment: geometry.increment, instanceNumbers }, params.plausibility);
  }
  const labelled = splitLesions(slices, candidates.lesions, selection, params.seeds, { geometry, connectivity: params.connectivity, weightScale: params.weightScale ?? 1 });
  const { regions, regionOf } = labelledRegions(labelled, rows * columns);
  const volumes = lesionVolumes(slices, labelled, regionOf, regions, params, geometry.increment);
  const lesions: Lesion2D[] = labelled.map((d, i) => ({ ...d, volumeMm3: volumes[i]!, region: regionOf[i]! }));
  const withPda = params.seeds.some((s) => s.artery === 'PDA');
  const unverified = !params.seeds.some((s) => s.artery !== undefined);
  return { sliceIncrement: geometry.increment, lesions, regions, ...scoreArteries(lesions, regions, withPda, params.calibrationFactor), unverified };
}

/** 3-D regions: lesions of one label (an artery, unseeded, excluded) linked across adjacent slices; ids 1.. in order of first lesion. */
function labelledRegions(lesions: readonly LabelledLesion[], pixelsPerSlice: number): { regions: Region3D[]; regionOf: Int32Array } {
  const groups = new Map<string, number[]>();
  lesions.forEach((l, i) => {
    const key = l.excluded ? 'excluded' : l.artery ?? '';
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const regionOf = new Int32Array(lesions.length);
  const found: { first: number; members: number[] }[] = [];
  for (const indices of groups.values()) {
    const linked = linkRegions(indices.map((i) => lesions[i]!), pixelsPerSlice);
    for (const m of linked.members) found.push({ first: indices[m[0]!]!, members: m.map((k) => indices[k]!) });
  }
  found.sort((a, b) => a.first - b.first);
  const regions = found.map(({ members }, k): Region3D => {
    for (const i of members) regionOf[i] = k + 1;
    const l = lesions[members[0]!]!;
    const sliceIndices = [...new Set(members.map((i) => lesions[i]!.sliceIndex))].sort((a, b) => a - b);
    return { id: k + 1, lesions: members, sliceIndices, ...(l.artery !== undefined ? { artery: l.artery } : {}), ...(l.excluded ? { excluded: true as const } : {}) };
  });
  return { regions, regionOf };
}

/** Each lesion's volume: area × increment ('slab'), or interpolated with its region's pixels on the neighbouring slices ('isotropic'). */
function lesionVolumes(
  slices: readonly ScoringSlice[],
  lesions: readonly LabelledLesion[],
  regionOf: ArrayLike<number>,
  regions: readonly Region3D[],
  params: ScoringParams,
  increment: number,
): number[] {
  if (params.volumeMode !== 'isotropic') return lesions.map((d) => d.areaMm2 * increment);
  const neighbour = (region: number, sliceIndex: number) => {
    const s = slices[sliceIndex];
    if (s === undefined) return undefined;
    const parts = regions[region - 1]!.lesions.filter((i) => lesions[i]!.sliceIndex === sliceIndex).map((i) => lesions[i]!.pixelIndices);
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
