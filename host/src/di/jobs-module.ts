import { registerAppRunHandler } from '../apps/app-run-handler.js';
import { registerNetJobs } from '../net/jobs/net-jobs.js';
import type { JobQueue as JobQueueShape } from '../jobs/job-queue.js';
import { JobQueueImpl } from '../jobs/job-queue.js';
import { JobRunner as JobRunnerImpl } from '../jobs/job-runner.js';
import { HostHooks } from '../plugins/host-hooks.js';
import { LogSink } from '../plugins/log-sink.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { PluginStorages } from '../plugins/plugin-storages.js';
import { RenderService } from '../render/render-service.js';
import { ContainerModule } from './inversify.js';
import { Workstation } from './store-module.js';

/** The persistent job queue in the index. */
export type JobQueue = JobQueueShape;
/** DI token of {@link JobQueue}. */
export const JobQueue = Symbol('JobQueue');
/** The runner executing jobs by type (with the `app.run` and `net.*` handlers registered). */
export type JobRunner = JobRunnerImpl;
/** DI token of {@link JobRunner}. */
export const JobRunner = Symbol('JobRunner');

const recovered = new Set<string>();

/**
 * Jobs: the queue (jobs left running by a dead process are recovered when it is first
 * resolved) and the runner, with the `app.run` handler that runs apps in worker threads (their
 * `ctx.render` served by the host's {@link RenderService})
 * and the network SCU jobs (`net.echo|send|find|move|get`).
 * Host job events reach plugins through the `jobChanged` hook.
 */
export const jobsModule = new ContainerModule(({ bind }) => {
  bind<JobQueue>(JobQueue)
    .toResolvedValue((ws: Workstation, hooks: HostHooks) => {
      const queue = new JobQueueImpl(ws.index.db);
      // Recovery treats this process's own running jobs as interrupted: do it once per process and database.
      if (!recovered.has(ws.index.db.name)) {
        recovered.add(ws.index.db.name);
        queue.recover();
      }
      queue.onDidChangeJob(({ job }) => hooks.jobChanged.call({ jobId: job.id, app: String((job.payload as { app?: string } | undefined)?.app ?? job.type), state: job.state, fraction: job.progress }));
      return queue;
    }, [Workstation, HostHooks])
    .inSingletonScope();
  bind<JobRunner>(JobRunner)
    .toResolvedValue(
      (queue: JobQueue, registry: PluginRegistry, ws: Workstation, storages: PluginStorages, hooks: HostHooks, log: LogSink, render: RenderService) => {
        const runner = new JobRunnerImpl(queue);
        registerAppRunHandler(runner, { registry, workstation: ws, storages, hooks, render, log: (level, source, message) => log.write({ level, source, message }) });
        registerNetJobs(runner, ws);
        return runner;
      },
      [JobQueue, PluginRegistry, Workstation, PluginStorages, HostHooks, LogSink, RenderService],
    )
    .inSingletonScope();
});
