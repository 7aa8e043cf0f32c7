/**
 * Agatston density weight of a lesion from its peak HU (Agatston et al., JACC 1990;15:827-32):
 * < 130 → 0 (below the 130 HU of the method), 130–199 → 1, 200–299 → 2, 300–399 → 3, ≥ 400 → 4.
 * Bands are half-open: [130, 200) → 1, so 199.9 → 1 and 200 → 2. NaN → 0.
 */
export function agatstonWeight(peakHu: number): 0 | 1 | 2 | 3 | 4 {
  if (!(peakHu >= 130)) return 0;
  if (peakHu < 200) return 1;
  if (peakHu < 300) return 2;
  if (peakHu < 400) return 3;
  return 4;
}
