import { isScored, type CalciumFindings } from './calcium-findings.js';
import { cacDrs, type ScoringSlice } from './scoring/index.js';

/**
 * The JSON result of a run (pure): the method and protocol, every lesion slice (2-D lesion:
 * scored, unseeded candidate or excluded), the slices holding scored lesions, per artery,
 * totals, risk and CAC-DRS categories, the reading (scored / no-calcium / not-scored, verified,
 * reader), warnings and how many objects each output got (the host adds the UIDs written).
 * Not scored: no arteries, no total, no categories — never zeros.
 */
export function resultData(f: CalciumFindings, slices: readonly ScoringSlice[], extra: Readonly<Record<string, unknown>>, written: Readonly<Record<string, number>>): Record<string, unknown> {
  const { score } = f;
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  const scored = isScored(f);
  const perSlice = new Map<number, { agatston: number; volumeMm3: number; lesions: number }>();
  for (const l of score.lesions) {
    if (l.artery === undefined) continue;
    const s = perSlice.get(l.sliceIndex) ?? { agatston: 0, volumeMm3: 0, lesions: 0 };
    perSlice.set(l.sliceIndex, { agatston: s.agatston + l.agatston, volumeMm3: s.volumeMm3 + l.volumeMm3, lesions: s.lesions + 1 });
  }
  const mass = (m: number | undefined) => (m === undefined ? {} : { massMg: round(m) });
  return {
    scored,
    unverified: !f.reading.verified,
    reading: { kind: f.reading.kind, verified: f.reading.verified, ...(f.reading.reader ? { reader: f.reading.reader } : {}) },
    method: {
      threshold: f.method.threshold, thresholdSource: f.method.thresholdSource, weightScale: round(f.method.weightScale), kvp: f.method.kvp,
      connectivity: f.method.connectivity, minAreaMode: f.method.minAreaMode, volumeMode: f.method.volumeMode,
      calibrationFactor: f.calibration === undefined ? undefined : round(f.calibration.factor), calibrationSource: f.calibration?.source,
      sliceIncrement: round(score.sliceIncrement), ...extra,
    },
    protocol: { sliceThickness: f.protocol.sliceThickness, increment: round(f.protocol.increment), nonStandard: [...f.protocol.nonStandard] },
    lesions: score.lesions.map((l) => ({
      sliceIndex: l.sliceIndex,
      sopInstanceUID: l.sopInstanceUID,
      instanceNumber: slices[l.sliceIndex]?.instanceNumber,
      region: l.region,
      artery: l.artery,
      scored: l.artery !== undefined,
      ...(l.excluded ? { excluded: true } : {}),
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
      sliceIndex: i, sopInstanceUID: slices[i]?.sopInstanceUID, instanceNumber: slices[i]?.instanceNumber, agatston: round(s.agatston), volumeMm3: round(s.volumeMm3), lesions: s.lesions,
    })),
    regions: score.regions.map((r) => ({ id: r.id, artery: r.artery, ...(r.excluded ? { excluded: true } : {}), sliceIndices: r.sliceIndices, lesions: r.lesions })),
    ...(scored
      ? {
          arteries: score.arteries.map((a) => ({ artery: a.artery, agatston: round(a.agatston), volumeMm3: round(a.volumeMm3), ...mass(a.massMg), lesions: a.lesions })),
          total: { agatston: round(score.total.agatston), volumeMm3: round(score.total.volumeMm3), ...mass(score.total.massMg), lesions: score.total.lesions },
          riskCategory: score.riskCategory,
          cacDrs: cacDrs(score.total.agatston, score.arteries),
        }
      : { arteries: [] }),
    warnings: [...f.warnings],
    written: { ...written },
  };
}
