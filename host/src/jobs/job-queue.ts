import type { Disposable } from '@atrium/sdk';
import { serviceToken } from '../core/service-token.js';
import type { Job, JobChangeEvent, JobError, JobProgressEvent, JobState, NewJob } from './job.js';

/** Filter of {@link JobQueue.list}. */
export interface JobFilter {
  readonly states?: readonly JobState[];
  readonly type?: string;
  /** Newest first; at most this many. */
  readonly limit?: number;
}

/** What {@link JobQueue.recover} did, by job id. */
export interface RecoveryReport {
  /** Interrupted with attempts left: now `retrying`, due at once. */
  readonly resumed: number[];
  /** Interrupted on their last attempt: now `failed` with `ATRIUM_ERR_JOB_INTERRUPTED`. */
  readonly failed: number[];
  /** Interrupted while a cancel was requested: now `cancelled`. */
  readonly cancelled: number[];
}

/**
 * The persistent job queue in the index database (table `job`). Several processes may
 * share it: every read-modify-write runs in an IMMEDIATE transaction, so a job is claimed
 * by one runner only. State changes made through this object are reported by
 * {@link JobQueue.onDidChangeJob} (in this process). `now` arguments are epoch ms and
 * default to the queue's clock.
 */
export interface JobQueue {
  /**
   * Adds a `pending` job, due now. With a `key` that already names a pending, running,
   * retrying or completed job, returns that job instead (a failed or cancelled one does
   * not hold its key).
   * @throws AtriumError `ATRIUM_ERR_JOB_BAD_REQUEST` (empty type, bad maxAttempts, payload
   *   not JSON), `ATRIUM_ERR_JOB_KEY_CONFLICT` (the key belongs to a job of another type).
   */
  enqueue<P>(job: NewJob<P>): Job<P>;
  get(id: number): Job | undefined;
  list(filter?: JobFilter): Job[];
  /**
   * Cancels a pending or retrying job at once; asks the runner of a running job to abort
   * it (`cancelRequested`), or cancels it at once when the process that ran it is gone.
   * A finished job is returned unchanged.
   * @throws AtriumError `ATRIUM_ERR_JOB_NOT_FOUND`.
   */
  requestCancel(id: number, now?: number): Job;
  /**
   * Atomically takes the next due pending/retrying job (oldest due first; of `types` only,
   * when given), marks it `running`, owned by this process, and counts the attempt.
   */
  claimNext(now?: number, options?: { types?: readonly string[] }): Job | undefined;
  /** Claims job `id` if it is pending or retrying, whether due or not (run it now). */
  claim(id: number, now?: number): Job | undefined;
  /** Records the progress of a running job (`fraction` clamped to 0…1; no message keeps the last). */
  progress(id: number, fraction: number, message?: string): void;
  /**
   * running → completed, with the handler's result.
   * @throws AtriumError `ATRIUM_ERR_JOB_RESULT_NOT_JSON`, `ATRIUM_ERR_JOB_STATE`, `ATRIUM_ERR_JOB_NOT_FOUND`.
   */
  complete(id: number, result: unknown, now?: number): Job;
  /**
   * running → retrying (when `retryable` and attempts remain; due after an exponential
   * backoff) or failed.
   * @throws AtriumError `ATRIUM_ERR_JOB_STATE`, `ATRIUM_ERR_JOB_NOT_FOUND`.
   */
  fail(id: number, error: JobError, retryable: boolean, now?: number): Job;
  /**
   * running → cancelled (the runner aborted it, or gave up waiting for it).
   * @throws AtriumError `ATRIUM_ERR_JOB_STATE`, `ATRIUM_ERR_JOB_NOT_FOUND`.
   */
  markCancelled(id: number, message?: string, now?: number): Job;
  /** Those of `ids` that are running with a cancel requested. */
  cancelRequested(ids: readonly number[]): number[];
  /** When the earliest pending/retrying job (of `types`, when given) is due, epoch ms. */
  nextRunAt(options?: { types?: readonly string[] }): number | undefined;
  /**
   * At startup, before any runner of this process starts: jobs left `running` by a
   * process that is gone (or by this pid — a previous life of it) become `retrying` (due
   * now) when attempts remain, else `failed` (`ATRIUM_ERR_JOB_INTERRUPTED`); `cancelled`
   * when a cancel was requested. Jobs of a live other process are left alone.
   */
  recover(now?: number): RecoveryReport;
  /** A job was created or changed state through this queue. */
  onDidChangeJob(listener: (e: JobChangeEvent) => void): Disposable;
  /** A running job's progress was written through this queue. */
  onDidProgressJob(listener: (e: JobProgressEvent) => void): Disposable;
}

/** DI token of {@link JobQueue}. */
export const JobQueue = serviceToken<JobQueue>('JobQueue');
