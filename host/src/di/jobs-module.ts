import { ContainerModule } from './inversify.js';

/**
 * Slot for the jobs subsystem (issue 3, deliverable 3). `host/src/jobs` defines
 * `interface JobQueue` + `const JobQueue = Symbol('JobQueue')` + `JobQueueImpl` (and the
 * worker-thread app runner); bind them here, e.g.
 * `bind<JobQueue>(JobQueue).toResolvedValue((index: Index, hooks: HostHooks, plugins: PluginRegistry) => new JobQueueImpl(...), [Index, HostHooks, PluginRegistry]).inSingletonScope()`.
 * Loaded by `createHostContainer`; binds nothing yet.
 */
export const jobsModule = new ContainerModule(() => {
  // intentionally empty until host/src/jobs lands
});
