import type { PluginStorage, SceneRenderer, SourceSeries } from '@atrium/sdk';
import type { DerivedObject } from '../derive/derive-object.js';
import type { DerivedIdentity, WrittenObject } from './app-worker-protocol.js';
import type { PreviousOutput } from './previous-outputs.js';

/**
 * What an app run needs from what hosts it ({@link executeApp}): the worker thread of `atrium run`
 * (storing through the main thread's store) or the plugin authors' kit (`@atrium/testing`,
 * keeping the objects in memory). Everything else — parameter validation, the input selector and
 * load specification checks, the mapping engine, UIDs — is the same code in both.
 */
export interface AppRunHost {
  readonly pluginId: string;
  readonly pluginVersion: string;
  /** The manifest's manufacturer (Secondary Capture Device Manufacturer). */
  readonly manufacturer?: string;
  /** The run's start time: the Series / Content / Instance Creation dates and times. */
  readonly now: Date;
  readonly stationName: string;
  readonly operatorsName: string;
  /** UID root of derived objects (default `2.25.`). */
  readonly uidRoot?: string;
  /** Aborted to cancel the run (`ctx.signal` of the app); the worker never aborts it, cancelling terminates the worker. */
  readonly signal?: AbortSignal;
  readonly storage: PluginStorage;
  /**
   * What earlier runs of the app wrote from the input series, which the host removes when this
   * run succeeds: each series' context gives the app those of its series that it does not write
   * again (`ctx.superseded`). None when the user keeps them, or the host does not track them.
   */
  readonly previous?: readonly PreviousOutput[];
  /**
   * Store one derived object of `output`: its Part 10 bytes and identity, and the engine's object
   * (with the provenance of each attribute) when the mapping engine built it (not for
   * de-identified copies). Answers where it was written.
   */
  store(bytes: Uint8Array, output: string, identity: DerivedIdentity, derived?: DerivedObject): Promise<WrittenObject>;
  /** The Series Number of a derived series: its existing number, or the next free one in the study. */
  seriesNumber(studyInstanceUID: string, seriesInstanceUID: string): Promise<number>;
  /**
   * Another series of a study, for `ctx.readSeries` (e.g. a CT for attenuation correction); a host
   * that cannot provide it leaves it out, and so does the app's context.
   */
  readSeries?(studyInstanceUID: string, seriesInstanceUID: string): Promise<SourceSeries>;
  /**
   * The 3-D renderer behind `ctx.render` (the host's render service, headless Chromium); a host
   * without one leaves it out, and so does the app's context.
   */
  readonly render?: SceneRenderer;
  progress(fraction: number, message?: string): void;
  log(level: 'info' | 'warn' | 'error', message: string, details?: Readonly<Record<string, unknown>>): void;
}
