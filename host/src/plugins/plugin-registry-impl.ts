import { pathToFileURL } from 'node:url';
import { SDK_VERSION, type ActivationEvent, type PluginManifest } from '@atrium/sdk';
import { bindApp, type BoundApp } from './bind-app.js';
import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import { createPluginContext, type PluginContextDeps, type PluginContextHandle } from './create-plugin-context.js';
import type { DiscoveredPlugin, PluginDiscovery, PluginOrigin } from './discover-plugins.js';
import type { LogEntry } from '../core/log-sink.js';
import { pluginDefinitionOf } from './plugin-definition-of.js';
import { PluginErrorCode, type PluginProblem } from './plugin-problem.js';
import type { AppEntry, LoadedPlugin, PluginRegistry, PluginState, PluginStatus } from './plugin-registry.js';
import { validateManifest } from './validate-manifest.js';

/** What the registry needs besides the discovery result. */
export interface PluginRegistryDeps extends PluginContextDeps {
  /** The SDK version plugins are checked against (default: the SDK's `SDK_VERSION`). */
  readonly sdkVersion?: string;
  /** How long `activate` (and `deactivate`) may take, in ms (default 30 000). */
  readonly activateTimeoutMs?: number;
}

interface Entry {
  readonly id: string;
  readonly packageDir: string;
  readonly origin: PluginOrigin;
  readonly version?: string;
  readonly manifest?: PluginManifest;
  readonly entry?: string;
  state: PluginState;
  problems: readonly PluginProblem[];
  failure?: AtriumError;
  loading?: Promise<LoadedPlugin>;
  loaded?: { readonly plugin: LoadedPlugin; readonly handle: PluginContextHandle };
}

/**
 * Default {@link PluginRegistry}: validates every discovered manifest at construction
 * (JSON only), imports and activates a plugin on first `load`.
 */
export class PluginRegistryImpl implements PluginRegistry {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  private readonly appEntries: AppEntry[] = [];
  private readonly activeOrder: Entry[] = [];
  private readonly timeoutMs: number;

  constructor(discovery: PluginDiscovery, private readonly deps: PluginRegistryDeps) {
    this.timeoutMs = deps.activateTimeoutMs ?? 30_000;
    for (const plugin of discovery.plugins) this.add(plugin, deps.sdkVersion ?? SDK_VERSION);
    for (const r of discovery.rejected) {
      this.entries.push({ id: r.label, packageDir: r.packageDir, origin: r.origin, state: 'invalid', problems: [r.problem] });
      this.warn(r.label, r.problem);
    }
  }

  list(): readonly PluginStatus[] {
    return this.entries.map((e) => this.status(e));
  }

  get(pluginId: string): PluginStatus | undefined {
    const e = this.byId.get(pluginId);
    return e && this.status(e);
  }

  apps(): readonly AppEntry[] {
    return [...this.appEntries];
  }

  resolveApp(idOrQualified: string): AppEntry {
    const exact = this.appEntries.find((a) => a.qualifiedId === idOrQualified);
    if (exact) return exact;
    const short = this.appEntries.filter((a) => a.appId === idOrQualified);
    if (short.length === 1) return short[0]!;
    if (short.length > 1) {
      const candidates = short.map((a) => a.qualifiedId);
      throw new AtriumError(PluginErrorCode.APP_AMBIGUOUS, `app id "${idOrQualified}" is ambiguous: use one of ${candidates.join(', ')}`, { app: idOrQualified, candidates });
    }
    const owner = this.entries.find((e) => e.state === 'invalid' && idOrQualified.startsWith(`${e.id}.`));
    if (owner) throw this.invalidError(owner);
    const available = this.appEntries.map((a) => a.qualifiedId);
    throw new AtriumError(PluginErrorCode.APP_UNKNOWN,
      `no app "${idOrQualified}": ${available.length > 0 ? `installed apps are ${available.join(', ')}` : 'no apps are installed'}`,
      { app: idOrQualified, available });
  }

  load(pluginId: string): Promise<LoadedPlugin> {
    const e = this.byId.get(pluginId);
    if (!e) {
      const known = [...this.byId.keys()];
      return Promise.reject(new AtriumError(PluginErrorCode.UNKNOWN, `no plugin "${pluginId}"${known.length > 0 ? `: found ${known.join(', ')}` : ': no plugins were found'}`, { pluginId, known }));
    }
    if (e.state === 'invalid') return Promise.reject(this.invalidError(e));
    if (e.failure) return Promise.reject(e.failure);
    if (e.loaded) return Promise.resolve(e.loaded.plugin);
    e.loading ??= this.activate(e).finally(() => (e.loading = undefined));
    return e.loading;
  }

  async activateFor(event: ActivationEvent): Promise<readonly string[]> {
    const wanted = [...this.byId.values()].filter((e) => e.state !== 'invalid' && e.manifest?.activationEvents?.includes(event));
    const active: string[] = [];
    for (const e of wanted) {
      try {
        await this.load(e.id);
        active.push(e.id);
      } catch {
        // load() recorded the failure and logged it; the host and the other plugins go on.
      }
    }
    return active;
  }

