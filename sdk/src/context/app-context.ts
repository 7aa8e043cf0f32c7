import type { Deriver } from './deriver.js';
import type { SceneRenderer } from './scene-renderer.js';
import type { SourceSeries } from './source-series.js';

/** Messages tagged with the plugin id by the host. */
export interface Logger {
  info(message: string, details?: Readonly<Record<string, unknown>>): void;
  warn(message: string, details?: Readonly<Record<string, unknown>>): void;
  error(message: string, details?: Readonly<Record<string, unknown>>): void;
}

/** Small plugin-scoped persistent storage (JSON values), kept by the host per plugin id. */
export interface PluginStorage {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * An object an earlier run of the same app wrote from the same input series, with other
 * parameters: this run supersedes it, and the host removes it from the store when this run
 * succeeds (the study never holds two contradictory results).
 */
export interface SupersededObject {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
}

/** What `run` receives besides its input and parameters. Frozen; valid during the run only. */
export interface AppContext {
  /** The derivation engine: writes derived objects (see {@link Deriver}). */
  readonly derive: Deriver;
  /** Report progress: `fraction` from 0 to 1, and what is being done. */
  progress(fraction: number, message?: string): void;
  readonly log: Logger;
  /** Aborted when the job is cancelled; long loops should check `signal.aborted` or `signal.throwIfAborted()`. */
  readonly signal: AbortSignal;
  readonly storage: PluginStorage;
  /**
   * The run's start time: the Content Date/Time the host writes on every derived object of the
   * run. Use it for times the app prints or encodes (an analysis or verification date-time), so
   * they agree with the objects. Optional: hosts that cannot provide it leave it undefined.
   */
  readonly now?: Date;
  /**
   * What this run supersedes: the objects earlier runs of this app wrote from this input series
   * with other parameters (a report names them, e.g. an SR's Predecessor Documents Sequence).
   * The host removes them when the run succeeds; it gives none when the user keeps them
   * (`atrium run --keep-previous`). Optional: hosts that do not track earlier runs leave it undefined.
   */
  readonly superseded?: readonly SupersededObject[];
  /** Warnings to report with the result (unmet load expectations are added by the host). */
  warn(message: string): void;
  /**
   * The host's 3-D renderer (volume and surface rendering on WebGL2). Optional: hosts without one
   * (and test harnesses) leave it undefined; Atrium's host provides it to every app run.
   */
  readonly render?: SceneRenderer;
  /**
   * Another series of the input's study, read-only, sorted as the input is (for example the CT of a
   * SPECT/CT study for attenuation correction, named by a parameter). Its instances are not input
   * instances: they cannot be `sources` of derived objects. Rejects with `ATRIUM_ERR_APP_INPUT` when
   * no series with this Series Instance UID is stored in the input's study (or the UID is not a UID).
   * Optional: hosts that cannot provide it leave it undefined (Atrium's host provides it to every run).
   */
  readSeries?(seriesInstanceUID: string): Promise<SourceSeries>;
}
