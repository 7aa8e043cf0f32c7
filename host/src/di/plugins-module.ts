import type { ActivationEvent } from '@atrium/sdk';
import { LogSink } from '../core/log-sink.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { PluginDiscovery } from '../plugins/discover-plugins.js';
import { PluginEventHub } from '../plugins/plugin-event-hub.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { PluginStorages } from '../plugins/plugin-storages.js';
import { InstanceStore } from '../store/instance-store.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';

/**
 * The plugin runtime: the event hub that hands the host hooks to plugins, per-plugin
 * storage, discovery (a filesystem scan, done once on first use) and the registry
 * (disposed — plugins deactivated — when unbound). When the store is made — in whichever
 * process stores: `atrium import`, `atrium serve`, an app run, a C-GET —, the plugins whose
 * manifest asks for the store's events (`activationEvents`) are activated first, so their
 * listeners hear every instance stored.
 */
export const pluginsModule = new ContainerModule(({ bind, onActivation }) => {
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
  onActivation(InstanceStore, async (context, store) => {
    const registry = await context.getAsync(PluginRegistry);
    for (const event of STORE_EVENTS) await registry.activateFor(event);
    return store;
  });
});

/** The activation events of the store's events (`onDidStoreInstance`, `onDidCompleteSeries`). */
const STORE_EVENTS: readonly ActivationEvent[] = ['onDidStoreInstance', 'onDidCompleteSeries'];
