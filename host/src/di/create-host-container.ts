import { deriveModule } from './derive-module.js';
import type { HostConfig } from './host-config.js';
import { hostModule } from './host-module.js';
import { Container, type ContainerModule } from './inversify.js';
import { jobsModule } from './jobs-module.js';
import { pluginsModule } from './plugins-module.js';
import { renderModule } from './render-module.js';
import { storeModule } from './store-module.js';
import { webModule } from './web-module.js';

/** How to build a host container. */
export interface HostContainerOptions extends Omit<HostConfig, 'pluginFolders'> {
  readonly pluginFolders?: readonly string[];
  /** More modules, loaded after the host's own (a subsystem not wired here yet, test doubles). */
  readonly modules?: readonly ContainerModule[];
}

/**
 * The host's container: one `ContainerModule` per subsystem (host basics, store/index,
 * plugins, jobs, derive, render, web). Everything is a lazy singleton: nothing opens or scans until
 * asked for. Tests rebind only side effects (`LogSink`, `PluginDiscovery`) on the result.
 * Release with {@link disposeHostContainer}.
 */
export function createHostContainer(options: HostContainerOptions): Container {
  const { modules = [], pluginFolders = [], ...rest } = options;
  const container = new Container();
  container.loadSync(hostModule({ ...rest, pluginFolders }), storeModule, pluginsModule, jobsModule, deriveModule, renderModule, webModule, ...modules);
  return container;
}

/** Unbind everything: plugins are deactivated, the workstation closed. */
export async function disposeHostContainer(container: Container): Promise<void> {
  await container.unbindAll();
}
