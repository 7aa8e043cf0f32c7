import type { JobQueue } from '../jobs/job-queue.js';
import type { JobRunner } from '../jobs/job-runner.js';
import type { HostHooks } from '../plugins/host-hooks.js';
import type { PluginRegistry } from '../plugins/plugin-registry.js';
import type { Workstation } from '../workstation.js';

/** What the web server serves from: the host's parts, as the container builds them (`webModule`). */
export interface WebServices {
  readonly workstation: Workstation;
  readonly registry: PluginRegistry;
  readonly queue: JobQueue;
  readonly runner: JobRunner;
  readonly hooks: HostHooks;
}
