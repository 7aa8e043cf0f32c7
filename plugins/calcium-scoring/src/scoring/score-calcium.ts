import { calciumErrors } from '../calcium-errors.js';
import { agatstonWeight } from './agatston-weight.js';
import { assignSeeds } from './assign-seeds.js';
import { connectedComponents } from './connected-components.js';
import { isotropicVolume } from './isotropic-volume.js';
import { linkRegions } from './link-regions.js';
import { passesMinArea } from './min-area.js';
import { riskCategory } from './risk-category.js';
import { sliceGeometry } from './slice-geometry.js';
import type { Artery, ArteryScore, CalciumScore, Lesion2D, Region3D, ScoringParams, ScoringSlice } from './types.js';

type Draft = Omit<Lesion2D, 'region' | 'artery' | 'volumeMm3'>;

const ARTERIES: readonly Artery[] = ['LM', 'LAD', 'LCX', 'RCA'];

function checkInput(slices: readonly ScoringSlice[], params: ScoringParams): void {
  const fail = (message: string, details: Record<string, unknown> = {}): never => {
    throw calciumErrors.error('ATRIUM_ERR_CALCIUM_INPUT', message, details);
  };
  const first = slices[0];
  if (first === undefined) fail('calcium scoring needs slices; none were given');
  slices.forEach((s, i) => {
    if (s.rows !== first!.rows || s.columns !== first!.columns) {
      fail(`slice ${i} (${s.sopInstanceUID}) is ${s.rows}×${s.columns}, slice 0 is ${first!.rows}×${first!.columns}`, { sliceIndex: i });
    }
    if (s.hu.length !== s.rows * s.columns) fail(`slice ${i} (${s.sopInstanceUID}) has ${s.hu.length} values, expected ${s.rows * s.columns}`, { sliceIndex: i });
    if (!(s.pixelSpacing[0] > 0 && s.pixelSpacing[1] > 0)) fail(`slice ${i} (${s.sopInstanceUID}) has pixel spacing [${s.pixelSpacing.join(', ')}]`, { sliceIndex: i });
  });
  if (!Number.isFinite(params.threshold)) fail(`threshold ${params.threshold} is not a number of HU`);
  if (params.connectivity !== 4 && params.connectivity !== 8) fail(`connectivity ${String(params.connectivity)} is neither 4 nor 8`);
  if (params.calibrationFactor !== undefined && !Number.isFinite(params.calibrationFactor)) fail(`calibration factor ${params.calibrationFactor} is not a number`);
}

/**
 * Agatston / volume / mass calcium scoring of a stack of slices sorted along the normal by the caller.
 * Candidates are the 2-D components ≥ threshold passing the min-area rule; Agatston = area × weight(peak) × increment / 3,
 * volume = area × increment ('slab') or interpolated ('isotropic'), mass = calibrationFactor × Σ(volume × mean HU) / 1000.
 * Each seed selects the 3-D region containing it; only seeded regions are scored. Without seeds the result is unverified.
 * Throws ATRIUM_ERR_CALCIUM_INPUT (empty / mismatched input, < 2 slices, zero increment) and ATRIUM_ERR_CALCIUM_SEED_MISS.
 */
