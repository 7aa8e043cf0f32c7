import { AtriumError } from '../errors/atrium-error.js';

/**
 * The instances of another series of the input's study, for `ctx.readSeries` — one rule for every
 * host (the workstation's index, the plugin authors' kit): the value must be a Series Instance UID
 * (digits and dots, at most 64 characters once trimmed), and the series must be held in that study.
 * `find` answers the instances held with this Study and Series Instance UID.
 *
 * @throws AtriumError `ATRIUM_ERR_APP_INPUT` when the value is not a UID, or no such series is held in the study.
 */
export function findStudySeries<T>(studyInstanceUID: string, seriesInstanceUID: unknown, find: (seriesInstanceUID: string) => readonly T[]): readonly T[] {
  const uid = typeof seriesInstanceUID === 'string' ? seriesInstanceUID.trim() : '';
  if (!/^[0-9.]{1,64}$/.test(uid)) {
    throw new AtriumError('ATRIUM_ERR_APP_INPUT', `${JSON.stringify(seriesInstanceUID)} is not a Series Instance UID`, { seriesInstanceUID });
  }
  const instances = find(uid);
  if (instances.length === 0) {
    throw new AtriumError('ATRIUM_ERR_APP_INPUT', `no series ${uid} is stored in study ${studyInstanceUID}`, { seriesInstanceUID: uid, studyInstanceUID });
  }
  return instances;
}
