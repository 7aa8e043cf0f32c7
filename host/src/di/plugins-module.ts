import { LogSink } from '../core/log-sink.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { PluginDiscovery } from '../plugins/discover-plugins.js';
import { PluginEventHub } from '../plugins/plugin-event-hub.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { PluginStorages } from '../plugins/plugin-storages.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';

/**
 * The plugin runtime: the event hub that hands the host hooks to plugins, per-plugin
 * storage, discovery (a filesystem scan, done once on first use) and the registry
 * (disposed — plugins deactivated — when unbound).
 */
export const pluginsModule = new ContainerModule(({ bind }) => {
  bind(PluginEventHub)
    .toResolvedValue(async (hooks: HostHooks, log: LogSink) => new (await import('../plugins/plugin-event-hub.js')).PluginEventHubImpl(hooks, log), [HostHooks, LogSink])
    .inSingletonScope();
  bind(PluginStorages)
    .toResolvedValue(async (config: HostConfig) => new (await import('../plugins/plugin-storages.js')).PluginStoragesImpl(config.storeRoot), [HostConfig])
    .inSingletonScope();
  bind(PluginDiscovery)
    .toResolvedValue(async (config: HostConfig) => (await import('../plugins/discover-plugins.js')).discoverPlugins({ ...config.discovery, folders: config.pluginFolders }), [HostConfig])
    .inSingletonScope();
  bind(PluginRegistry)
    .toResolvedValue(
      async (discovery: PluginDiscovery, log: LogSink, storages: PluginStorages, events: PluginEventHub, config: HostConfig) => {
        const { PluginRegistryImpl } = await import('../plugins/plugin-registry-impl.js');
        return new PluginRegistryImpl(discovery, { log, storages, events, ...(config.activateTimeoutMs === undefined ? {} : { activateTimeoutMs: config.activateTimeoutMs }) });
      },
      [PluginDiscovery, LogSink, PluginStorages, PluginEventHub, HostConfig],
    )
    .inSingletonScope()
    .onDeactivation((registry) => registry.dispose());
});
