import type { ArteryScore } from './types.js';

/**
 * The CAC-DRS category of a scored study (Hecht et al., "CAC-DRS: Coronary Artery Calcium Data
 * and Reporting System. An expert consensus document of the Society of Cardiovascular Computed
 * Tomography (SCCT)", J Cardiovasc Comput Tomogr 2018;12:185-91): Agatston 0 → "CAC-DRS 0";
 * otherwise A1 (1–99), A2 (100–299), A3 (≥ 300) with N, the number of vessels with calcium —
 * LM, LAD, LCX, RCA; a PDA lesion counts for the RCA (right dominance assumed) — e.g. "CAC-DRS A2/N3".
 * Non-integer totals fall in the half-open bands: (0, 100) → A1, [100, 300) → A2.
 */
export function cacDrs(total: number, arteries: readonly ArteryScore[]): string {
  if (!(total > 0)) return 'CAC-DRS 0';
  const a = total < 100 ? 1 : total < 300 ? 2 : 3;
  const has = (name: string): boolean => arteries.some((s) => s.artery === name && s.agatston > 0);
  const vessels = ['LM', 'LAD', 'LCX'].filter(has).length + (has('RCA') || has('PDA') ? 1 : 0);
  return `CAC-DRS A${a}/N${vessels}`;
}
