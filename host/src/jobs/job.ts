import type { ErrorCode, JobEvent } from '@atrium/sdk';

/**
 * The life of a job: `pending` → `running` → `completed` | `failed` | `retrying` (waiting
 * for its next attempt, then `running` again) | `cancelled`. The same states as the SDK's
 * {@link JobEvent}, so plugin events wrap job events without translation.
 */
export type JobState = JobEvent['state'];

/** Every {@link JobState}, in the order of a job's life. */
export const JOB_STATES: readonly JobState[] = ['pending', 'running', 'retrying', 'completed', 'failed', 'cancelled'];

/** States a job never leaves. */
export const TERMINAL_JOB_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

/** Why a job failed (or why its last attempt failed, while `retrying`). */
export interface JobError {
  /** Stable code, `ATRIUM_ERR_...` (`ATRIUM_ERR_JOB_FAILED` for an error without one). */
  readonly code: ErrorCode;
  readonly message: string;
  /** Wait this long before the next attempt instead of the exponential backoff (e.g. C-MOVE: a minute, Canon GCA-9300R conformance statement §4.2.5). Not stored. */
  readonly retryAfterMs?: number;
}

/** One row of the job queue. Times are ISO 8601 UTC strings. */
export interface Job<P = unknown, R = unknown> {
  readonly id: number;
  /** What to do, e.g. `app.run`, `net.store`; a runner has one handler per type. */
  readonly type: string;
  /** Idempotency key: enqueueing the same key again returns this job while it is live or completed. */
  readonly key: string | undefined;
  /** For people: what `atrium jobs` shows. */
  readonly label: string | undefined;
  readonly payload: P;
  readonly state: JobState;
  /** 0 … 1. */
  readonly progress: number;
  readonly message: string | undefined;
  /** Attempts started so far (a claim counts one). */
  readonly attempts: number;
  readonly maxAttempts: number;
  /** When a `pending` or `retrying` job may be claimed. */
  readonly nextRunAt: string;
  readonly createdAt: string;
  /** Start of the latest attempt. */
  readonly startedAt: string | undefined;
  readonly finishedAt: string | undefined;
  /** What the handler returned (JSON), once `completed`. */
  readonly result: R | undefined;
  /** The failure, once `failed`; the last attempt's failure while `retrying`. */
  readonly error: JobError | undefined;
  /** Set (possibly by another process) to ask the runner of a `running` job to abort it. */
  readonly cancelRequested: boolean;
  /** The process that runs (or last ran) the job. */
  readonly ownerPid: number | undefined;
  /** The host of the process that runs (or last ran) it (`hostId()`); undefined for jobs claimed before hosts were recorded. */
  readonly ownerHost: string | undefined;
}

/** What `JobQueue.enqueue` needs. */
export interface NewJob<P = unknown> {
  readonly type: string;
  /** JSON-serialisable. */
  readonly payload: P;
  readonly key?: string;
  readonly label?: string;
  /** Attempts allowed for retryable failures and interrupted runs (default 3). */
  readonly maxAttempts?: number;
}

/** A job changed state (or was created: `previousState` undefined). */
export interface JobChangeEvent {
  /** The job after the change. */
  readonly job: Job;
  readonly previousState: JobState | undefined;
}

/** A running job reported progress (writes are throttled by the runner). */
export interface JobProgressEvent {
  readonly jobId: number;
  readonly type: string;
  readonly progress: number;
  readonly message: string | undefined;
}
