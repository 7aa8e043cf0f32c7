import type { AppContext } from '../context/app-context.js';
import type { SourceSeries } from '../context/source-series.js';
import type { LoadSpec } from './load-spec.js';
import type { OutputDefinition } from './output-definition.js';
import type { ParameterSchema, Parameters } from './parameter-schema.js';
import type { SeriesSelector } from './series-selector.js';

/** What `run` returns: a summary for the user (shown by `atrium run`, kept with the job). */
export interface AppResult {
  /** One-line summary. */
  readonly summary: string;
  /** Structured results (scores, counts, ...), JSON-serialisable. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * A clinical app: what series it accepts, how it uses their attributes, its parameters,
 * the derived series it writes, and the computation. Declared with {@link defineApp}.
 */
export interface AppDefinition<P extends ParameterSchema = ParameterSchema> {
  /** App id, unique within the plugin; the host addresses it as `<pluginId>.<id>` or by `id` alone when unambiguous. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Which series the app accepts. */
  readonly input: SeriesSelector;
  /** How the app uses source attributes (Mandatory / Used / Ignored, with expected values). */
  readonly load: LoadSpec;
  /** Parameters: validated and defaulted before any work starts. */
  readonly parameters: P;
  /** Named derived series the app writes. */
  readonly outputs: Readonly<Record<string, OutputDefinition>>;
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
