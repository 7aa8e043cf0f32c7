import type { Disposable, PluginContext } from '@atrium/sdk';
import type { LogSink } from '../core/log-sink.js';
import type { PluginEventHub } from './plugin-event-hub.js';
import { createPluginLogger } from './plugin-logger.js';
import { PluginErrorCode } from './plugin-problem.js';
import type { PluginStorages } from './plugin-storages.js';

/** A plugin's context and the switch that releases everything it registered. */
export interface PluginContextHandle {
  /** Frozen (assigning a property throws in strict mode); only `subscriptions` accepts pushes. */
  readonly context: PluginContext;
  /**
   * Dispose `subscriptions` (last pushed first) and remove every event listener of the
   * plugin. A throwing `dispose` is logged with the plugin id; the rest still run.
   */
  dispose(): void;
}

/** What a plugin context is made of. */
export interface PluginContextDeps {
  readonly log: LogSink;
  readonly storages: PluginStorages;
  readonly events: PluginEventHub;
}

/**
 * The per-plugin context `activate` receives: a logger tagged with the plugin id, the
 * plugin's own storage, host events as disposable subscriptions, and `subscriptions`.
 * Nothing in it reaches the container, a hook, or another plugin.
 */
export function createPluginContext(pluginId: string, deps: PluginContextDeps): PluginContextHandle {
  const store = deps.storages.forPlugin(pluginId);
  const storage = Object.freeze({
    get: <T = unknown>(key: string) => store.get<T>(key),
    set: (key: string, value: unknown) => store.set(key, value),
    delete: (key: string) => store.delete(key),
  });
  const events = deps.events.forPlugin(pluginId);
  const subscriptions: Disposable[] = [];
  const context: PluginContext = Object.freeze({
    pluginId,
    log: createPluginLogger(pluginId, deps.log),
    storage,
    events: events.events,
    subscriptions,
  });
  const dispose = (): void => {
    while (subscriptions.length > 0) {
      const d = subscriptions.pop() as Partial<Disposable> | undefined;
      try {
        if (typeof d?.dispose === 'function') d.dispose();
      } catch (e) {
        try {
          deps.log.write({ level: 'error', source: pluginId, message: `plugin ${pluginId}: a subscription's dispose threw: ${e instanceof Error ? e.message : String(e)}`, details: { code: PluginErrorCode.LISTENER, pluginId } });
        } catch {
          // logging must not break the host
        }
      }
    }
    events.disposeAll();
  };
  return Object.freeze({ context, dispose });
}
