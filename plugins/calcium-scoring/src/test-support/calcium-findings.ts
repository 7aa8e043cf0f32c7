import type { CalciumFindings } from '../calcium-findings.js';
import type { CalciumScore } from '../scoring/index.js';
import { calciumSeries } from './calcium-series.js';

/** Findings of a run for the page and SR builders' tests: 120 kVp, 3 mm contiguous slices, 130 HU, scored, unverified; any part overridden. */
export function calciumFindings(score: CalciumScore, over: Partial<CalciumFindings> = {}): CalciumFindings {
  return {
    score,
    reading: { kind: score.unverified ? 'not-scored' : 'scored', verified: false, at: new Date(2024, 2, 5, 14, 30) },
    protocol: { sliceThickness: 3, increment: 3, nonStandard: [] },
    method: { threshold: 130, thresholdSource: 'kVp table: 120 kVp, Agatston et al., J Am Coll Cardiol 1990;15:827-32', weightScale: 1, connectivity: 8, minAreaMode: 'literature', volumeMode: 'slab', kvp: 120 },
    warnings: [],
    first: calciumSeries({ slices: 2 }).source.instances[0]!,
    slices: 2,
    producer: 'P',
    ...over,
  };
}
