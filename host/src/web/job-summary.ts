import type { Job } from '../jobs/job.js';
import type { JobSummary } from './api-types.js';

/** A queue row as the API gives it (no payload internals, no owner pid). */
export function jobSummary(job: Job): JobSummary {
  return {
    id: job.id,
    type: job.type,
    ...(job.label !== undefined ? { label: job.label } : {}),
    state: job.state,
    progress: job.progress,
    ...(job.message !== undefined ? { message: job.message } : {}),
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    createdAt: job.createdAt,
    ...(job.startedAt !== undefined ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt !== undefined ? { finishedAt: job.finishedAt } : {}),
    ...(job.result !== undefined ? { result: job.result } : {}),
    ...(job.error !== undefined ? { error: { code: job.error.code, message: job.error.message } } : {}),
    cancelRequested: job.cancelRequested,
  };
}
