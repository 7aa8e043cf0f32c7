import type { Disposable } from '@atrium/sdk';
import { serviceToken } from '../core/service-token.js';
import type { Job } from './job.js';
import type { JobRunnerImpl } from './job-runner-impl.js';

/** What a handler gets besides its job. */
export interface JobHandlerContext {
  /** Aborted when the job is cancelled (reason: an `ATRIUM_ERR_JOB_CANCELLED` error). */
  readonly signal: AbortSignal;
  /** Reports progress, 0…1 (throttled: at most one write per progress interval). */
  progress(fraction: number, message?: string): void;
}

/**
 * Does the work of one job type. Returns a JSON-serialisable result (recorded when the
 * job completes). Throwing fails the attempt: retried when the error is retryable (see
 * {@link JobHandlerOptions.isRetryable}), else the job fails with the error's code
 * (`ATRIUM_ERR_JOB_FAILED` for a plain error) and message.
 */
export type JobHandler<P = unknown, R = unknown> = (job: Job<P>, ctx: JobHandlerContext) => R | Promise<R>;

/** Options of {@link JobRunner.register}. */
export interface JobHandlerOptions {
  /** Errors this handler declares retryable, besides an AtriumError with `details.retryable === true`. */
  isRetryable?(error: unknown): boolean;
  /** Called when a job of this type ignored its abort past the grace period (e.g. terminate its worker). */
  onAbandon?(jobId: number): void;
}

/** Options of {@link JobRunner}. */
export interface JobRunnerOptions {
  /** Jobs run at once by the loop and {@link JobRunner.runUntilIdle} (default 1). */
  readonly concurrency?: number;
  /** Polling of the queue for due jobs and of running jobs for cancel requests (default 200 ms). */
  readonly pollIntervalMs?: number;
  /** How long a cancelled handler may take to stop before its job is marked cancelled anyway (default 5000 ms). */
  readonly cancelGraceMs?: number;
  /** Shortest time between two progress writes of one job (default 200 ms: ≤ 5 per second). */
  readonly progressIntervalMs?: number;
  /** Called when any job is abandoned after the grace period. */
  readonly onAbandon?: (jobId: number) => void;
}

/** Runs jobs of the queue by type, with retries, progress and cancellation (see {@link JobRunnerImpl}). */
export type JobRunner = JobRunnerImpl;
/** DI token of {@link JobRunner} (the jobs module builds it with every {@link JobHandlerContribution}). */
export const JobRunner = serviceToken<JobRunner>('JobRunner');

/**
 * A subsystem's job handlers (net: the SCU operations; apps: `app.run`), registered on the
 * runner when the container builds it: bind one with the jobs module's token, several may be.
 */
export interface JobHandlerContribution {
  register(runner: JobRunner): Disposable;
}
/** DI token of the {@link JobHandlerContribution}s (multi-bound). */
export const JobHandlerContribution = serviceToken<JobHandlerContribution>('JobHandlerContribution');
