import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SDK_VERSION, type AppResult, type PluginDefinition, type PluginManifest, type SceneRenderer, type SupersededObject } from '@atrium/sdk';
import { AtriumError, bindApp, discoverPlugins, pluginDefinitionOf, validateManifest, type BoundApp } from '@atrium/host/engine';
import type { RunRecord } from './in-memory-host.js';
import type { DerivedTestObject } from './derived-test-object.js';
import { runInProcess } from './run-in-process.js';
import type { TestSeries } from './test-series.js';

/** Options of one {@link TestPlugin.run}. */
export interface TestRunOptions {
  /** Run on every series of the study the files hold, one after the other, as `atrium run --study` (default: the files are one series). */
  readonly study?: boolean;
  /** Aborting it cancels the run: the app sees `ctx.signal` aborted. */
  readonly signal?: AbortSignal;
  /** Called with every progress report of the app (e.g. to abort in the middle of a run). */
  readonly onProgress?: (fraction: number, message?: string) => void;
  /** The run's start time, which the date and time generators write (default: the current time). */
  readonly now?: Date;
  /** Check every derived object with dciodvfy (default true; skipped when dciodvfy is not installed, unless CI=true). */
  readonly dciodvfy?: boolean;
  /**
   * Other series of the input's study, as a workstation's store would hold them next to it: what the
   * app can read with `ctx.readSeries(seriesInstanceUID)` (e.g. the CT of a SPECT/CT study for
   * attenuation correction). The input series can be read too. A series of another study, or one not
   * given, is refused as `atrium run` refuses it (`ATRIUM_ERR_APP_INPUT`).
   */
  readonly studySeries?: readonly (TestSeries | readonly Uint8Array[])[];
  /**
   * Objects earlier runs of the app wrote from the input series, as `atrium run` finds them in its
   * store: the app sees those outside this run's own derived series as `ctx.superseded` (e.g. an
   * SR names them as its predecessors). Default none.
   */
  readonly superseded?: readonly SupersededObject[];
  /**
   * The 3-D renderer the app gets as `ctx.render`: {@link testRenderer} (the workstation's render
   * service, headless Chromium) or the test's own. Without it `ctx.render` is undefined, as on a
   * host without a renderer (an app that needs one refuses with its coded error).
   */
  readonly render?: SceneRenderer;
}

/** What a run did. */
export interface TestRun {
  /** What `run` returned: the summary line and the data. */
  readonly result: AppResult;
  /** Every derived object, in the order the app wrote them. */
  readonly objects: readonly DerivedTestObject[];
  /** The derived objects of one output, in the order written. */
  output(name: string): readonly DerivedTestObject[];
  /** Unmet load expectations and the app's own warnings (`ctx.warn`). */
  readonly warnings: readonly string[];
  /** The parameters the app ran with, validated and defaulted. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Every `ctx.progress` report, scaled to the whole run as `atrium run` shows it. */
  readonly progress: readonly { readonly fraction: number; readonly message?: string }[];
  /** Every `ctx.log` line. */
  readonly logs: readonly { readonly level: 'info' | 'warn' | 'error'; readonly message: string }[];
}

/** A plugin under test: its manifest checked as the host checks it, its apps ready to run in process. */
export interface TestPlugin {
  /** The manifest, as the host reads it (id, version and main defaulted from package.json). */
  readonly manifest: PluginManifest;
  /** An app as the host runs it: its manifest entry (title, input, outputs) joined with its code. */
  app(appId: string): BoundApp;
  /**
   * Run an app on a series as `atrium run` does — parameter validation (raw values: strings as
   * the command line gives them, or JSON values), the input selector and the load specification,
   * the mapping engine and its IOD validation, the store's receive validation (strict) — in this
   * process, keeping the derived objects in memory; each is checked with dciodvfy; `ctx.readSeries`
   * reads the input series and those of `options.studySeries`; `ctx.render` is `options.render`. The plugin's
   * storage and the Series Numbers last for the TestPlugin's life, and a re-run replaces what
   * the previous run wrote (same UIDs), as in a workstation.
   *
   * @throws what `atrium run` would report: SdkError `ATRIUM_ERR_PARAM_*`; AtriumError
   *   `ATRIUM_ERR_APP_INPUT`, `ATRIUM_ERR_APP_LOAD_MANDATORY`, `ATRIUM_ERR_DERIVE_*`,
   *   `ATRIUM_ERR_APP_STORE` (refused by the receive validation), `ATRIUM_ERR_APP_STORE_ORIGINAL`;
   *   the app's own error; an Error listing dciodvfy's errors when an object is not valid for its IOD.
   */
  run(appId: string, input: TestSeries | readonly Uint8Array[], params?: Readonly<Record<string, unknown>>, options?: TestRunOptions): Promise<TestRun>;
}

/**
 * Load a plugin for testing from its package folder (holding the package.json with the `atrium`
 * manifest) and its definition (the entry module's default export, imported by the test): the
 * manifest is checked against the schema and `engines.sdk` against this SDK, and the code against
 * the manifest, as the host does when it loads the plugin — the same coded errors
 * (`ATRIUM_ERR_PLUGIN_MANIFEST`, `ATRIUM_ERR_PLUGIN_SDK_RANGE`, `ATRIUM_ERR_PLUGIN_APPS_MISMATCH`).
 *
 * @example
 * ```ts
 * import plugin from './index.js';
 * const kit = testPlugin(new URL('..', import.meta.url), plugin);
 * const run = await kit.run('grey-level', testSeries({ rows: 4, columns: 4, images: [new Int16Array(16)] }), { grey: '200' });
 * ```
 */
export function testPlugin(packageDir: string | URL, definition: PluginDefinition): TestPlugin {
  const dir = resolve(packageDir instanceof URL ? fileURLToPath(packageDir) : packageDir);
  const { plugins, rejected } = discoverPlugins({ roots: [], folders: [dir], nodeModules: [], env: {} });
  const refused = rejected.find((r) => r.packageDir === dir);
  if (refused) throw AtriumError.relay(refused.problem.code, 'ATRIUM_ERR_PLUGIN_MANIFEST', refused.problem.message, { packageDir: dir });
  const found = plugins.find((p) => p.packageDir === dir);
  if (!found) throw new Error(`testPlugin: ${dir} holds no package.json with an "atrium" manifest`);
  const check = validateManifest(found, SDK_VERSION, { entryOnDisk: false });
  if (!check.ok) throw AtriumError.relay(check.problems[0]!.code, 'ATRIUM_ERR_PLUGIN_MANIFEST', check.problems.map((p) => p.message).join('; '), { problems: check.problems });
  const manifest = check.manifest;
  pluginDefinitionOf({ default: definition }, manifest, check.entry);
  const app = (appId: string): BoundApp => {
    const index = manifest.apps.findIndex((a) => a.id === appId);
    if (index < 0) throw new Error(`testPlugin: ${manifest.id} has no app "${appId}"; its apps: ${manifest.apps.map((a) => a.id).join(', ')}`);
    return bindApp(manifest.id, manifest.apps[index]!, definition.apps.find((a) => a.id === appId)!, index);
  };
  const record: RunRecord = { stored: new Set(), seriesNumbers: new Map(), storage: new Map() };
  const plugin: TestPlugin = {
    manifest,
    app,
    run: (appId, input, params = {}, options = {}) => runInProcess(app(appId), manifest, record, input, params, options),
  };
  return Object.freeze(plugin);
}
