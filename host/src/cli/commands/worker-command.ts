import { APP_RUN_JOB } from '../../apps/app-run-handler.js';
import { HostDatabase } from '../../db/host-database.js';
import { configuredIndex } from '../../db/index-location.js';
import { AtriumError } from '../../errors/atrium-error.js';
import { hostId } from '../../jobs/host-id.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { JobRunner } from '../../jobs/job-runner.js';
import { jobLogLine } from '../../jobs/job-log-line.js';
import { LiveWorkers } from '../../jobs/live-workers.js';
import { defineCommand } from '../cli-context.js';
import { parseLimit } from '../option-values.js';
import { parseArgs } from '../parse-args.js';

const USAGE = 'atrium worker [--concurrency n]';

/**
 * `atrium worker`: runs jobs (the app runs of `atrium batch`) from every host that shares the
 * store's PostgreSQL index, through pg-boss (`PgBossJobs`), until SIGINT / SIGTERM, then lets
 * the jobs in hand finish (a second signal stops at once, saying what is left). Run one per
 * host; add hosts to go faster. It logs a line per job it starts and ends, and records itself
 * as a live worker (`LiveWorkers`) for the batches waiting on one.
 */
export const workerCommand = defineCommand({
  name: 'worker',
  usage: USAGE,
  summary: 'Run jobs of every host sharing the PostgreSQL index (atrium batch fans out to the workers) until SIGINT/SIGTERM',
  uses: { queue: JobQueue, runner: JobRunner, database: HostDatabase },
  async run(args, ctx, use) {
    const { values } = parseArgs({ args: [...args], options: { concurrency: { type: 'string' } }, strict: true });
    const concurrency = parseLimit(values.concurrency, '--concurrency') ?? 1;
    const url = configuredIndex(ctx.store);
    if (url === undefined) {
      throw new AtriumError('ATRIUM_ERR_JOB_NEEDS_POSTGRES', `atrium worker runs jobs of several hosts, which share an index on PostgreSQL; the store ${ctx.store} has its index in SQLite (atrium config set index postgres://...)`, { store: ctx.store });
    }
    const [queue, runner, database] = await Promise.all([use.queue(), use.runner(), use.database()]);
    const { PgBossJobs } = await import('../../jobs/pg-boss-jobs.js');
    const jobs = await PgBossJobs.start(url, queue, runner, { types: [APP_RUN_JOB], concurrency });
    const log = runner.onDidChangeJob((e) => {
      const line = jobLogLine(e);
      if (line !== undefined) ctx.err(`atrium worker: ${line}`);
    });
    const registered = new LiveWorkers(database.settings, database.liveness).register([APP_RUN_JOB]);
    await jobs.work();
    ctx.err(`atrium worker: host ${hostId()}, pid ${process.pid}: ${concurrency} at a time of ${APP_RUN_JOB}; SIGINT or SIGTERM stops`);
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    registered.dispose();
    const inHand = runner.running();
    ctx.err(`atrium worker: ${signal}: finishing the jobs in hand${inHand.length === 0 ? ' (none)' : ` (${inHand.join(', ')})`}; a second SIGINT or SIGTERM stops at once`);
    const again = (s: string): void => {
      const left = runner.running();
      ctx.err(
        left.length === 0
          ? `atrium worker: ${s} again: stopped at once; no job was left running here`
          : `atrium worker: ${s} again: stopped at once; job${left.length === 1 ? '' : 's'} ${left.join(', ')} left running here: another worker takes ${left.length === 1 ? 'it' : 'them'} over once the attempt expires (atrium batch --expire); atrium jobs follows them, atrium jobs cancel <id> stops one`,
      );
      process.exit(130);
    };
    process.once('SIGINT', () => again('SIGINT'));
    process.once('SIGTERM', () => again('SIGTERM'));
    await jobs.stop();
    log.dispose();
    ctx.err('atrium worker: stopped');
    return 0;
  },
});
