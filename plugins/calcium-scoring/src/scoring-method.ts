import type { SourceInstance } from '@atrium/sdk';
import { calciumError } from './calcium-errors.js';
import { instanceLabel } from './instance-label.js';
import { thresholdForKvp, type MinAreaMode } from './scoring/index.js';

/** How the lesions are found and weighted. */
export interface ScoringMethod {
  /** HU. */
  readonly threshold: number;
  /** Where the threshold comes from, as printed ("kVp table: 120 kVp, Agatston ...", "threshold parameter"). */
  readonly thresholdSource: string;
  /** The Agatston band edges 200 / 300 / 400 HU multiplied by this. */
  readonly weightScale: number;
  readonly connectivity: 4 | 8;
  readonly minAreaMode: MinAreaMode;
  readonly volumeMode: 'slab' | 'isotropic';
  /** Tube voltage of the first slice. */
  readonly kvp: number | undefined;
}

/**
 * The scoring method the parameters ask for. With `kvpThreshold` (default) the threshold is the
 * kVp table's for the KVP of the slices, and the weight bands scale with it (threshold / 130);
 * a KVP the table does not have, an absent KVP or slices of different KVP are refused
 * (ATRIUM_ERR_CALCIUM_KVP, naming the instance) — the user then gives `kvpThreshold=false` and
 * a `threshold`, with the weight bands at 200 / 300 / 400 HU.
 */
export function scoringMethod(
  params: { readonly threshold: number; readonly kvpThreshold: boolean; readonly connectivity: '4' | '8'; readonly minAreaMode: MinAreaMode; readonly volumeMode: 'slab' | 'isotropic' },
  instances: readonly SourceInstance[],
): ScoringMethod {
  const first = instances[0]!;
  const kvp = first.number('KVP');
  const common = { connectivity: params.connectivity === '4' ? (4 as const) : (8 as const), minAreaMode: params.minAreaMode, volumeMode: params.volumeMode, kvp };
  if (!params.kvpThreshold) return { ...common, threshold: params.threshold, thresholdSource: 'threshold parameter', weightScale: 1 };
  const refuse = (why: string, i: number) =>
    calciumError('ATRIUM_ERR_CALCIUM_KVP', `calcium scoring refused: ${instanceLabel(instances[i]!, i)} ${why}; the kVp table has thresholds for 100 kVp (147 HU) and 120 kVp (130 HU) only. Give kvpThreshold=false and a threshold (HU) to score it`, { sopInstanceUID: instances[i]!.sopInstanceUID, kvp });
  if (kvp === undefined) throw refused('has no KVP');
  const differs = instances.findIndex((i) => i.number('KVP') !== kvp);
  if (differs >= 0) throw refuse(`has KVP ${instances[differs]!.string('KVP') ?? 'absent'}, ${instanceLabel(first, 0)} ${kvp}`, differs);
  const entry = thresholdForKvp(kvp);
  if (entry === undefined) throw refuse(`was acquired at ${kvp} kVp, which has no published calcium threshold here`, 0);
  return { ...common, threshold: entry.threshold, thresholdSource: `kVp table: ${entry.kvp} kVp, ${entry.reference}`, weightScale: entry.threshold / 130 };

  function refused(why: string) {
    return refuse(why, 0);
  }
}
