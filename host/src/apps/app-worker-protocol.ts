import type { AppResult, ManifestApp, RenderedImage, Scene } from '@atrium/sdk';
import type { PreviousOutput } from './previous-outputs.js';

/** What the main thread hands the app worker. Plain data (structured-cloned). */
export interface AppWorkerData {
  /** File URL of the plugin's entry module. */
  readonly entryUrl: string;
  readonly pluginId: string;
  readonly pluginVersion: string;
  /** The app as the manifest declares it (title, input, outputs); the worker joins it with the app's code. */
  readonly declared: ManifestApp;
  /** Its position in the manifest's `apps`. */
  readonly appIndex: number;
  readonly manufacturer?: string;
  /** Absolute paths of the stored source instance files. */
  readonly files: readonly string[];
  /** True when the host serves `render.scene` (the apps' `ctx.render`). */
  readonly render?: boolean;
  /** Parameters as given (strings from the command line, or JSON values). */
  readonly rawParams: Readonly<Record<string, unknown>>;
  /** The run's start time (ISO 8601). */
  readonly now: string;
  readonly stationName: string;
  readonly operatorsName: string;
  readonly uidRoot?: string;
  /** What earlier runs of the app wrote from the input series (none when the user keeps them). */
  readonly previous?: readonly PreviousOutput[];
  /**
   * Set for a study run: `files` hold every series of this study; the app runs on each series
   * it accepts in turn (the others are skipped with a warning).
   */
  readonly studyInstanceUID?: string;
}

/** A derived object written by the app, as the store reported it. */
export interface WrittenObject {
  readonly output: string;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly status: 'stored' | 'replaced';
}

/** What the worker returns. */
export interface AppWorkerResult {
  readonly result: AppResult;
  readonly written: readonly WrittenObject[];
  /** Unmet load expectations and the app's own warnings. */
  readonly warnings: readonly string[];
  /** The validated, defaulted parameters the app ran with. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** Events the worker emits. */
export type AppWorkerEvent =
  | { readonly kind: 'progress'; readonly fraction: number; readonly message?: string }
  | { readonly kind: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string; readonly details?: Readonly<Record<string, unknown>> };

/** The identity of a derived object about to be stored. */
export interface DerivedIdentity {
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
  readonly SOPInstanceUID: string;
  readonly SOPClassUID: string;
}

/** Main-thread methods the worker calls. */
export interface AppWorkerCalls {
  /** Store a derived Part 10 object through the normal store path (after the `beforeDerivedStore` hook). */
  store(bytes: Uint8Array, output: string, info: DerivedIdentity): Promise<WrittenObject>;
  /** The Series Number of a derived series: its existing number, or the next free one in the study. */
  seriesNumber(studyInstanceUID: string, seriesInstanceUID: string): number;
  /** Render a 3-D scene with the host's render service (one image per camera). */
  'render.scene'(scene: Scene): Promise<RenderedImage[]>;
  'storage.get'(key: string): unknown;
  'storage.set'(key: string, value: unknown): void;
  'storage.delete'(key: string): void;
}
