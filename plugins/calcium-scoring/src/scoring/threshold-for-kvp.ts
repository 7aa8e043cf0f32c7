/** A calcium threshold of the kVp table, with the publication that gives it. */
export interface KvpThreshold {
  readonly kvp: number;
  /** HU. */
  readonly threshold: number;
  readonly reference: string;
}

/**
 * kVp-adapted calcium thresholds (HU), each with its source:
 * - 120 kVp → 130 HU: the Agatston method (Agatston et al., J Am Coll Cardiol 1990;15:827-32),
 *   defined on electron-beam CT at 130 kVp and used at 120 kVp on multi-detector CT.
 * - 100 kVp → 147 HU: Nakazato et al., "Coronary artery calcium scoring using a reduced tube
 *   voltage and radiation dose protocol with dual-source computed tomography",
 *   J Cardiovasc Comput Tomogr 2009;3:394-400.
 * Other tube voltages have no threshold here: the app refuses them unless the user gives one.
 * The Agatston density bands (200 / 300 / 400 HU) are scaled by threshold / 130 with the
 * threshold (the same ratio of attenuation), see `agatstonWeight`.
 */
export const KVP_THRESHOLDS: readonly KvpThreshold[] = [
  { kvp: 100, threshold: 147, reference: 'Nakazato et al., J Cardiovasc Comput Tomogr 2009;3:394-400' },
  { kvp: 120, threshold: 130, reference: 'Agatston et al., J Am Coll Cardiol 1990;15:827-32' },
];

/** The table's entry for a tube voltage (within 1 kV), or undefined when it has none. */
export function thresholdForKvp(kvp: number): KvpThreshold | undefined {
  return KVP_THRESHOLDS.find((t) => Math.abs(t.kvp - kvp) < 1);
}
