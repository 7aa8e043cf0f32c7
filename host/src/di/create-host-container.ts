import { appsModule } from './apps-module.js';
import { dbModule } from './db-module.js';
import type { HostConfig } from './host-config.js';
import { hostModule } from './host-module.js';
import { Container, type ContainerModule } from './inversify.js';
import { jobsModule } from './jobs-module.js';
import { netModule } from './net-module.js';
import { pluginsModule } from './plugins-module.js';
import { renderModule } from './render-module.js';
import { storeModule } from './store-module.js';

/** How to build a host container. */
export interface HostContainerOptions extends Omit<HostConfig, 'pluginFolders'> {
  readonly pluginFolders?: readonly string[];
  /** More modules, loaded after the host's own (test doubles, a subsystem of an embedding program). */
  readonly modules?: readonly ContainerModule[];
}

/**
 * The host's container: one `ContainerModule` per subsystem with state or side effects
 * (host basics, db, store, jobs, net, plugins, apps, render; io, derive, importer and deid
 * are functions over these services). Every service is a lazy singleton, and each module
 * imports only the tokens: an implementation's code is loaded when the service is first
 * resolved (`getAsync`), so a command loads what it uses. Tests rebind only side effects
 * (`LogSink`, `PluginDiscovery`). Release with {@link disposeHostContainer}.
 */
export function createHostContainer(options: HostContainerOptions): Container {
  const { modules = [], pluginFolders = [], ...rest } = options;
  const container = new Container();
  container.loadSync(hostModule({ ...rest, pluginFolders }), dbModule, storeModule, jobsModule, netModule, pluginsModule, appsModule, renderModule, ...modules);
  return container;
}

/** Unbind everything: plugins are deactivated, the store and its database closed, the render browser closed. */
export async function disposeHostContainer(container: Container): Promise<void> {
  await container.unbindAll();
}
