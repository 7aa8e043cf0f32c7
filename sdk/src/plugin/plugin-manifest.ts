import type { ManifestOutput } from '../app/output-definition.js';
import type { SeriesSelector } from '../app/series-selector.js';
import { jsonSchemaProblems, type JsonSchema } from './json-schema-problems.js';
import { PLUGIN_MANIFEST_SCHEMA } from './plugin-manifest-schema.js';

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

/**
 * One app as the manifest declares it — the one source of its title, description, input and
 * outputs (read before any plugin code runs). Its code is the {@link AppDefinition} of the same id.
 */
export interface ManifestApp {
  readonly id: string;
  /** Shown by `atrium apps`; also the model name of the derived objects' equipment. */
  readonly title: string;
  readonly description?: string;
  /** Which series the app accepts. */
  readonly input: SeriesSelector;
  /** The derived series the app writes, by name (none when absent); its definition gives each a mapping table. */
  readonly outputs?: Readonly<Record<string, ManifestOutput>>;
  /**
   * What a run with other parameters does with the outputs earlier runs wrote from the same
   * series: `keep` them (the default: each parameter set adds its own series, e.g.
   * reconstructions to compare) or `replace` them (removed from the store when the run succeeds,
   * named to the app as `ctx.superseded`; one current result per series, e.g. a score).
   * `atrium run --keep-previous` keeps them either way.
   */
  readonly earlierRuns?: 'keep' | 'replace';
}

/**
 * The `atrium` field of a plugin's package.json. Read and validated by the host before
 * any plugin code runs (id and version come from the package when omitted here).
 * Its JSON Schema is {@link PLUGIN_MANIFEST_SCHEMA}.
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

const SCHEMA: JsonSchema = PLUGIN_MANIFEST_SCHEMA;
/** A complete manifest: as package.json may give it, with id, version and main (the host defaults them from the package). */
const COMPLETE: JsonSchema = { ...SCHEMA.definitions!.manifest!, required: ['id', 'version', 'main', ...SCHEMA.definitions!.manifest!.required!] };

/**
 * Check a complete manifest (id, version and main filled in from the package) against the
 * manifest schema ({@link PLUGIN_MANIFEST_SCHEMA}) and for app ids declared twice. Pure; the host
 * also checks `engines.sdk` against {@link SDK_VERSION} and that `main` exists. Returns the
 * problems found, each starting with the field (`apps[0].outputs.summary.iod ...`); [] when valid.
 */
export function manifestProblems(m: unknown): string[] {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return ['the "atrium" field must be an object'];
  const problems = jsonSchemaProblems(SCHEMA, COMPLETE, m);
  const apps = (m as { apps?: unknown }).apps;
  if (Array.isArray(apps)) {
    const seen = new Set<string>();
    apps.forEach((a: unknown, i: number) => {
      const id = (a as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return;
      if (seen.has(id)) problems.push(`apps[${i}].id "${id}" is declared twice`);
      seen.add(id);
    });
  }
  return problems;
}
