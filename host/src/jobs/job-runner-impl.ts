import type { Disposable } from '@atrium/sdk';
import { setTimeout as delay } from 'node:timers/promises';
import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import { TERMINAL_JOB_STATES, type Job, type JobChangeEvent, type JobProgressEvent } from './job.js';
import type { JobQueue } from './job-queue.js';
import type { JobHandler, JobHandlerContext, JobHandlerOptions, JobRunnerOptions } from './job-runner.js';
import { ProgressThrottle } from './progress-throttle.js';
import { isRetryableError, toJobError } from './to-job-error.js';
import type { WarningCode } from '../errors/codes.js';

interface Registration {
  readonly handler: JobHandler;
  readonly options: JobHandlerOptions;
}

interface ActiveJob {
  readonly job: Job;
  readonly registration: Registration;
  readonly controller: AbortController;
  readonly throttle: ProgressThrottle;
  readonly done: Promise<Job>;
  readonly resolve: (job: Job) => void;
  graceTimer: NodeJS.Timeout | undefined;
  /** The handler returned or threw. */
  settled: boolean;
  /** Given up on after the grace period: its late outcome is ignored. */
  abandoned: boolean;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Runs the jobs of a {@link JobQueue} with one registered handler per job type: claims
 * due jobs (up to `concurrency` at once), gives each handler an abort signal and a
 * throttled progress function, records the outcome, and watches running jobs for cancel
 * requests (which may come from another process, `atrium jobs cancel`). Several runners,
 * in one process or several, may share a queue: each job is claimed by one of them.
 */
export class JobRunnerImpl {
  private readonly handlers = new Map<string, Registration>();
  private readonly active = new Map<number, ActiveJob>();
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly cancelGraceMs: number;
  private readonly progressIntervalMs: number;
  private cancelWatch: NodeJS.Timeout | undefined;
  private loopTimer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly options: JobRunnerOptions = {},
  ) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.cancelGraceMs = options.cancelGraceMs ?? 5000;
    this.progressIntervalMs = options.progressIntervalMs ?? 200;
  }

  /** A job was created or changed state (through this runner's queue, in this process). */
  readonly onDidChangeJob = (listener: (e: JobChangeEvent) => void): Disposable => this.queue.onDidChangeJob(listener);

  /** A running job's progress was written (through this runner's queue, in this process). */
  readonly onDidProgressJob = (listener: (e: JobProgressEvent) => void): Disposable => this.queue.onDidProgressJob(listener);

  /**
   * Makes `handler` the one handler of `type`; dispose the result to unregister.
   * @throws AtriumError `ATRIUM_ERR_JOB_HANDLER_EXISTS` when `type` already has one.
   */
  register<P = unknown, R = unknown>(type: string, handler: JobHandler<P, R>, options: JobHandlerOptions = {}): Disposable {
    if (this.handlers.has(type)) {
      throw new AtriumError('ATRIUM_ERR_JOB_HANDLER_EXISTS', `Job type ${type} already has a handler; a type has one owner`, { type });
    }
    const registration: Registration = { handler: handler as JobHandler, options };
    this.handlers.set(type, registration);
    return { dispose: () => void (this.handlers.get(type) === registration && this.handlers.delete(type)) };
  }

  /** Job types with a handler. */
  types(): string[] {
    return [...this.handlers.keys()];
  }

  /**
   * Runs due jobs of the registered types until none is pending or running here. Jobs
   * waiting for a retry are waited for only with `waitForRetries`.
   */
  async runUntilIdle(options: { waitForRetries?: boolean } = {}): Promise<void> {
    for (;;) {
      this.fill();
      if (this.active.size > 0) {
        await Promise.race([...this.active.values()].map((a) => a.done));
        continue;
      }
      if (options.waitForRetries !== true) return;
      const next = this.queue.nextRunAt({ types: this.types() });
      if (next === undefined) return;
      await delay(Math.min(this.pollIntervalMs, Math.max(1, next - Date.now())));
    }
  }

  /**
   * Runs job `id` now (even if not yet due, beyond the concurrency limit) and resolves with
   * its final state. A job running elsewhere is waited for; retries are waited for too
   * unless `waitForRetries` is false (then a `retrying` job is returned as is).
   * @throws AtriumError `ATRIUM_ERR_JOB_NOT_FOUND`, `ATRIUM_ERR_JOB_NO_HANDLER`.
   */
  async runJob(id: number, options: { waitForRetries?: boolean } = {}): Promise<Job> {
    const waitForRetries = options.waitForRetries ?? true;
    let ranOnce = false;
    for (;;) {
      const mine = this.active.get(id);
      if (mine !== undefined) {
        await mine.done;
        ranOnce = true;
        continue;
      }
      const job = this.queue.get(id);
      if (job === undefined) throw new AtriumError('ATRIUM_ERR_JOB_NOT_FOUND', `No job with id ${id}`, { jobId: id });
      if (TERMINAL_JOB_STATES.includes(job.state)) return job;
      if (job.state === 'running') {
        await delay(this.pollIntervalMs); // run by another runner or process
        continue;
      }
      if (job.state === 'retrying' && ranOnce) {
        if (!waitForRetries) return job;
        const wait = Date.parse(job.nextRunAt) - Date.now();
        if (wait > 0) {
          await delay(Math.min(this.pollIntervalMs, wait));
          continue;
        }
      }
      const registration = this.handlers.get(job.type);
      if (registration === undefined) {
        throw new AtriumError('ATRIUM_ERR_JOB_NO_HANDLER', `Job ${id} is of type ${job.type}, which has no handler here`, {
          jobId: id,
          type: job.type,
        });
      }
      const claimed = this.queue.claim(id);
      if (claimed === undefined) continue; // taken meanwhile
      ranOnce = true;
      await this.launch(claimed, registration);
    }
  }

  /** Starts the background loop: claims due jobs every poll interval and as soon as a slot frees. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const tick = (): void => {
      if (!this.started) return;
      this.guard(() => this.fill());
      this.loopTimer = setTimeout(tick, this.pollIntervalMs);
    };
    tick();
  }

  /** Stops claiming jobs and waits for the running ones (including their cancel grace). */
  async stop(): Promise<void> {
    this.started = false;
    if (this.loopTimer !== undefined) clearTimeout(this.loopTimer);
    this.loopTimer = undefined;
    await Promise.all([...this.active.values()].map((a) => a.done));
  }

  /** Ids of the jobs this runner is running. */
  running(): number[] {
    return [...this.active.keys()];
  }

  /** Claims and launches due jobs while slots are free. */
  private fill(): void {
    while (this.active.size < this.concurrency) {
      const types = this.types();
      if (types.length === 0) return;
      const job = this.queue.claimNext(undefined, { types });
      if (job === undefined) return;
      void this.launch(job, this.handlers.get(job.type)!);
    }
  }

  private launch(job: Job, registration: Registration): Promise<Job> {
    let resolve!: (j: Job) => void;
    const done = new Promise<Job>((r) => (resolve = r));
    const a: ActiveJob = {
      job,
      registration,
      controller: new AbortController(),
      throttle: new ProgressThrottle(this.progressIntervalMs, (f, m) => this.guard(() => this.queue.progress(job.id, f, m))),
      done,
      resolve,
      graceTimer: undefined,
      settled: false,
      abandoned: false,
    };
    this.active.set(job.id, a);
    this.watchCancels();
    const ctx: JobHandlerContext = {
      signal: a.controller.signal,
      progress: (fraction, message) => {
        if (!a.settled && !a.abandoned) a.throttle.push(fraction, message);
      },
    };
    void (async () => {
      let outcome: Outcome;
      try {
        outcome = { ok: true, value: await registration.handler(job, ctx) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (a.abandoned) return; // already marked cancelled; the late outcome is ignored
      a.settled = true;
      if (a.graceTimer !== undefined) clearTimeout(a.graceTimer);
      let final: Job = a.job;
      this.guard(() => {
        final = this.queue.get(job.id) ?? a.job; // if recording fails (database error), report the row as it is
        final = this.record(a, outcome);
      });
      this.finish(a, final);
    })();
    return done;
  }

  /** Writes the outcome of a settled handler; the job's final row. */
  private record(a: ActiveJob, outcome: Outcome): Job {
    const id = a.job.id;
    try {
      if (outcome.ok) {
        a.throttle.cancel();
        try {
          return this.queue.complete(id, outcome.value);
        } catch (e) {
          if (!isAtriumError(e, 'ATRIUM_ERR_JOB_RESULT_NOT_JSON')) throw e;
          return this.queue.fail(id, toJobError(e), false);
        }
      }
      a.throttle.flush();
      if (a.controller.signal.aborted) {
        return this.queue.markCancelled(id, `Job ${id} was cancelled: ${toJobError(outcome.error).message}`);
      }
      const retryable = isRetryableError(outcome.error) || a.registration.options.isRetryable?.(outcome.error) === true;
      return this.queue.fail(id, toJobError(outcome.error), retryable);
    } catch (e) {
      // The row left `running` under us (e.g. recovered by mistake while alive): report it as it is.
      if (isAtriumError(e, 'ATRIUM_ERR_JOB_STATE')) return this.queue.get(id)!;
      throw e;
    }
  }

  private finish(a: ActiveJob, final: Job): void {
    this.active.delete(a.job.id);
    if (this.active.size === 0 && this.cancelWatch !== undefined) {
      clearInterval(this.cancelWatch);
      this.cancelWatch = undefined;
    }
    a.resolve(final);
    if (this.started) queueMicrotask(() => this.started && this.guard(() => this.fill()));
  }

  private watchCancels(): void {
    if (this.cancelWatch !== undefined) return;
    this.cancelWatch = setInterval(() => {
      this.guard(() => {
        const ids = [...this.active.values()].filter((a) => !a.controller.signal.aborted).map((a) => a.job.id);
        for (const id of this.queue.cancelRequested(ids)) this.abort(id);
      });
    }, this.pollIntervalMs);
  }

  private abort(id: number): void {
    const a = this.active.get(id);
    if (a === undefined || a.controller.signal.aborted) return;
    a.controller.abort(new AtriumError('ATRIUM_ERR_JOB_CANCELLED', `Job ${id} (${a.job.type}) was cancelled`, { jobId: id }));
    a.graceTimer = setTimeout(() => this.abandon(a), this.cancelGraceMs);
  }

  private abandon(a: ActiveJob): void {
    if (a.settled || a.abandoned) return;
    a.abandoned = true;
    a.throttle.cancel();
    const id = a.job.id;
    let final: Job;
    try {
      final = this.queue.markCancelled(id, `Job ${id} was cancelled; its handler did not stop within ${this.cancelGraceMs} ms and was abandoned`);
    } catch {
      final = this.queue.get(id)!;
    }
    for (const hook of [a.registration.options.onAbandon, this.options.onAbandon]) {
      this.guard(() => hook?.(id));
    }
    this.finish(a, final);
  }

  /** Runs `fn`, reporting an exception as a process warning instead of throwing from a timer. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      process.emitWarning(`Job runner: ${(e as Error)?.message ?? String(e)}`, { code: 'ATRIUM_WARN_JOB_RUNNER' satisfies WarningCode });
    }
  }
}
