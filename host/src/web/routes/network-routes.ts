import type { FastifyInstance } from 'fastify';
import type { NewJob } from '../../jobs/job.js';
import { loadNetworkConfig, type AeRole } from '../../net/config/index.js';
import { NetJob, netJobAttempts } from '../../net/jobs/net-jobs.js';
import { checkRemoteQueryValue } from '../../db/check-query-keys.js';
import { lookupKeyword } from '@atrium/sdk';
import type { AeTable, JobSummary, RemoteAe } from '../api-types.js';
import { jobSummary } from '../job-summary.js';
import { jsonBody, stringField, stringListField } from '../json-body.js';
import { storedUid } from '../stored-uid.js';
import { checkUid } from '../uid-param.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';

const LEVELS = ['PATIENT', 'STUDY', 'SERIES', 'IMAGE'] as const;

/** Enqueue a network job with the attempts its type gets (as `atrium echo|send|find|move|get`); 202 with the job. */
function enqueueNet<P>(services: WebServices, job: Omit<NewJob<P>, 'maxAttempts'>): JobSummary {
  const config = loadNetworkConfig(services.settings);
  return jobSummary(services.queue.enqueue({ ...job, maxAttempts: netJobAttempts(job.type, config) }));
}

/** The remote AE of a path, by title or alias (404 when unknown). */
function remoteAe(services: WebServices, name: string): RemoteAe {
  return services.aes.require(name);
}

/** The AE table and the SCU operations (echo, send, find, move/get), each a job of the queue. */
export function registerNetworkRoutes(app: FastifyInstance, services: WebServices): void {
  app.get('/api/aes', async (): Promise<AeTable> => {
    const config = loadNetworkConfig(services.settings);
    return { local: { aeTitle: config.aeTitle, port: config.port }, items: services.aes.list() };
  });

  app.post('/api/aes', async (request, reply): Promise<RemoteAe> => {
    const body = jsonBody(request);
    const roles = body.roles === undefined ? ['store', 'query'] : stringListField(body, 'roles');
    const added = services.aes.add({
      title: stringField(body, 'title', true), host: stringField(body, 'host', true), port: Number(body.port),
      ...(body.alias !== undefined ? { alias: stringField(body, 'alias', true) } : {}), roles: roles as AeRole[],
      ...(body.verifyBeforeSend !== undefined ? { verifyBeforeSend: body.verifyBeforeSend as boolean } : {}),
    });
    reply.code(201);
    return added;
  });

  app.delete<{ Params: { title: string } }>('/api/aes/:title', async (request, reply) => {
    if (!services.aes.remove(request.params.title)) remoteAe(services, request.params.title); // throws the coded "unknown" with the known ones
    return reply.code(204).send();
  });

  app.post<{ Params: { title: string } }>('/api/aes/:title/echo', async (request, reply) => {
    const ae = remoteAe(services, request.params.title);
    reply.code(202);
    return enqueueNet(services, { type: NetJob.Echo, payload: { ae: ae.title }, label: `echo ${ae.title}` });
  });

  app.post<{ Params: { title: string } }>('/api/aes/:title/find', async (request, reply) => {
    const ae = remoteAe(services, request.params.title);
    const body = jsonBody(request);
    const level = body.level;
    if (!LEVELS.includes(level as (typeof LEVELS)[number])) throw webError('ATRIUM_ERR_WEB_BAD_BODY', `level must be one of ${LEVELS.join(', ')}`, { field: 'level' });
    const keys = body.keys ?? {};
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys) || Object.values(keys).some((v) => typeof v !== 'string')) throw webError('ATRIUM_ERR_WEB_BAD_BODY', 'keys must be an object of keyword → string value', { field: 'keys' });
    for (const [keyword, value] of Object.entries(keys as Record<string, string>)) {
      const entry = lookupKeyword(keyword);
      if (!entry) throw webError('ATRIUM_ERR_QUERY_UNKNOWN_KEY', `unknown DICOM keyword "${keyword}"`, { keyword });
      checkRemoteQueryValue(keyword, entry.vr, value);
    }
    const limit = body.limit === undefined ? undefined : Number(body.limit);
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) throw webError('ATRIUM_ERR_WEB_BAD_BODY', 'limit must be a whole number ≥ 1', { field: 'limit' });
    reply.code(202);
    return enqueueNet(services, { type: NetJob.Find, payload: { ae: ae.title, level, keys, ...(limit ? { limit } : {}) }, label: `find ${String(level).toLowerCase()} at ${ae.title}` });
  });

  app.post<{ Params: { title: string } }>('/api/aes/:title/retrieve', async (request, reply) => {
    const ae = remoteAe(services, request.params.title);
    const body = jsonBody(request);
    const uid = checkUid('uid', body.uid);
    const method = body.method ?? 'move';
    if (method !== 'move' && method !== 'get') throw webError('ATRIUM_ERR_WEB_BAD_BODY', 'method must be move or get', { field: 'method' });
    const destination = stringField(body, 'destination');
    if (destination !== undefined && method === 'get') throw webError('ATRIUM_ERR_WEB_BAD_BODY', 'destination is for method move only', { field: 'destination' });
    reply.code(202);
    return enqueueNet(services, {
      type: method === 'move' ? NetJob.Move : NetJob.Get,
      payload: { ae: ae.title, uid, ...(destination ? { destination } : {}) },
      label: `${method} ${uid} from ${ae.title}${destination ? ` to ${destination}` : ''}`,
    });
  });

  app.post('/api/send', async (request, reply) => {
    const body = jsonBody(request);
    const ae = remoteAe(services, stringField(body, 'ae', true));
    const uids = stringListField(body, 'uids');
    uids.forEach((u, i) => storedUid(services, `uids[${i}]`, u)); // 400 / 404 before a job exists
    if (!ae.roles.includes('store')) throw webError('ATRIUM_ERR_AE_ROLE', `${ae.title} does not have the role "store" in the AE table`, { ae: ae.title, role: 'store' });
    reply.code(202);
    return enqueueNet(services, { type: NetJob.Send, payload: { ae: ae.title, uids }, label: `send ${uids.length === 1 ? uids[0] : `${uids.length} UIDs`} to ${ae.title}` });
  });
}
