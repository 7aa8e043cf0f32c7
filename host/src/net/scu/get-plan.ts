import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { findOn } from './find-scu.js';
import { openScu, type RemotePeer, type ScuSettings } from './open-scu.js';
import { qrContext, type QueryRequest } from './query-scu.js';
import { resolveRetrieve } from './resolve-retrieve.js';

/** An instance a C-GET is to bring, as an image-level C-FIND lists it. */
export interface InstanceRef {
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
  readonly SOPInstanceUID: string;
  /** Empty when the peer does not return it. */
  readonly SOPClassUID: string;
}

/** What a C-GET SCU learns before it proposes its storage contexts. */
export interface GetPlan {
  /** The storage SOP classes to propose; undefined when the peer tells none. */
  readonly classes?: readonly string[];
  /** The instances, when an image-level C-FIND listed them. */
  readonly instances?: readonly InstanceRef[];
}

const values = (list: string | undefined): string[] => (list ?? '').split('\\').map((v) => v.trim()).filter((v) => v !== '');

/** A C-FIND that may fail or be refused: undefined then (the plan just knows less). */
async function tryFind(connection: DimseConnection, request: QueryRequest): Promise<Record<string, string>[] | undefined> {
  try {
    return (await findOn(connection, request, 0)).matches;
  } catch (e) {
    if (isAtriumError(e) && (e.code === 'ATRIUM_ERR_NET_REMOTE_FAILED' || e.code === 'ATRIUM_ERR_NET_NO_CONTEXT')) return undefined;
    throw e;
  }
}

/**
 * The instances a retrieve request names, by an image-level C-FIND (Study Root) with
 * their series and SOP class; undefined for a patient-level request, or when the peer
 * refuses or fails the query.
 */
export async function listInstances(connection: DimseConnection, request: QueryRequest): Promise<InstanceRef[] | undefined> {
  const study = request.keys.StudyInstanceUID;
  if (request.level === 'PATIENT' || !study) return undefined;
  const matches = await tryFind(connection, {
    level: 'IMAGE', model: 'STUDY',
    keys: { StudyInstanceUID: study, SeriesInstanceUID: request.keys.SeriesInstanceUID ?? '', SOPInstanceUID: request.keys.SOPInstanceUID ?? '', SOPClassUID: '' },
  });
  return matches?.filter((m) => m.SOPInstanceUID && m.SeriesInstanceUID).map((m) => ({
    StudyInstanceUID: m.StudyInstanceUID || study, SeriesInstanceUID: m.SeriesInstanceUID!, SOPInstanceUID: m.SOPInstanceUID!, SOPClassUID: m.SOPClassUID ?? '',
  }));
}

/**
 * The storage classes a C-GET of `request` will meet, from the C-FIND that precedes it:
 * SOP Classes in Study (0008,0062) of the study when the peer returns it, else the SOP
 * Class UIDs of an image-level C-FIND (whose instance list is kept). A peer that returns
 * neither leaves `classes` undefined.
 */
export async function planGet(connection: DimseConnection, request: QueryRequest): Promise<GetPlan> {
  const study = request.keys.StudyInstanceUID;
  if (study) {
    const studies = await tryFind(connection, { level: 'STUDY', model: 'STUDY', keys: { StudyInstanceUID: study, SOPClassesInStudy: '' } });
    const classes = [...new Set((studies ?? []).flatMap((m) => values(m.SOPClassesInStudy)))];
    if (classes.length > 0) return { classes };
  }
  const instances = await listInstances(connection, request);
  const classes = [...new Set((instances ?? []).map((i) => i.SOPClassUID).filter((c) => c !== ''))];
  return { ...(classes.length > 0 ? { classes } : {}), ...(instances ? { instances } : {}) };
}

/**
 * Runs `body` on a Study Root C-FIND association with `peer`; undefined when the peer does
 * not accept C-FIND.
 */
export async function withFind<T>(settings: ScuSettings, peer: RemotePeer, body: (connection: DimseConnection) => Promise<T>): Promise<T | undefined> {
  let session;
  try {
    session = await openScu(settings, peer, [qrContext('STUDY', 'Find')]);
  } catch (e) {
    if (isAtriumError(e, 'ATRIUM_ERR_NET_NO_CONTEXT')) return undefined;
    throw e;
  }
  try {
    return await body(session.connection);
  } finally {
    await session.close().catch(() => undefined);
  }
}

/**
 * The C-FIND before a C-GET, on one association: the request a bare UID stands for (see
 * `resolveRetrieve`) and the {@link GetPlan}. A peer without C-FIND gets an empty plan
 * for an explicit request.
 * @throws AtriumError `ATRIUM_ERR_NET_UNKNOWN_UID`, `ATRIUM_ERR_NET_NO_CONTEXT` (a UID to
 *   resolve and no C-FIND), or as `openScu`.
 */
export async function planRetrieve(settings: ScuSettings, peer: RemotePeer, target: { readonly uid?: string; readonly request?: QueryRequest }): Promise<{ request: QueryRequest; plan: GetPlan }> {
  const planned = await withFind(settings, peer, async (connection) => {
    const request = target.request ?? (target.uid ? await resolveRetrieve(connection, target.uid) : undefined);
    if (!request) throw new AtriumError('ATRIUM_ERR_NET_BAD_REQUEST', 'A retrieve needs a UID or an explicit request');
    return { request, plan: await planGet(connection, request) };
  });
  if (planned) return planned;
  if (target.request) return { request: target.request, plan: {} };
  throw new AtriumError('ATRIUM_ERR_NET_NO_CONTEXT', `${peer.title} does not accept C-FIND (Study Root), needed to find what UID ${target.uid ?? ''} names`);
}
