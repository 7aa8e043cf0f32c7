import { riskCategory } from './risk-category.js';
import type { Artery, ArteryScore, CalciumScore, Lesion2D, Region3D } from './types.js';

const ARTERIES: readonly Artery[] = ['LM', 'LAD', 'LCX', 'RCA'];

/**
 * The score per artery — LM, LAD, LCX, RCA, and PDA when a seed names it: Agatston and volume
 * summed over its lesions, the number of its 3-D regions, and with a calibration factor the mass
 * (factor × Σ volume × mean HU / 1000 mg) — then the totals and the risk category of the total.
 */
export function scoreArteries(lesions: readonly Lesion2D[], regions: readonly Region3D[], withPda: boolean, calibrationFactor: number | undefined): Pick<CalciumScore, 'arteries' | 'total' | 'riskCategory'> {
  const cf = calibrationFactor;
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
  return { arteries, total, riskCategory: riskCategory(agatston) };
}
