import type { Index, StoredInstance } from '../../db/dicom-index.js';
import { AtriumError } from '../../errors/atrium-error.js';

/** What a UID given on the command line names. */
export interface ResolvedUid {
  readonly level: 'STUDY' | 'SERIES' | 'IMAGE';
  readonly instances: StoredInstance[];
}

/**
 * Find what a UID names: a study, a series or an instance (tried in that order).
 * Throws ATRIUM_ERR_CLI_UNKNOWN_UID when nothing stored has it.
 */
export function resolveUid(index: Index, uid: string): ResolvedUid {
  for (const [level, key] of [['STUDY', 'StudyInstanceUID'], ['SERIES', 'SeriesInstanceUID'], ['IMAGE', 'SOPInstanceUID']] as const) {
    const instances = index.getInstances({ [key]: uid });
    if (instances.length > 0) return { level, instances };
  }
  throw new AtriumError('ATRIUM_ERR_CLI_UNKNOWN_UID', `no stored study, series or instance has the UID ${uid}`, { uid });
}