  async loadApp(idOrQualified: string): Promise<{ readonly app: AppEntry; readonly definition: BoundApp }> {
    const app = this.resolveApp(idOrQualified);
    const { definition } = await this.load(app.pluginId);
    return { app, definition: bindApp(app.pluginId, { id: app.appId, title: app.title, description: app.description, input: app.input, outputs: app.outputs }, definition.apps.find((a) => a.id === app.appId)!, app.index) };
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.entries.map((e) => e.loading));
    for (const e of this.activeOrder.splice(0).reverse()) {
      const loaded = e.loaded;
      if (!loaded) continue;
      const def = loaded.plugin.definition;
      if (def.deactivate) {
        try {
          await this.withTimeout(Promise.resolve().then(() => def.deactivate!.call(def)));
        } catch (err) {
          this.write({ level: 'error', source: e.id, message: `plugin ${e.id}: deactivate ${failure(err)}`, details: { code: PluginErrorCode.LISTENER, pluginId: e.id } });
        }
      }
      loaded.handle.dispose();
      e.loaded = undefined;
      e.state = 'discovered';
    }
  }

  private add(plugin: DiscoveredPlugin, sdkVersion: string): void {
    const check = validateManifest(plugin, sdkVersion);
    const version = typeof plugin.manifest.version === 'string' ? plugin.manifest.version : undefined;
    const base = { id: plugin.label, packageDir: plugin.packageDir, origin: plugin.origin, ...(version === undefined ? {} : { version }) };
    let entry: Entry;
    if (!check.ok) {
      entry = { ...base, state: 'invalid', problems: check.problems };
      for (const p of check.problems) this.warn(plugin.label, p);
    } else {
      entry = { ...base, manifest: check.manifest, entry: check.entry, state: 'discovered', problems: [] };
      for (const [index, a] of check.manifest.apps.entries()) {
        this.appEntries.push(Object.freeze({
          qualifiedId: `${check.manifest.id}.${a.id}`,
          pluginId: check.manifest.id,
          pluginVersion: check.manifest.version,
          appId: a.id,
          title: a.title,
          ...(a.description === undefined ? {} : { description: a.description }),
          input: a.input,
          outputs: a.outputs ?? {},
          earlierRuns: a.earlierRuns ?? 'keep',
          index,
          packageDir: plugin.packageDir,
          entry: check.entry,
        }));
      }
    }
    this.entries.push(entry);
    if (typeof plugin.manifest.id === 'string') this.byId.set(plugin.manifest.id, entry);
  }

  private async activate(e: Entry): Promise<LoadedPlugin> {
    const manifest = e.manifest!;
    const entryFile = e.entry!;
    let mod: unknown;
    try {
      mod = await import(/* @vite-ignore */ pathToFileURL(entryFile).href);
    } catch (err) {
      throw this.fail(e, new AtriumError(PluginErrorCode.LOAD, `plugin ${e.id}: importing ${entryFile} threw: ${messageOf(err)}`, { pluginId: e.id, entry: entryFile }, { cause: err }));
    }
    let definition;
    try {
      definition = pluginDefinitionOf(mod, manifest, entryFile);
    } catch (err) {
      throw this.fail(e, isAtriumError(err) ? err : new AtriumError(PluginErrorCode.LOAD, `plugin ${e.id}: ${messageOf(err)}`, { pluginId: e.id }, { cause: err }));
    }
    const handle = createPluginContext(e.id, this.deps);
    if (definition.activate) {
      const def = definition;
      try {
        await this.withTimeout(Promise.resolve().then(() => def.activate!.call(def, handle.context)));
      } catch (err) {
        handle.dispose();
        throw this.fail(e, new AtriumError(PluginErrorCode.ACTIVATE, `plugin ${e.id}: activate ${failure(err)}`, { pluginId: e.id }, { cause: err }));
      }
    }
    const plugin: LoadedPlugin = Object.freeze({ manifest, definition, context: handle.context });
    e.loaded = { plugin, handle };
    e.state = 'active';
    this.activeOrder.push(e);
    return plugin;
  }

  private fail(e: Entry, error: AtriumError): AtriumError {
    e.state = 'failed';
    e.failure = error;
    e.problems = [{ code: error.code, message: error.message }];
    this.write({ level: 'error', source: e.id, message: error.message, details: { code: error.code, pluginId: e.id } });
    return error;
  }

  private invalidError(e: Entry): AtriumError {
    const first = e.problems[0]!;
    return AtriumError.relay(first.code, PluginErrorCode.LOAD, e.problems.map((p) => p.message).join('; '), { pluginId: e.id, problems: e.problems });
  }

  private write(entry: LogEntry): void {
    try {
      this.deps.log.write(entry);
    } catch {
      // a broken log sink must not break the host
    }
  }

  private warn(source: string, p: PluginProblem): void {
    this.write({ level: 'warn', source, message: p.message, details: { code: p.code } });
  }

  private status(e: Entry): PluginStatus {
    return Object.freeze({
      id: e.id,
      ...(e.version === undefined ? {} : { version: e.version }),
      packageDir: e.packageDir,
      origin: e.origin,
      state: e.state,
      problems: [...e.problems],
      ...(e.manifest === undefined ? {} : { manifest: e.manifest }),
    });
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimedOut(this.timeoutMs)), this.timeoutMs);
      timer.unref();
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}

class TimedOut extends Error {
  constructor(readonly ms: number) {
    super(`did not finish within ${ms} ms`);
  }
}

/** "threw: <message>" or "did not finish within N ms". */
function failure(e: unknown): string {
  return e instanceof TimedOut ? e.message : `threw: ${messageOf(e)}`;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
