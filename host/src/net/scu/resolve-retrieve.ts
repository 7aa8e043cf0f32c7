import { AtriumError } from '../../errors/atrium-error.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { findOn } from './find-scu.js';
import type { QueryRequest } from './query-scu.js';

/**
 * What a bare UID names at a remote Q/R SCP, found by C-FIND (Study Root): a study, a
 * series (with its study) or an instance (with its series and study) — the Identifier a
 * hierarchical C-MOVE/C-GET needs (PS3.4 §C.4.2.2.1: the unique keys of the levels above).
 * @throws AtriumError `ATRIUM_ERR_NET_UNKNOWN_UID` when the peer has nothing with that UID.
 */
export async function resolveRetrieve(connection: DimseConnection, uid: string): Promise<QueryRequest> {
  const study = await findOn(connection, { level: 'STUDY', keys: { StudyInstanceUID: uid } }, 1);
  if (study.matches.length > 0) return { level: 'STUDY', keys: { StudyInstanceUID: uid } };
  const series = await findOn(connection, { level: 'SERIES', keys: { SeriesInstanceUID: uid, StudyInstanceUID: '' } }, 1);
  const s = series.matches[0];
  if (s?.StudyInstanceUID) return { level: 'SERIES', keys: { StudyInstanceUID: s.StudyInstanceUID, SeriesInstanceUID: uid } };
  const image = await findOn(connection, { level: 'IMAGE', keys: { SOPInstanceUID: uid, SeriesInstanceUID: '', StudyInstanceUID: '' } }, 1);
  const i = image.matches[0];
  if (i?.StudyInstanceUID && i.SeriesInstanceUID) return { level: 'IMAGE', keys: { StudyInstanceUID: i.StudyInstanceUID, SeriesInstanceUID: i.SeriesInstanceUID, SOPInstanceUID: uid } };
  throw new AtriumError('ATRIUM_ERR_NET_UNKNOWN_UID', `${connection.association.calledAeTitle} has no study, series or instance with UID ${uid} (C-FIND, Study Root)`, { uid });
}
