import type { SourceInstance, SourceSeries } from '@atrium/sdk';
import { calciumError } from './calcium-errors.js';
import { instanceLabel } from './instance-label.js';
import { connectedComponents, type ScoringSlice } from './scoring/index.js';

/** Contrast/Bolus Agent values that say no contrast was given. */
const NO_AGENT = /^(none|no|n\/a|na|no contrast|non[- ]?contrast|without contrast|-+)?$/i;

/**
 * The blood pool rule (a heuristic, documented in the conformance statement): unenhanced blood
 * is about 40 HU, so a large uniform region at or over the calcium threshold is iodine, not
 * calcium — a 2-D region of pixels between the threshold and {@link BLOOD_POOL.maxHu} of at
 * least `minAreaMm2` (a disc of 20 mm: the ascending aorta is wider), uniform (standard
 * deviation at most `maxSdHu`: bone is not) and compact (at least half the disc of its
 * farthest pixel).
 */
export const BLOOD_POOL = { maxHu: 600, minAreaMm2: 300, maxSdHu: 60, minCompactness: 0.5 } as const;

/**
 * Refuse contrast-enhanced input (at 130 HU iodine counts as calcium): a slice naming a
 * Contrast/Bolus Agent (other than "NONE" and the like) or carrying a Contrast/Bolus Agent
 * Sequence item. Throws ATRIUM_ERR_CALCIUM_CONTRAST naming the instance and the value.
 */
export function checkContrastAttributes(input: SourceSeries): void {
  input.instances.forEach((instance, i) => {
    const agent = instance.string('ContrastBolusAgent')?.trim() ?? '';
    const items = instance.attribute('ContrastBolusAgentSequence');
    if (NO_AGENT.test(agent) && !(Array.isArray(items) && items.length > 0)) return;
    throw contrastError(instance, i, `names a Contrast/Bolus Agent (${agent === '' ? 'Contrast/Bolus Agent Sequence' : `"${agent}"`})`);
  });
}

/**
 * Refuse a series with a blood pool above the threshold ({@link BLOOD_POOL}), looking at every
 * third slice. Throws ATRIUM_ERR_CALCIUM_CONTRAST naming the instance, the region's area and mean HU.
 */
export function checkBloodPool(input: SourceSeries, slices: readonly ScoringSlice[], threshold: number): void {
  for (let i = 0; i < slices.length; i += 3) {
    const s = slices[i]!;
    const pool = bloodPool(s, threshold);
    if (pool !== undefined) {
      throw contrastError(input.instances[i]!, i, `has a uniform region of ${Math.round(pool.areaMm2)} mm² at mean ${Math.round(pool.meanHu)} HU (SD ${Math.round(pool.sdHu)}) around row ${Math.round(pool.row)}, column ${Math.round(pool.column)}: a blood pool above the ${threshold} HU threshold, so iodine`);
    }
  }
}

function contrastError(instance: SourceInstance, i: number, what: string) {
  return calciumError('ATRIUM_ERR_CALCIUM_CONTRAST', `calcium scoring refused: ${instanceLabel(instance, i)} ${what}; the calcium threshold would count contrast as calcium. Score a non-contrast series, or give allowContrast=true to score it anyway`, { sopInstanceUID: instance.sopInstanceUID });
}

/** The first blood-pool-like region of a slice, or undefined. */
function bloodPool(s: ScoringSlice, threshold: number): { areaMm2: number; meanHu: number; sdHu: number; row: number; column: number } | undefined {
  const foreground: number[] = [];
  for (let p = 0; p < s.hu.length; p++) {
    const v = s.hu[p]!;
    if (v >= threshold && v < BLOOD_POOL.maxHu) foreground.push(p);
  }
  const pixelArea = s.pixelSpacing[0] * s.pixelSpacing[1];
  if (foreground.length * pixelArea < BLOOD_POOL.minAreaMm2) return undefined;
  const mask = new Uint8Array(s.rows * s.columns);
  for (const p of foreground) mask[p] = 1;
  const comps = connectedComponents(mask, s.rows, s.columns, 8, foreground);
  for (const pixels of comps.pixels) {
    const areaMm2 = pixels.length * pixelArea;
    if (areaMm2 < BLOOD_POOL.minAreaMm2) continue;
    let sum = 0;
    let sum2 = 0;
    let sr = 0;
    let sc = 0;
    for (const p of pixels) {
      const v = s.hu[p]!;
      sum += v;
      sum2 += v * v;
      sr += Math.floor(p / s.columns);
      sc += p % s.columns;
    }
    const n = pixels.length;
    const [row, column] = [sr / n, sc / n];
    let far = 0;
    for (const p of pixels) far = Math.max(far, ((Math.floor(p / s.columns) - row) * s.pixelSpacing[0]) ** 2 + ((p % s.columns - column) * s.pixelSpacing[1]) ** 2);
    const meanHu = sum / n;
    const sdHu = Math.sqrt(Math.max(0, sum2 / n - meanHu * meanHu));
    if (sdHu <= BLOOD_POOL.maxSdHu && areaMm2 / (Math.PI * far) >= BLOOD_POOL.minCompactness) return { areaMm2, meanHu, sdHu, row, column };
  }
  return undefined;
}
