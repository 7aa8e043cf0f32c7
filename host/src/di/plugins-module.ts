import { discoverPlugins, PluginDiscovery } from '../plugins/discover-plugins.js';
import { createHostHooks, HostHooks } from '../hooks/host-hooks.js';
import { LogSink } from '../core/log-sink.js';
import { PluginEventHub, PluginEventHubImpl } from '../plugins/plugin-event-hub.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { PluginRegistryImpl } from '../plugins/plugin-registry-impl.js';
import { PluginStorages, PluginStoragesImpl } from '../plugins/plugin-storages.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';

/**
 * The plugin runtime: host hooks, the event hub that hands them to plugins, per-plugin
 * storage, discovery (a filesystem scan, done once on first use) and the registry
 * (disposed — plugins deactivated — when unbound).
 */
export const pluginsModule = new ContainerModule(({ bind }) => {
  bind<HostHooks>(HostHooks).toDynamicValue(() => createHostHooks()).inSingletonScope();
  bind<PluginEventHub>(PluginEventHub)
    .toResolvedValue((hooks: HostHooks, log: LogSink) => new PluginEventHubImpl(hooks, log), [HostHooks, LogSink])
    .inSingletonScope();
  bind<PluginStorages>(PluginStorages).toResolvedValue((config: HostConfig) => new PluginStoragesImpl(config.storeRoot), [HostConfig]).inSingletonScope();
  bind<PluginDiscovery>(PluginDiscovery)
    .toResolvedValue((config: HostConfig) => discoverPlugins({ ...config.discovery, folders: config.pluginFolders }), [HostConfig])
    .inSingletonScope();
  bind<PluginRegistry>(PluginRegistry)
    .toResolvedValue(
      (discovery: PluginDiscovery, log: LogSink, storages: PluginStorages, events: PluginEventHub, config: HostConfig) =>
        new PluginRegistryImpl(discovery, { log, storages, events, ...(config.activateTimeoutMs === undefined ? {} : { activateTimeoutMs: config.activateTimeoutMs }) }),
      [PluginDiscovery, LogSink, PluginStorages, PluginEventHub, HostConfig],
    )
    .inSingletonScope()
    .onDeactivation((registry) => registry.dispose());
});
