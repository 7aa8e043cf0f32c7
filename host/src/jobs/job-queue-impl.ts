import type { JobTable } from '../db/job-table.js';
import { AtriumError } from '../errors/atrium-error.js';
import type { AtriumErrorCode } from '../errors/codes.js';
import { Emitter } from './emitter.js';
import type { Job, JobChangeEvent, JobError, JobProgressEvent, NewJob } from './job.js';
import type { JobFilter, JobQueue, RecoveryReport } from './job-queue.js';
import { jobFromRow } from './job-row.js';
import { pidIsAlive } from './pid-is-alive.js';
import { retryDelayMs } from './retry-delay.js';

/** Options of {@link JobQueueImpl}. */
export interface JobQueueOptions {
  /** Clock, epoch ms (default `Date.now`). */
  readonly now?: () => number;
  /** First retry delay (default 5000 ms); doubles per attempt. */
  readonly retryBaseMs?: number;
  /** Longest retry delay (default 300 000 ms). */
  readonly retryMaxMs?: number;
  /** `maxAttempts` of a job that does not say (default 3). */
  readonly defaultMaxAttempts?: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** {@link JobQueue} on the job table of the host database. */
export class JobQueueImpl implements JobQueue {
  private readonly now: () => number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly defaultMaxAttempts: number;
  private readonly changed = new Emitter<JobChangeEvent>();
  private readonly progressed = new Emitter<JobProgressEvent>();
  readonly onDidChangeJob = this.changed.event;
  readonly onDidProgressJob = this.progressed.event;

  constructor(
    private readonly table: JobTable,
    options: JobQueueOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.retryBaseMs = options.retryBaseMs ?? 5000;
    this.retryMaxMs = options.retryMaxMs ?? 300_000;
    this.defaultMaxAttempts = options.defaultMaxAttempts ?? 3;
  }

  enqueue<P>(n: NewJob<P>): Job<P> {
    if (typeof n.type !== 'string' || n.type === '') {
      throw new AtriumError('ATRIUM_ERR_JOB_BAD_REQUEST', 'A job needs a non-empty type', { type: n.type });
    }
    const maxAttempts = n.maxAttempts ?? this.defaultMaxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new AtriumError('ATRIUM_ERR_JOB_BAD_REQUEST', `Job ${n.type}: maxAttempts must be an integer ≥ 1, got ${maxAttempts}`, {
        type: n.type,
        maxAttempts,
      });
    }
    const payload = toJson(n.payload, 'ATRIUM_ERR_JOB_BAD_REQUEST', `Job ${n.type}: the payload`) ?? 'null';
    const created = this.table.transaction((): { job: Job; created: boolean } => {
      if (n.key !== undefined) {
        const existing = this.table.liveWithKey(n.key);
        if (existing !== undefined) {
          if (existing.type !== n.type) {
            throw new AtriumError(
              'ATRIUM_ERR_JOB_KEY_CONFLICT',
              `Job key ${JSON.stringify(n.key)} belongs to job ${existing.id} of type ${existing.type}, not ${n.type}`,
              { key: n.key, jobId: existing.id, type: existing.type, requestedType: n.type },
            );
          }
          return { job: jobFromRow(existing), created: false };
        }
      }
      const id = this.table.insert({ type: n.type, ...(n.key === undefined ? {} : { key: n.key }), ...(n.label === undefined ? {} : { label: n.label }), payload, maxAttempts, at: iso(this.now()) });
      return { job: this.require(id), created: true };
    });
    if (created.created) this.changed.fire({ job: created.job, previousState: undefined });
    return created.job as Job<P>;
  }

  get(id: number): Job | undefined {
    const row = this.table.get(id);
    return row === undefined ? undefined : jobFromRow(row);
  }

  list(filter: JobFilter = {}): Job[] {
    return this.table.list(filter).map(jobFromRow);
  }

  requestCancel(id: number, now = this.now()): Job {
    return this.transition(id, (job) => {
      if (job.state === 'pending' || job.state === 'retrying') {
        return this.setCancelled(id, `Job ${id} was cancelled before it ran`, now);
      }
      if (job.state === 'running') {
        if (pidIsAlive(job.ownerPid)) {
          this.table.setCancelRequested(id);
          return;
        }
        return this.setCancelled(id, `Job ${id} was cancelled; process ${job.ownerPid} that ran it is gone`, now);
      }
      return undefined;
    });
  }

  claimNext(now = this.now(), options: { types?: readonly string[] } = {}): Job | undefined {
    if (options.types?.length === 0) return undefined;
    const claimed = this.table.transaction((): JobChangeEvent | undefined => {
      const next = this.table.nextDue(iso(now), options.types);
      return next === undefined ? undefined : this.setRunning(next, now);
    });
    if (claimed !== undefined) this.changed.fire(claimed);
    return claimed?.job;
  }

  claim(id: number, now = this.now()): Job | undefined {
    const claimed = this.table.transaction((): JobChangeEvent | undefined => {
      const job = this.get(id);
      return job?.state === 'pending' || job?.state === 'retrying' ? this.setRunning(id, now) : undefined;
    });
    if (claimed !== undefined) this.changed.fire(claimed);
    return claimed?.job;
  }

