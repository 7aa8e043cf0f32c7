import type { JobRow } from '../db/job-table.js';
import type { Job, JobError } from './job.js';

/** The {@link Job} a row holds (JSON columns parsed, NULL → undefined). */
export function jobFromRow(r: JobRow): Job {
  return {
    id: r.id,
    type: r.type,
    key: r.key ?? undefined,
    label: r.label ?? undefined,
    payload: JSON.parse(r.payload) as unknown,
    state: r.state,
    progress: r.progress,
    message: r.message ?? undefined,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    nextRunAt: r.next_run_at,
    createdAt: r.created_at,
    startedAt: r.started_at ?? undefined,
    finishedAt: r.finished_at ?? undefined,
    result: r.result === null ? undefined : (JSON.parse(r.result) as unknown),
    error: r.error === null ? undefined : (JSON.parse(r.error) as JobError),
    cancelRequested: r.cancel_requested === 1,
    ownerPid: r.owner_pid ?? undefined,
  };
}
