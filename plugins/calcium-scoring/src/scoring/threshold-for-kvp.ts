/**
 * kVp-adapted calcium thresholds (HU). Sources:
 * - 120 kVp → 130 HU: the Agatston method (Agatston et al., JACC 1990;15:827-32), defined at 130 kVp EBCT and used at 120 kVp on MDCT.
 * - 100 kVp → 147 HU: Nakazato et al., "Coronary artery calcium scoring using a reduced tube voltage and radiation dose
 *   protocol with dual-source CT", J Cardiovasc Comput Tomogr 2009;3:394-400.
 * Other tube voltages have no validated threshold in this table and get the method's 130 HU.
 */
const THRESHOLDS: ReadonlyMap<number, number> = new Map([
  [100, 147],
  [120, 130],
]);

/** Threshold (HU) for a tube voltage (kVp); 130 when the table has no entry. */
export function thresholdForKvp(kvp: number): number {
  return THRESHOLDS.get(Math.round(kvp)) ?? 130;
}
