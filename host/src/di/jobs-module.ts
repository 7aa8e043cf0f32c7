import { HostDatabase } from '../db/host-database.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { JobQueue } from '../jobs/job-queue.js';
import { JobHandlerContribution, JobRunner } from '../jobs/job-runner.js';
import { ContainerModule } from './inversify.js';

/**
 * Databases (by location) whose jobs this process has recovered: recovery treats this
 * process's own running jobs as interrupted, so it runs once per process and database — a
 * second container on the same store in this process (another command run in process) must
 * not take the first one's running job for a dead one.
 */
const recovered = new Set<string>();

/**
 * Jobs: the persistent queue (jobs left running by a dead process are recovered when it is
 * first resolved; job events reach plugins through the `jobChanged` hook) and the runner,
 * with the handlers every {@link JobHandlerContribution} registers (net: the SCU
 * operations; apps: `app.run`).
 */
export const jobsModule = new ContainerModule(({ bind }) => {
  bind(JobQueue)
    .toResolvedValue(async (database: HostDatabase, hooks: HostHooks) => {
      const queue = new (await import('../jobs/job-queue-impl.js')).JobQueueImpl(database.jobs);
      if (!recovered.has(database.location)) {
        recovered.add(database.location);
        queue.recover();
      }
      queue.onDidChangeJob(({ job }) => hooks.jobChanged.call({ jobId: job.id, app: String((job.payload as { app?: string } | undefined)?.app ?? job.type), state: job.state, fraction: job.progress }));
      return queue;
    }, [HostDatabase, HostHooks])
    .inSingletonScope();
  bind(JobRunner)
    .toResolvedValue(
      async (queue: JobQueue, contributions: JobHandlerContribution[] | undefined) => {
        const runner = new (await import('../jobs/job-runner-impl.js')).JobRunnerImpl(queue);
        for (const contribution of contributions ?? []) contribution.register(runner);
        return runner;
      },
      [JobQueue, { serviceIdentifier: JobHandlerContribution, isMultiple: true, optional: true }],
    )
    .inSingletonScope();
});
