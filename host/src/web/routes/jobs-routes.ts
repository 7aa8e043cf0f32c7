import type { FastifyInstance } from 'fastify';
import { JOB_STATES, type JobState } from '../../jobs/job.js';
import type { JobList, JobSummary } from '../api-types.js';
import { jobSummary } from '../job-summary.js';
import { queryInteger } from '../list-query.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';

/** A job id from a path: a whole number. */
export function jobId(text: string): number {
  if (!/^\d{1,15}$/.test(text)) throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `a job id is a whole number, not "${text.slice(0, 40)}"`, { parameter: 'id' });
  return Number(text);
}

/** The job queue: list, one job, cancel. */
export function registerJobsRoutes(app: FastifyInstance, services: WebServices): void {
  app.get('/api/jobs', async (request): Promise<JobList> => {
    const q = request.query as Record<string, unknown>;
    const states = q.state === undefined ? undefined : String(q.state).split(',');
    const bad = states?.find((s) => !(JOB_STATES as readonly string[]).includes(s));
    if (bad !== undefined) throw webError('ATRIUM_ERR_WEB_BAD_PARAMETER', `state must be one or more of ${JOB_STATES.join(', ')}, not "${bad.slice(0, 40)}"`, { parameter: 'state' });
    const limit = queryInteger('limit', q.limit, 100, 1, 1000);
    const jobs = services.queue.list({ ...(states ? { states: states as JobState[] } : {}), ...(typeof q.type === 'string' ? { type: q.type } : {}), limit });
    return { items: jobs.map(jobSummary) };
  });

  app.get<{ Params: { id: string } }>('/api/jobs/:id', async (request): Promise<JobSummary> => {
    const job = services.queue.get(jobId(request.params.id));
    if (!job) throw webError('ATRIUM_ERR_JOB_NOT_FOUND', `no job ${request.params.id}`, { jobId: request.params.id });
    return jobSummary(job);
  });

  app.post<{ Params: { id: string } }>('/api/jobs/:id/cancel', async (request, reply): Promise<JobSummary> => {
    const before = services.queue.get(jobId(request.params.id));
    const job = services.queue.requestCancel(jobId(request.params.id));
    reply.code(before && before.state === job.state && job.state !== 'running' ? 200 : 202);
    return jobSummary(job);
  });
}
