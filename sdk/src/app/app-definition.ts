import type { AppContext } from '../context/app-context.js';
import type { SourceSeries } from '../context/source-series.js';
import type { LoadSpec } from './load-spec.js';
import type { AppOutput } from './output-definition.js';
import type { ParameterSchema, Parameters } from './parameter-schema.js';

/** What `run` returns: a summary for the user (shown by `atrium run`, kept with the job). */
export interface AppResult {
  /** One-line summary. */
  readonly summary: string;
  /** Structured results (scores, counts, ...), JSON-serialisable. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * The code of a clinical app: how it uses the attributes of its source series, its
 * parameters, the mapping table of each derived series it writes, and the computation.
 * Declared with {@link defineApp}.
 *
 * What the app is — its title, description, the series it accepts and the derived series it
 * writes (IOD, cardinality, Series Description) — is declared once, in the plugin's manifest
 * (package.json `atrium.apps[]`, see {@link ManifestApp}), which the host reads before any plugin
 * code runs. The host joins the two by `id` and by output name when it loads the plugin; a
 * mismatch fails the load with `ATRIUM_ERR_PLUGIN_APPS_MISMATCH`, naming the field.
 */
export interface AppDefinition<P extends ParameterSchema = ParameterSchema> {
  /** App id: the `id` of one of the manifest's `apps`. */
  readonly id: string;
  /** How the app uses source attributes (Mandatory / Used / Ignored, with expected values). */
  readonly load: LoadSpec;
  /** Parameters: validated and defaulted before any work starts. */
  readonly parameters: P;
  /** For every output the manifest declares (`atrium.apps[].outputs`), its mapping table; no others. */
  readonly outputs: Readonly<Record<string, AppOutput>>;
  /** The computation. Runs off the host's main thread; honour `ctx.signal`. */
  run(ctx: AppContext, input: SourceSeries, params: Parameters<P>): Promise<AppResult>;
}

/**
 * Declare an app with full type inference of its parameters (`const`: enum values are
 * inferred as a union of their literals, without `as const`).
 */
export function defineApp<const P extends ParameterSchema>(app: AppDefinition<P>): AppDefinition<P> {
  return Object.freeze(app);
}
