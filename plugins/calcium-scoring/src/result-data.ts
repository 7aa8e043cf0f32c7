import type { CalciumScore } from './scoring/index.js';
import type { ScoringSlice } from './scoring/index.js';

/**
 * The JSON result of a run (pure): the method, every lesion slice (2-D lesion), the
 * slices holding lesions, per artery, totals, risk category, warnings, the unverified flag
 * and how many objects each output got. (The host adds the UIDs written.)
 */
export function resultData(
  score: CalciumScore,
  slices: readonly ScoringSlice[],
  method: Readonly<Record<string, unknown>>,
  warnings: readonly string[],
  written: Readonly<Record<string, number>>,
): Record<string, unknown> {
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  const perSlice = new Map<number, { agatston: number; volumeMm3: number; lesions: number }>();
  for (const l of score.lesions) {
    if (!score.unverified && l.artery === undefined) continue;
    const s = perSlice.get(l.sliceIndex) ?? { agatston: 0, volumeMm3: 0, lesions: 0 };
    perSlice.set(l.sliceIndex, { agatston: s.agatston + l.agatston, volumeMm3: s.volumeMm3 + l.volumeMm3, lesions: s.lesions + 1 });
  }
  return {
    unverified: score.unverified,
    method: { ...method, sliceIncrement: round(score.sliceIncrement) },
    lesions: score.lesions.map((l) => ({
      sliceIndex: l.sliceIndex,
      sopInstanceUID: l.sopInstanceUID,
      instanceNumber: slices[l.sliceIndex]?.instanceNumber,
      region: l.region,
      artery: l.artery,
      scored: !score.unverified && l.artery !== undefined,
      pixels: l.pixels,
      areaMm2: round(l.areaMm2),
      peakHu: l.peakHu,
      meanHu: round(l.meanHu),
      weight: l.weight,
      agatston: round(l.agatston),
      volumeMm3: round(l.volumeMm3),
      centroid: l.centroid.map(round),
      centroidPixel: l.centroidPixel.map(round),
    })),
    slices: [...perSlice].sort(([a], [b]) => a - b).map(([i, s]) => ({
      sliceIndex: i,
      sopInstanceUID: slices[i]?.sopInstanceUID,
      instanceNumber: slices[i]?.instanceNumber,
      agatston: round(s.agatston),
      volumeMm3: round(s.volumeMm3),
      lesions: s.lesions,
    })),
    regions: score.regions.map((r) => ({ id: r.id, artery: r.artery, sliceIndices: r.sliceIndices, lesions: r.lesions })),
    arteries: score.arteries.map((a) => ({ artery: a.artery, agatston: round(a.agatston), volumeMm3: round(a.volumeMm3), massMg: a.massMg === undefined ? undefined : round(a.massMg), lesions: a.lesions })),
    total: { agatston: round(score.total.agatston), volumeMm3: round(score.total.volumeMm3), massMg: score.total.massMg === undefined ? undefined : round(score.total.massMg), lesions: score.total.lesions },
    riskCategory: score.unverified ? undefined : score.riskCategory,
    warnings: [...warnings],
    written: { ...written },
  };
}
