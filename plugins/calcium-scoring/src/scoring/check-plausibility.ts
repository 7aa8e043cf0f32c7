import { calciumError } from '../calcium-errors.js';
import { describeSeed } from './select-seeds.js';
import type { PlausibilityLimits, Seed } from './types.js';

/**
 * Default size limits of a seeded coronary lesion (our choice, documented in the conformance
 * statement and the README; not limits a publication gives). The widest coronary lumen, the
 * left main, is about 4.5 mm across (Dodge et al., Circulation 1992;86:232-46); calcium in its
 * wall, with blooming, spans a few mm more. 200 mm² on one slice is a calcified segment of that
 * width lying 30 mm or more in the slice plane, and 60 mm along the normal is 20 slices of 3 mm:
 * larger regions are bone (sternum, spine), valve or aortic calcification, or contrast. Both are
 * parameters (maxLesionAreaMm2, maxLesionExtentMm); allowImplausibleRegions accepts any size.
 */
export const DEFAULT_PLAUSIBILITY: PlausibilityLimits = { maxAreaMm2: 200, maxExtentMm: 60 };

/**
 * Refuse an artery seed whose selection cannot be a coronary lesion: larger than
 * `limits.maxAreaMm2` on one slice, or spanning more than `limits.maxExtentMm` along the normal
 * (slices × increment). Throws SdkError ATRIUM_ERR_CALCIUM_IMPLAUSIBLE_REGION naming the seed,
 * the region's size (largest area, slices, extent, the instance of its largest slice) and the limit.
 */
export function checkPlausibility(
  seeds: readonly Seed[],
  reached: readonly ReadonlyMap<number, number>[],
  sizes: { readonly pixelAreaMm2: number; readonly increment: number; readonly instanceNumbers: readonly (number | undefined)[] },
  limits: PlausibilityLimits,
): void {
  seeds.forEach((seed, i) => {
    if (seed.exclude) return;
    const perSlice = [...reached[i]!];
    if (perSlice.length === 0) return;
    const [largest, pixels] = perSlice.reduce((a, b) => (b[1] > a[1] ? b : a));
    const areaMm2 = pixels * sizes.pixelAreaMm2;
    const extentMm = perSlice.length * sizes.increment;
    const too = [
      ...(areaMm2 > limits.maxAreaMm2 ? [`${fmt(areaMm2)} mm² on one slice (limit ${fmt(limits.maxAreaMm2)} mm², parameter maxLesionAreaMm2)`] : []),
      ...(extentMm > limits.maxExtentMm + 1e-6 ? [`${fmt(extentMm)} mm along the slices (${perSlice.length} slices; limit ${fmt(limits.maxExtentMm)} mm, parameter maxLesionExtentMm)`] : []),
    ];
    if (too.length === 0) return;
    throw calciumError(
      'ATRIUM_ERR_CALCIUM_IMPLAUSIBLE_REGION',
      `seed ${i + 1} (${describeSeed(seed)}) selects a region that cannot be a coronary lesion: ${too.join('; ')}; largest on instance ${sizes.instanceNumbers[largest] ?? '-'}. `
        + 'Place the seed on the coronary calcium, bound it with a roi, or give allowImplausibleRegions=true to score it anyway',
      { seed: i + 1, artery: seed.artery, areaMm2, slices: perSlice.length, extentMm },
    );
  });
}

const fmt = (v: number): string => String(Number(v.toFixed(1)));
