import type { Index, StoredInstance } from './dicom-index.js';
import { AtriumError } from '../errors/atrium-error.js';

/** What a UID given on the command line names. */
export interface ResolvedUid {
  readonly level: 'STUDY' | 'SERIES' | 'IMAGE';
  readonly instances: StoredInstance[];
}

/** What a UID names: a study, a series or an instance (tried in that order), or undefined. */
export function findUid(index: Pick<Index, 'getInstances'>, uid: string): ResolvedUid | undefined {
  for (const [level, key] of [['STUDY', 'StudyInstanceUID'], ['SERIES', 'SeriesInstanceUID'], ['IMAGE', 'SOPInstanceUID']] as const) {
    const instances = index.getInstances({ [key]: uid });
    if (instances.length > 0) return { level, instances };
  }
  return undefined;
}

/**
 * Find what a UID names: a study, a series or an instance (tried in that order).
 * Throws ATRIUM_ERR_CLI_UNKNOWN_UID when nothing stored has it.
 */
export function resolveUid(index: Pick<Index, 'getInstances'>, uid: string): ResolvedUid {
  const found = findUid(index, uid);
  if (!found) throw new AtriumError('ATRIUM_ERR_CLI_UNKNOWN_UID', `no stored study, series or instance has the UID ${uid}`, { uid });
  return found;
}
