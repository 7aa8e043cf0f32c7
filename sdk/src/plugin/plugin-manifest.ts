import type { SeriesSelector } from '../app/series-selector.js';

/**
 * What a plugin may do. The host grants only what the manifest asks for:
 * - `read-series`: read source datasets and pixels;
 * - `write-derived`: store derived objects;
 * - `network`: reach DICOM peers (reserved; not granted to apps yet).
 */
export type Capability = 'read-series' | 'write-derived' | 'network';

/**
 * A host event that activates the plugin before it happens, in whichever process it happens
 * (VS Code's `activationEvents`). Without one, a plugin is activated on first use of one of its
 * apps, and hears store events only in a process that already activated it.
 * - `onDidStoreInstance`: before anything is stored (`atrium import`, `atrium serve`, an app run),
 *   so `context.events.onDidStoreInstance` hears every stored instance;
 * - `onDidCompleteSeries`: the same, for `context.events.onDidCompleteSeries`.
 */
export type ActivationEvent = 'onDidStoreInstance' | 'onDidCompleteSeries';

/** One app as declared in the manifest (read before any plugin code runs). */
export interface ManifestApp {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly input: SeriesSelector;
}

/**
 * The `atrium` field of a plugin's package.json. Read and validated by the host before
 * any plugin code runs (id and version come from the package when omitted here).
 */
export interface PluginManifest {
  /** Plugin id, `publisher.name` (lower case, digits, `-`), e.g. `atrium.calcium-scoring`. */
  readonly id: string;
  /** Plugin version (semver), from package.json `version`. */
  readonly version: string;
  readonly displayName?: string;
  /** Entry module, relative to the package folder (ESM, exporting `default` = {@link definePlugin}(...)). */
  readonly main: string;
  /** Semver range of the SDK the plugin was built against, e.g. `^0.1.0`. */
  readonly engines: { readonly sdk: string };
  readonly capabilities: readonly Capability[];
  readonly apps: readonly ManifestApp[];
  /** Host events that activate the plugin before they happen (see {@link ActivationEvent}). */
  readonly activationEvents?: readonly ActivationEvent[];
  /** Secondary Capture equipment written into derived objects (manufacturer, model). */
  readonly manufacturer?: string;
}

const ID = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/;
const APP_ID = /^[a-z0-9][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
const CAPABILITIES: readonly Capability[] = ['read-series', 'write-derived', 'network'];
const ACTIVATION_EVENTS: readonly ActivationEvent[] = ['onDidStoreInstance', 'onDidCompleteSeries'];

/**
 * Check the shape of a manifest (pure; the host also checks `engines.sdk` against
 * {@link SDK_VERSION}). Returns the problems found, each naming the field; [] when valid.
 */
export function manifestProblems(m: unknown): string[] {
  const p: string[] = [];
  if (typeof m !== 'object' || m === null) return ['the "atrium" field must be an object'];
  const o = m as Record<string, unknown>;
  if (typeof o.id !== 'string' || !ID.test(o.id)) p.push('id must be "publisher.name" (lower case letters, digits, "-")');
  if (typeof o.version !== 'string' || !SEMVER.test(o.version)) p.push('version must be a semver version like 1.0.0');
  if (typeof o.main !== 'string' || o.main === '') p.push('main must name the entry module');
  const engines = o.engines as Record<string, unknown> | undefined;
  if (typeof engines?.sdk !== 'string' || engines.sdk.trim() === '') p.push('engines.sdk must be a semver range such as ^0.1.0');
  if (!Array.isArray(o.capabilities) || o.capabilities.some((c) => !CAPABILITIES.includes(c as Capability))) {
    p.push(`capabilities must be a list of ${CAPABILITIES.join(', ')}`);
  }
  if (o.activationEvents !== undefined
    && (!Array.isArray(o.activationEvents) || o.activationEvents.some((e) => !ACTIVATION_EVENTS.includes(e as ActivationEvent)))) {
    p.push(`activationEvents must be a list of ${ACTIVATION_EVENTS.join(', ')}`);
  }
  if (!Array.isArray(o.apps) || o.apps.length === 0) p.push('apps must list at least one app');
  else {
    const seen = new Set<string>();
    o.apps.forEach((a: unknown, i: number) => {
      const app = (a ?? {}) as Record<string, unknown>;
      if (typeof app.id !== 'string' || !APP_ID.test(app.id)) p.push(`apps[${i}].id must be lower case letters, digits and "-"`);
      else if (seen.has(app.id)) p.push(`apps[${i}].id "${app.id}" is declared twice`);
      else seen.add(app.id);
      if (typeof app.title !== 'string' || app.title === '') p.push(`apps[${i}].title is required`);
      if (typeof app.input !== 'object' || app.input === null) p.push(`apps[${i}].input (a series selector) is required`);
    });
  }
  return p;
}
