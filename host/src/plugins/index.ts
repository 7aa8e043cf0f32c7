/** The plugin runtime's loading side: discover → validate (JSON only) → import on first use → activate. */
export { discoverPlugins, defaultPluginRoots, defaultNodeModules, type DiscoveredPlugin, type DiscoverOptions, PluginDiscovery, type PluginOrigin, type RejectedPackage } from './discover-plugins.js';
export { validateManifest, type ManifestCheck } from './validate-manifest.js';
export { PluginErrorCode, type PluginProblem } from './plugin-problem.js';
export { PluginRegistry, type AppEntry, type LoadedPlugin, type PluginState, type PluginStatus } from './plugin-registry.js';
export { PluginRegistryImpl, type PluginRegistryDeps } from './plugin-registry-impl.js';
export { pluginDefinitionOf } from './plugin-definition-of.js';
export { createPluginContext, type PluginContextDeps, type PluginContextHandle } from './create-plugin-context.js';
export { PluginEventHub, PluginEventHubImpl, PLUGIN_EVENTS_TAP, type PluginEvents } from './plugin-event-hub.js';
export { PluginStorages, PluginStoragesImpl } from './plugin-storages.js';
export { JsonPluginStorage } from './json-plugin-storage.js';
export { createPluginLogger } from './plugin-logger.js';
export { tagPluginError } from './tag-plugin-error.js';
