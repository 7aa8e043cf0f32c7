import type { Disposable, HostEvents, InstanceEvent, JobEvent } from '@atrium/sdk';
import { HookStage, type HostHooks } from '../hooks/host-hooks.js';
import type { LogSink } from '../core/log-sink.js';
import { PluginErrorCode } from './plugin-problem.js';
import { serviceToken } from '../core/service-token.js';

/** One plugin's view of the host events, and the switch that removes all its listeners. */
export interface PluginEvents {
  /** Frozen; what `PluginContext.events` is. */
  readonly events: HostEvents;
  /** Remove every listener this plugin added (idempotent). */
  disposeAll(): void;
}

/**
 * Turns the host's tapable hooks into plugin events: one named host tap per hook (stage
 * {@link HookStage.PLUGINS}) fans out to the plugin listeners of that event. Each
 * subscription is a {@link Disposable} that removes the listener (tapable has no untap).
 * A listener that throws (or rejects) is logged with its plugin id; the host and the
 * other listeners go on.
 */
export interface PluginEventHub {
  forPlugin(pluginId: string): PluginEvents;
  /** Live plugin listeners, all events together (diagnostics, tests). */
  listenerCount(): number;
}

/** DI token of {@link PluginEventHub}. */
export const PluginEventHub = serviceToken<PluginEventHub>('PluginEventHub');

type EventName = keyof HostEvents;
interface Listener {
  readonly pluginId: string;
  readonly fn: (e: never) => unknown;
}

/** The tap name the hub uses on every host hook. */
export const PLUGIN_EVENTS_TAP = 'atrium:plugin-events';

/** Default {@link PluginEventHub}. */
export class PluginEventHubImpl implements PluginEventHub {
  private readonly listeners: Record<EventName, Set<Listener>> = {
    onDidStoreInstance: new Set(),
    onDidCompleteSeries: new Set(),
    onWillStoreDerived: new Set(),
    onDidChangeJob: new Set(),
  };

  constructor(hooks: HostHooks, private readonly log: LogSink) {
    const tap = { name: PLUGIN_EVENTS_TAP, stage: HookStage.PLUGINS };
    hooks.instanceStored.tap(tap, (i) => this.emit('onDidStoreInstance', instanceEvent(i)));
    hooks.seriesComplete.tap(tap, (s) => this.emit('onDidCompleteSeries', Object.freeze({ studyInstanceUID: s.StudyInstanceUID, seriesInstanceUID: s.SeriesInstanceUID })));
    hooks.beforeDerivedStore.tap(tap, (d) => this.emit('onWillStoreDerived', Object.freeze({ ...instanceEvent(d), app: d.app })));
    hooks.jobChanged.tap(tap, (j) => this.emit('onDidChangeJob', Object.freeze({ jobId: j.jobId, app: j.app, state: j.state } satisfies JobEvent)));
  }

  forPlugin(pluginId: string): PluginEvents {
    const mine = new Set<Disposable>();
    const subscribe = (event: EventName) => (fn: (e: never) => unknown): Disposable => {
      if (typeof fn !== 'function') throw new TypeError(`plugin ${pluginId}: events.${event} needs a listener function`);
      const listener: Listener = { pluginId, fn };
      this.listeners[event].add(listener);
      const subscription: Disposable = Object.freeze({
        dispose: () => {
          this.listeners[event].delete(listener);
          mine.delete(subscription);
        },
      });
      mine.add(subscription);
      return subscription;
    };
    const events: HostEvents = Object.freeze({
      onDidStoreInstance: subscribe('onDidStoreInstance'),
      onDidCompleteSeries: subscribe('onDidCompleteSeries'),
      onWillStoreDerived: subscribe('onWillStoreDerived'),
      onDidChangeJob: subscribe('onDidChangeJob'),
    });
    return Object.freeze({ events, disposeAll: () => [...mine].forEach((d) => d.dispose()) });
  }

  listenerCount(): number {
    return Object.values(this.listeners).reduce((n, s) => n + s.size, 0);
  }

  private emit(event: EventName, payload: unknown): void {
    for (const { pluginId, fn } of [...this.listeners[event]]) {
      try {
        const result = (fn as (e: unknown) => unknown)(payload);
        if (isThenable(result)) result.then(undefined, (e: unknown) => this.report(pluginId, event, e));
      } catch (e) {
        this.report(pluginId, event, e);
      }
    }
  }

  private report(pluginId: string, event: EventName, error: unknown): void {
    try {
      this.log.write({
        level: 'error',
        source: pluginId,
        message: `plugin ${pluginId}: listener for ${event} threw: ${error instanceof Error ? error.message : String(error)}`,
        details: { code: PluginErrorCode.LISTENER, pluginId, event },
      });
    } catch {
      // logging must not break the host
    }
  }
}

function instanceEvent(i: { StudyInstanceUID: string; SeriesInstanceUID: string; SOPInstanceUID: string; SOPClassUID: string }): InstanceEvent {
  return Object.freeze({ studyInstanceUID: i.StudyInstanceUID, seriesInstanceUID: i.SeriesInstanceUID, sopInstanceUID: i.SOPInstanceUID, sopClassUID: i.SOPClassUID });
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
