import { HostHooks } from '../plugins/host-hooks.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import type { WebServices as WebServicesShape } from '../web/web-services.js';
import { ContainerModule } from './inversify.js';
import { JobQueue, JobRunner } from './jobs-module.js';
import { Workstation } from './store-module.js';

/** What the web server serves from (the store, the plugins, the job queue and runner, the host hooks). */
export type WebServices = WebServicesShape;
/** DI token of {@link WebServices}. */
export const WebServices = Symbol('WebServices');

/**
 * The web subsystem: the services `createWebServer` (host/src/web) is built on, resolved
 * from the other modules. The server itself is made by the `web` command with its port,
 * address and token.
 */
export const webModule = new ContainerModule(({ bind }) => {
  bind<WebServices>(WebServices)
    .toResolvedValue(
      (workstation: Workstation, registry: PluginRegistry, queue: JobQueue, runner: JobRunner, hooks: HostHooks): WebServices => ({ workstation, registry, queue, runner, hooks }),
      [Workstation, PluginRegistry, JobQueue, JobRunner, HostHooks],
    )
    .inSingletonScope();
});
