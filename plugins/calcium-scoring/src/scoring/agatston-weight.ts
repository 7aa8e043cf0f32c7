/**
 * Agatston density weight of a lesion from its peak HU (Agatston et al., JACC 1990;15:827-32):
 * < 130 → 0 (below the 130 HU of the method), 130–199 → 1, 200–299 → 2, 300–399 → 3, ≥ 400 → 4.
 * Bands are half-open: [130, 200) → 1, so 199.9 → 1 and 200 → 2. NaN → 0.
 * `scale` multiplies every band edge (130, 200, 300, 400): a kVp-adapted threshold T scales them
 * by T / 130 (see `thresholdForKvp`), so 147 HU at 100 kVp gives 147 / 226 / 339 / 452 HU.
 */
export function agatstonWeight(peakHu: number, scale = 1): 0 | 1 | 2 | 3 | 4 {
  if (!(peakHu >= 130 * scale)) return 0;
  if (peakHu < 200 * scale) return 1;
  if (peakHu < 300 * scale) return 2;
  if (peakHu < 400 * scale) return 3;
  return 4;
}
