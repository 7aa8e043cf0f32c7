import type { ActivationEvent, ManifestOutput, PluginContext, PluginDefinition, PluginManifest, SeriesSelector } from '@atrium/sdk';
import type { BoundApp } from './bind-app.js';
import type { PluginOrigin } from './discover-plugins.js';
import type { PluginProblem } from './plugin-problem.js';
import { serviceToken } from '../core/service-token.js';

/**
 * - `discovered`: manifest valid, code not imported yet;
 * - `invalid`: refused before any code ran (manifest, SDK range, duplicate id);
 * - `active`: imported and activated;
 * - `failed`: threw at import or activate, or its apps differ from the manifest.
 */
export type PluginState = 'discovered' | 'invalid' | 'active' | 'failed';

/** A plugin as `atrium plugins` lists it. */
export interface PluginStatus {
  /** Plugin id; for a package whose id cannot be read, its package name or folder name. */
  readonly id: string;
  readonly version?: string;
  readonly packageDir: string;
  readonly origin: PluginOrigin;
  readonly state: PluginState;
  /** Why it is `invalid` or `failed`; [] otherwise. */
  readonly problems: readonly PluginProblem[];
  /** The validated manifest (absent when `invalid`). */
  readonly manifest?: PluginManifest;
}

/** An app, as the manifests declare it (no plugin code needed to list or resolve apps). */
export interface AppEntry {
  /** `<pluginId>.<appId>`. */
  readonly qualifiedId: string;
  readonly pluginId: string;
  readonly pluginVersion: string;
  readonly appId: string;
  readonly title: string;
  readonly description?: string;
  /** Which series the app accepts. */
  readonly input: SeriesSelector;
  /** The derived series it writes, as the manifest declares them (IOD, cardinality, description). */
  readonly outputs: Readonly<Record<string, ManifestOutput>>;
  /** What a run with other parameters does with earlier runs' outputs of the same series (manifest; default keep). */
  readonly earlierRuns: 'keep' | 'replace';
  /** Its position in the manifest's `apps` (problems name the field as `apps[<index>]`). */
  readonly index: number;
  readonly packageDir: string;
  /** Absolute path of the plugin's entry module (what a worker imports). */
  readonly entry: string;
}

/** A plugin whose code is imported and activated. */
export interface LoadedPlugin {
  readonly manifest: PluginManifest;
  readonly definition: PluginDefinition;
  /** The frozen context `activate` received. */
  readonly context: PluginContext;
}

/**
 * The plugins the host found, validated from their manifests before any of their code
 * runs; code is imported on first use (`load`). Every error names the plugin and carries
 * a stable code (`ATRIUM_ERR_PLUGIN_*`, `ATRIUM_ERR_APP_*`); a broken plugin never takes
 * the host down.
 */
export interface PluginRegistry {
  /** Every plugin found (including invalid packages and duplicates), in discovery order. */
  list(): readonly PluginStatus[];
  /** The plugin with this id (the first found), or undefined. */
  get(pluginId: string): PluginStatus | undefined;
  /** Every app of every valid manifest, in discovery order. Imports nothing. */
  apps(): readonly AppEntry[];
  /**
   * The app with this qualified id (`<pluginId>.<appId>`) or this unique short id.
   * @throws AtriumError `ATRIUM_ERR_APP_UNKNOWN`, `ATRIUM_ERR_APP_AMBIGUOUS`, or the
   *   plugin's own code when the app belongs to an invalid plugin.
   */
  resolveApp(idOrQualified: string): AppEntry;
  /**
   * Import the plugin's entry (once), check that its apps match the manifest, and call
   * `activate` (once) with a frozen per-plugin context.
   * @throws AtriumError `ATRIUM_ERR_PLUGIN_UNKNOWN`, the plugin's manifest problem code,
   *   `ATRIUM_ERR_PLUGIN_LOAD`, `ATRIUM_ERR_PLUGIN_APPS_MISMATCH`, `ATRIUM_ERR_PLUGIN_ACTIVATE`
   *   (the same error again on later calls: a failed plugin is not retried).
   */
  load(pluginId: string): Promise<LoadedPlugin>;
  /**
   * Load and activate every valid plugin whose manifest lists `event` among its
   * `activationEvents` (VS Code's activation events), before the host does what the event
   * reports. A plugin that fails is logged and left failed; the others are activated.
   * Returns the ids of the plugins active for the event.
   */
  activateFor(event: ActivationEvent): Promise<readonly string[]>;
  /** {@link resolveApp} then {@link load}; returns the app as the host runs it: its manifest entry joined with its code. */
  loadApp(idOrQualified: string): Promise<{ readonly app: AppEntry; readonly definition: BoundApp }>;
  /** Deactivate every active plugin and dispose its subscriptions; they return to `discovered`. */
  dispose(): Promise<void>;
}

/** DI token of {@link PluginRegistry}. */
export const PluginRegistry = serviceToken<PluginRegistry>('PluginRegistry');
