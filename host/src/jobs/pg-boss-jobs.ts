import PgBoss from 'pg-boss';
import { TERMINAL_JOB_STATES, type Job } from './job.js';
import type { JobQueue } from './job-queue.js';
import type { JobRunner } from './job-runner.js';
import { hostId } from './host-id.js';
import { pidIsAlive } from './pid-is-alive.js';

/** Options of {@link PgBossJobs.start}. */
export interface PgBossJobsOptions {
  /** The job types sent to and taken from pg-boss (default: every type the runner has a handler for). */
  readonly types?: readonly string[];
  /** Attempts run here at once per type by {@link PgBossJobs.work} (default 1). */
  readonly concurrency?: number;
  /**
   * How long one attempt may stay active before pg-boss gives it to another worker (pg-boss
   * 10 has no heartbeat): the failover time of a worker that died is at most this plus
   * `maintenanceSeconds`, the retry delay (5–10 s: 5 s doubled, with jitter) and `pollSeconds`. Longer than the slowest job, or the job runs twice (harmless for an
   * app, whose derived UIDs are deterministic, but wasted). Default 900 s, pg-boss's own.
   */
  readonly expireInSeconds?: number;
  /** How often pg-boss looks for expired attempts (its maintenance; default 10 s, pg-boss's is 120 s). */
  readonly maintenanceSeconds?: number;
  /** How often an idle worker asks for work (default 1 s). */
  readonly pollSeconds?: number;
}


/** The id of the pg-boss job of our job `id` (a UUID; pg-boss inserts an id once). */
export function deliveryId(id: number): string {
  return `a7710000-0000-4000-8000-${id.toString(16).padStart(12, '0')}`;
}

/** The pg-boss job: only our job's id; everything else is in our `job` table. */
interface Delivery {
  readonly jobId: number;
}

/**
 * The job queue spread over every host that shares a PostgreSQL index, on pg-boss 10 (schema
 * `atrium_boss` of the same database). Our `job` table stays the record of each job — its
 * state, progress, cancel request, result, idempotency key and attempts, what `atrium jobs`
 * shows — and pg-boss decides which host runs each attempt:
 *
 * - {@link dispatch} sends our job's id to the pg-boss queue named after its type, as the pg-boss
 *   job whose id is made from ours ({@link deliveryId}): pg-boss inserts a job id once (`ON
 *   CONFLICT DO NOTHING`), so two batches sending the same job at once, or a batch resumed
 *   while its jobs run, make one pg-boss job, not one each (a pg-boss job left finished while
 *   our job is not is delivered again);
 * - a worker ({@link work}) takes one, runs it through the local runner (which claims our row
 *   atomically: one claimant wins, the others see it running), and answers pg-boss: done for a
 *   completed, failed or cancelled job, an error for a retrying one (pg-boss delivers it again,
 *   possibly elsewhere);
 * - an attempt that stays active past `expireInSeconds` (its host died) is delivered again by
 *   pg-boss; the host it reaches takes the row over (`JobQueue.takeOver`: retrying, or failed on
 *   the last attempt) and runs it — unless its owner is a live process of the same host (a job
 *   longer than the expiry: process ids are known on their own host only), which is left to
 *   finish while pg-boss delivers it again later. Only that delivery may take a running row over: any other
 *   (one sent by an older version, under another id) finding our job running elsewhere is
 *   acknowledged without running it, since the owner's own delivery is still pg-boss's to expire.
 */
export class PgBossJobs {
  private constructor(
    private readonly boss: PgBoss,
    private readonly queue: JobQueue,
    private readonly runner: JobRunner,
    private readonly types: readonly string[],
    private readonly options: PgBossJobsOptions,
  ) {}

  /** Connects pg-boss to the database at `url` (making its schema on first use) and the queues of the runner's job types. */
  static async start(url: string, queue: JobQueue, runner: JobRunner, options: PgBossJobsOptions = {}): Promise<PgBossJobs> {
    const types = options.types ?? runner.types();
    const boss = new PgBoss({
      connectionString: url,
      schema: 'atrium_boss',
      application_name: 'atrium-jobs',
      // A connection for every work loop and for maintenance: a pg pool that ends while a query
      // still waits for a connection leaves that query (and its work loop) waiting forever.
      max: types.length * (options.concurrency ?? 1) + 3,
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? 10,
      schedule: false,
    });
    boss.on('error', () => undefined); // connection blips: pg-boss retries by itself
    await boss.start();
    for (const type of types) await boss.createQueue(type, { name: type, policy: 'standard' });
    return new PgBossJobs(boss, queue, runner, types, options);
  }

  /** Sends the jobs not finished yet to the workers of their type, each once (see the class comment). */
  async dispatch(jobs: readonly Job[]): Promise<void> {
    for (const job of jobs) {
      if (TERMINAL_JOB_STATES.includes(job.state)) continue;
      if ((await this.send(job)) !== null) continue;
      // Already sent: still in pg-boss's hands, or given up by pg-boss (failed) while our job is
      // not finished: then delivered again (pg-boss's retry is conditional on the failed state, so
      // two batches doing it at once make one delivery).
      await this.boss.retry(job.type, deliveryId(job.id));
    }
  }

  private send(job: Job): Promise<string | null> {
    return this.boss.send(job.type, { jobId: job.id } satisfies Delivery, {
      id: deliveryId(job.id),
      singletonKey: `job-${job.id}`,
      retryLimit: job.maxAttempts + 1, // our attempts decide; pg-boss must not give up first (an expiry counts as one)
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds ?? 900,
    });
  }

  /** Runs `concurrency` work loops per job type (see {@link PgBossJobsOptions}), until {@link stop}. */
  async work(): Promise<void> {
    for (const type of this.types) {
      for (let i = 0; i < (this.options.concurrency ?? 1); i++) {
        await this.boss.work<Delivery>(type, { batchSize: 1, pollingIntervalSeconds: this.options.pollSeconds ?? 1 }, ([delivery]) => this.deliver(delivery!));
      }
    }
  }

  /** Stops taking work, waits for the attempts running here, and closes the connections. */
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 60_000 });
  }

  private async deliver(delivery: PgBoss.Job<Delivery>): Promise<void> {
    const id = delivery.data.jobId;
    let job = this.queue.get(id);
    if (job === undefined || TERMINAL_JOB_STATES.includes(job.state)) return;
    if (job.state === 'running' && !this.runner.running().includes(id)) {
      if (delivery.id !== deliveryId(id)) return; // not the owner's delivery: the owner's is pg-boss's to expire
      if (job.ownerHost === hostId() && job.ownerPid !== process.pid && pidIsAlive(job.ownerPid)) {
        // Expired, but its owner is a live process of this host (a job longer than the expiry):
        // not run twice; pg-boss delivers it again later, to be acknowledged once it has ended.
        throw new Error(`job ${id} is still running in process ${job.ownerPid} of this host, past its attempt expiry; delivered again later`);
      }
      job = this.queue.takeOver(id);
    }
    if (TERMINAL_JOB_STATES.includes(job.state)) return;
    const final = await this.runner.runJob(id, { waitForRetries: false });
    if (final.state === 'retrying') throw new Error(`job ${id}: attempt ${final.attempts} of ${final.maxAttempts} failed (${final.error?.code ?? ''}); to be retried`);
  }
}
