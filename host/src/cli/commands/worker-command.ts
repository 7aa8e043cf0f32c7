import { APP_RUN_JOB } from '../../apps/app-run-handler.js';
import { configuredIndex } from '../../db/index-location.js';
import { AtriumError } from '../../errors/atrium-error.js';
import { hostId } from '../../jobs/host-id.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { JobRunner } from '../../jobs/job-runner.js';
import { defineCommand } from '../cli-context.js';
import { parseLimit } from '../option-values.js';
import { parseArgs } from '../parse-args.js';

const USAGE = 'atrium worker [--concurrency n]';

/**
 * `atrium worker`: runs jobs (the app runs of `atrium batch`) from every host that shares the
 * store's PostgreSQL index, through pg-boss (`PgBossJobs`), until SIGINT / SIGTERM, then lets
 * the jobs in hand finish. Run one per host; add hosts to go faster.
 */
export const workerCommand = defineCommand({
  name: 'worker',
  usage: USAGE,
  summary: 'Run jobs of every host sharing the PostgreSQL index (atrium batch fans out to the workers) until SIGINT/SIGTERM',
  uses: { queue: JobQueue, runner: JobRunner },
  async run(args, ctx, use) {
    const { values } = parseArgs({ args: [...args], options: { concurrency: { type: 'string' } }, strict: true });
    const concurrency = parseLimit(values.concurrency, '--concurrency') ?? 1;
    const url = configuredIndex(ctx.store);
    if (url === undefined) {
      throw new AtriumError('ATRIUM_ERR_JOB_NEEDS_POSTGRES', `atrium worker runs jobs of several hosts, which share an index on PostgreSQL; the store ${ctx.store} has its index in SQLite (atrium config set index postgres://...)`, { store: ctx.store });
    }
    const [queue, runner] = await Promise.all([use.queue(), use.runner()]);
    const { PgBossJobs } = await import('../../jobs/pg-boss-jobs.js');
    const jobs = await PgBossJobs.start(url, queue, runner, { types: [APP_RUN_JOB], concurrency });
    await jobs.work();
    ctx.err(`atrium worker: host ${hostId()}, pid ${process.pid}: ${concurrency} at a time of ${APP_RUN_JOB}; SIGINT or SIGTERM stops`);
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    ctx.err(`atrium worker: ${signal}: finishing the jobs in hand`);
    await jobs.stop();
    ctx.err('atrium worker: stopped');
    return 0;
  },
});
