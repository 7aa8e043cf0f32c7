import type { RiskCategory } from './types.js';

/**
 * Risk category of a total Agatston score (Rumberger et al., Mayo Clin Proc 1999): 0, 1–10, 11–100, 101–400, > 400.
 * Non-integer totals fall in the half-open intervals (0, 10], (10, 100], (100, 400], (400, ∞): any calcium is not '0'.
 */
export function riskCategory(total: number): RiskCategory {
  if (!(total > 0)) return '0';
  if (total <= 10) return '1-10';
  if (total <= 100) return '11-100';
  if (total <= 400) return '101-400';
  return '>400';
}
