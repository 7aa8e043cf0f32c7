import type { JobEvent } from '@atrium/sdk';
import { AsyncSeriesHook, SyncHook } from 'tapable';
import type { InstanceStoredInfo, SeriesCompleteInfo } from '../store/store-events.js';
import { serviceToken } from '../core/service-token.js';

export type { InstanceStoredInfo, SeriesCompleteInfo } from '../store/store-events.js';

/** A derived object about to be stored (validated, not yet written). */
export interface DerivedStoreInfo {
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
  readonly SOPInstanceUID: string;
  readonly SOPClassUID: string;
  /** Qualified app id, `<pluginId>.<appId>`. */
  readonly app: string;
  /** The app's output name. */
  readonly output: string;
}

/** A job changed state or progress. */
export interface JobChangedInfo {
  readonly jobId: number;
  /** Qualified app id. */
  readonly app: string;
  readonly state: JobEvent['state'];
  /** Progress fraction 0–1, when known. */
  readonly fraction?: number;
  readonly message?: string;
}

/**
 * The host's extension points (tapable). Host code taps them with a name and, where order
 * matters, a {@link HookStage}; plugins never see them (they get `PluginContext.events`).
 */
export interface HostHooks {
  /**
   * After an instance is stored and indexed — imported, received by C-STORE or derived:
   * called from the store's one commit path (`InstanceStore.events`, wired by the store
   * module). Taps must not throw: the store has already succeeded.
   */
  readonly instanceStored: SyncHook<[InstanceStoredInfo]>;
  /** After a series is complete: nothing new for the stable age, the end of an import, or a derivation done. */
  readonly seriesComplete: SyncHook<[SeriesCompleteInfo]>;
  /** Before a derived object is stored; a tap that rejects stops the store. */
  readonly beforeDerivedStore: AsyncSeriesHook<[DerivedStoreInfo]>;
  /** After a job changed state or progress. */
  readonly jobChanged: SyncHook<[JobChangedInfo]>;
}

/** DI token of {@link HostHooks}. */
export const HostHooks = serviceToken<HostHooks>('HostHooks');

/**
 * Tap stages (tapable runs lower stages first). Host bookkeeping runs before anything
 * else; plugin listeners run last, after the host has acted on the event.
 */
export const HookStage = Object.freeze({
  /** The host's own bookkeeping (index, job table). */
  HOST: -100,
  /** Taps with no particular order. */
  DEFAULT: 0,
  /** The fan-out to plugin listeners (`PluginContext.events`). */
  PLUGINS: 100,
});

/** A new, frozen set of host hooks. */
export function createHostHooks(): HostHooks {
  return Object.freeze({
    instanceStored: new SyncHook<[InstanceStoredInfo]>(['instance'], 'instanceStored'),
    seriesComplete: new SyncHook<[SeriesCompleteInfo]>(['series'], 'seriesComplete'),
    beforeDerivedStore: new AsyncSeriesHook<[DerivedStoreInfo]>(['derived'], 'beforeDerivedStore'),
    jobChanged: new SyncHook<[JobChangedInfo]>(['job'], 'jobChanged'),
  });
}