  progress(id: number, fraction: number, message?: string): void {
    const p = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
    const row = this.table.setProgress(id, p, message ?? null);
    if (row !== undefined) this.progressed.fire({ jobId: id, type: row.type, progress: p, message: row.message ?? undefined });
  }

  complete(id: number, result: unknown, now = this.now()): Job {
    const json = toJson(result, 'ATRIUM_ERR_JOB_RESULT_NOT_JSON', `The result of job ${id}`) ?? null;
    return this.transition(id, (job) => {
      requireRunning(job, 'complete');
      this.table.setCompleted(id, json, iso(now));
    });
  }

  fail(id: number, error: JobError, retryable: boolean, now = this.now()): Job {
    const errorJson = JSON.stringify({ code: String(error.code), message: String(error.message) });
    return this.transition(id, (job) => {
      requireRunning(job, 'fail');
      if (retryable && job.attempts < job.maxAttempts) {
        const due = now + (error.retryAfterMs ?? retryDelayMs(job.attempts, this.retryBaseMs, this.retryMaxMs));
        this.table.setRetrying(id, errorJson, iso(due));
      } else {
        this.table.setFailed(id, errorJson, iso(now));
      }
    });
  }

  markCancelled(id: number, message?: string, now = this.now()): Job {
    return this.transition(id, (job) => {
      requireRunning(job, 'mark cancelled');
      this.setCancelled(id, message ?? `Job ${id} was cancelled while running`, now);
    });
  }

  cancelRequested(ids: readonly number[]): number[] {
    if (ids.length === 0) return [];
    return this.table.cancelRequested(ids);
  }

  nextRunAt(options: { types?: readonly string[] } = {}): number | undefined {
    if (options.types?.length === 0) return undefined;
    const at = this.table.nextRunAt(options.types);
    return at === undefined ? undefined : Date.parse(at);
  }

  recover(now = this.now()): RecoveryReport {
    const report: RecoveryReport = { resumed: [], failed: [], cancelled: [] };
    const changes: JobChangeEvent[] = [];
    this.table.transaction(() => {
      const running = this.table.running();
      for (const row of running) {
        const owner = row.owner_pid ?? undefined;
        if (owner !== process.pid && pidIsAlive(owner)) continue;
        const id = row.id;
        const why = `Job ${id} (${row.type}) was interrupted: process ${owner ?? '?'} stopped while running attempt ${row.attempts}`;
        const error = JSON.stringify({ code: 'ATRIUM_ERR_JOB_INTERRUPTED', message: why });
        if (row.cancel_requested === 1) {
          this.setCancelled(id, `${why}; a cancel had been requested`, now);
          report.cancelled.push(id);
        } else if (row.attempts < row.max_attempts) {
          this.table.setRetrying(id, error, iso(now));
          report.resumed.push(id);
        } else {
          this.table.setFailed(id, error, iso(now));
          report.failed.push(id);
        }
        changes.push({ job: this.require(id), previousState: 'running' });
      }
    });
    for (const c of changes) this.changed.fire(c);
    return report;
  }

  /** Marks job `id` running in this process (inside a transaction); the change, for the event. */
  private setRunning(id: number, now: number): JobChangeEvent {
    const previousState = this.require(id).state;
    this.table.setRunning(id, iso(now), process.pid);
    return { job: this.require(id), previousState };
  }

  private setCancelled(id: number, message: string, now: number): void {
    this.table.setCancelled(id, JSON.stringify({ code: 'ATRIUM_ERR_JOB_CANCELLED', message }), iso(now));
  }

  /** Runs `change` on job `id` in an IMMEDIATE transaction; fires the event if the state changed. */
  private transition(id: number, change: (job: Job) => void): Job {
    const { before, after } = this.table.transaction(() => {
      const job = this.require(id);
      change(job);
      return { before: job, after: this.require(id) };
    });
    if (after.state !== before.state) this.changed.fire({ job: after, previousState: before.state });
    return after;
  }

  private require(id: number): Job {
    const job = this.get(id);
    if (job === undefined) throw new AtriumError('ATRIUM_ERR_JOB_NOT_FOUND', `No job with id ${id}`, { jobId: id });
    return job;
  }
}

function requireRunning(job: Job, action: string): void {
  if (job.state !== 'running') {
    throw new AtriumError('ATRIUM_ERR_JOB_STATE', `Cannot ${action} job ${job.id} (${job.type}): it is ${job.state}, not running`, {
      jobId: job.id,
      state: job.state,
    });
  }
}

/** JSON text of `value` (undefined for undefined), or an AtriumError `code` naming `what`. */
function toJson(value: unknown, code: AtriumErrorCode, what: string): string | undefined {
  try {
    return value === undefined ? undefined : JSON.stringify(value);
  } catch (e) {
    throw new AtriumError(code, `${what} is not JSON-serialisable: ${(e as Error).message}`, {}, { cause: e });
  }
}