export function scoreCalcium(slices: readonly ScoringSlice[], params: ScoringParams): CalciumScore {
  checkInput(slices, params);
  const geometry = sliceGeometry(slices);
  const increment = geometry.increment;
  const { rows, columns } = slices[0]!;
  const n = rows * columns;
  const mask = new Uint8Array(n);
  const drafts: Draft[] = [];
  const lesionAtLabel: Int32Array[] = [];
  const labelMaps: (Int32Array | undefined)[] = [];

  slices.forEach((slice, sliceIndex) => {
    const { hu } = slice;
    const threshold = params.threshold;
    const foreground: number[] = [];
    for (let p = 0; p < n; p++) if (hu[p]! >= threshold) foreground.push(p);
    if (foreground.length === 0) return;
    for (const p of foreground) mask[p] = 1;
    const comps = connectedComponents(mask, rows, columns, params.connectivity, foreground);
    for (const p of foreground) mask[p] = 0;
    const toLesion = new Int32Array(comps.count + 1).fill(-1);
    const pixelArea = slice.pixelSpacing[0] * slice.pixelSpacing[1];
    comps.pixels.forEach((pixelIndices, k) => {
      const areaMm2 = pixelIndices.length * pixelArea;
      if (!passesMinArea(params.minAreaMode, pixelIndices.length, areaMm2)) return;
      let peakHu = -Infinity;
      let sum = 0;
      let sumRow = 0;
      let sumColumn = 0;
      for (const p of pixelIndices) {
        const v = hu[p]!;
        if (v > peakHu) peakHu = v;
        sum += v;
        const r = (p / columns) | 0;
        sumRow += r;
        sumColumn += p - r * columns;
      }
      const weight = Math.max(1, agatstonWeight(peakHu)) as 1 | 2 | 3 | 4;
      const centroidPixel: [number, number] = [sumRow / pixelIndices.length, sumColumn / pixelIndices.length];
      toLesion[k + 1] = drafts.length;
      drafts.push({
        sliceIndex, sopInstanceUID: slice.sopInstanceUID, pixels: pixelIndices.length, areaMm2, peakHu,
        meanHu: sum / pixelIndices.length, weight, agatston: (areaMm2 * weight * increment) / 3,
        centroid: geometry.toPatient(sliceIndex, centroidPixel[0], centroidPixel[1]), centroidPixel, pixelIndices,
      });
    });
    labelMaps[sliceIndex] = comps.labels;
    lesionAtLabel[sliceIndex] = toLesion;
  });

  const { regionOf, members } = linkRegions(drafts, n);
  const seeded = assignSeeds(params.seeds, {
    geometry, rows, columns,
    instanceNumbers: slices.map((s) => s.instanceNumber),
    regionAt(sliceIndex, p) {
      const label = labelMaps[sliceIndex]?.[p] ?? 0;
      const lesion = label > 0 ? lesionAtLabel[sliceIndex]![label]! : -1;
      return lesion >= 0 ? regionOf[lesion] : undefined;
    },
  });

  const regionPixelsOn = (region: number, sliceIndex: number): Int32Array[] =>
    members[region - 1]!.filter((i) => drafts[i]!.sliceIndex === sliceIndex).map((i) => drafts[i]!.pixelIndices);
  const neighbour = (region: number, sliceIndex: number) => {
    const s = slices[sliceIndex];
    if (s === undefined) return undefined;
    const parts = regionPixelsOn(region, sliceIndex);
    const pixels = new Int32Array(parts.reduce((a, p) => a + p.length, 0));
    parts.reduce((offset, p) => (pixels.set(p, offset), offset + p.length), 0);
    return { hu: s.hu, pixels };
  };

  const lesions: Lesion2D[] = drafts.map((d, i) => {
    const region = regionOf[i]!;
    const artery = seeded.get(region)?.artery;
    const slice = slices[d.sliceIndex]!;
    const volumeMm3 = params.volumeMode === 'isotropic'
      ? isotropicVolume({
          hu: slice.hu, pixels: d.pixelIndices, threshold: params.threshold, pixelSpacing: slice.pixelSpacing, increment,
          previous: neighbour(region, d.sliceIndex - 1), next: neighbour(region, d.sliceIndex + 1),
        })
      : d.areaMm2 * increment;
    return { ...d, volumeMm3, region, ...(artery !== undefined ? { artery } : {}) };
  });

  const regions: Region3D[] = members.map((m, k) => {
    const artery = seeded.get(k + 1)?.artery;
    const sliceIndices = [...new Set(m.map((i) => drafts[i]!.sliceIndex))].sort((a, b) => a - b);
    return { id: k + 1, lesions: m, sliceIndices, ...(artery !== undefined ? { artery } : {}) };
  });

  const withPda = params.seeds.some((s) => s.artery === 'PDA');
  const cf = params.calibrationFactor;
  const arteries: ArteryScore[] = [...ARTERIES, ...(withPda ? (['PDA'] as const) : [])].map((artery) => {
    const mine = lesions.filter((l) => l.artery === artery);
    const agatston = mine.reduce((a, l) => a + l.agatston, 0);
    const volumeMm3 = mine.reduce((a, l) => a + l.volumeMm3, 0);
    const count = regions.filter((r) => r.artery === artery).length;
    const massMg = cf === undefined ? undefined : (cf * mine.reduce((a, l) => a + l.volumeMm3 * l.meanHu, 0)) / 1000;
    return { artery, agatston, volumeMm3, ...(massMg !== undefined ? { massMg } : {}), lesions: count };
  });
  const sum = (f: (a: ArteryScore) => number): number => arteries.reduce((a, s) => a + f(s), 0);
  const agatston = sum((a) => a.agatston);
  const total = {
    agatston,
    volumeMm3: sum((a) => a.volumeMm3),
    ...(cf !== undefined ? { massMg: sum((a) => a.massMg ?? 0) } : {}),
    lesions: sum((a) => a.lesions),
  };
  return { sliceIncrement: increment, lesions, regions, arteries, total, riskCategory: riskCategory(agatston), unverified: params.seeds.length === 0 };
}
