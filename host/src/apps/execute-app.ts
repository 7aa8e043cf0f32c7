import type { AppResult, SourceSeries } from '@atrium/sdk';
import { validateParameters } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { BoundApp } from '../plugins/bind-app.js';
import { appRunContext } from './app-run-context.js';
import type { AppRunHost } from './app-run-host.js';
import type { AppWorkerResult, WrittenObject } from './app-worker-protocol.js';
import { checkLoadSpec } from './check-load-spec.js';
import type { SourceInstanceImpl } from './source-instance-impl.js';
import { selectorProblems, sourceSeriesOf } from './source-series-of.js';

/**
 * Run an app on source instances — the one engine of `atrium run` (in its worker thread) and of
 * the plugin authors' kit (in process): validate and default the parameters, group the instances
 * by series, check each series against the app's input selector and load specification, run the
 * app on each accepted series with a context whose `derive` is the mapping engine, and store each
 * derived object through `host`.
 *
 * A series run (no `studyInstanceUID`) refuses a series the app does not accept; a study run
 * skips such series with a warning and refuses only when none is accepted.
 *
 * @throws SdkError `ATRIUM_ERR_PARAM_*` (bad parameters); AtriumError `ATRIUM_ERR_APP_INPUT`,
 *   `ATRIUM_ERR_APP_LOAD_MANDATORY`, `ATRIUM_ERR_DERIVE_*`; or the app's own error.
 */
export async function executeApp(
  app: BoundApp,
  instances: readonly SourceInstanceImpl[],
  rawParams: Readonly<Record<string, unknown>>,
  host: AppRunHost,
  studyInstanceUID?: string,
): Promise<AppWorkerResult> {
  const parameters = validateParameters(app.parameters, rawParams) as Readonly<Record<string, unknown>>;
  const warnings: string[] = [];
  const accepted = acceptedSeries(app, host.pluginId, instances, studyInstanceUID, warnings);
  const written: WrittenObject[] = [];
  const results: { series: SourceSeries; result: AppResult }[] = [];
  for (const [i, series] of accepted.entries()) {
    const progress = (fraction: number, message?: string): void => host.progress((i + Math.max(0, Math.min(1, fraction))) / accepted.length, message);
    const ctx = appRunContext(app, parameters, series, host, { written, warnings, progress });
    results.push({ series, result: await app.run(ctx, series, parameters as never) });
  }
  return { result: combinedResult(results, studyInstanceUID !== undefined), written, warnings, parameters };
}

/** The series the app accepts, with the load specification's unmet expectations (and, in a study run, the skipped series) in `warnings`. */
function acceptedSeries(app: BoundApp, pluginId: string, instances: readonly SourceInstanceImpl[], study: string | undefined, warnings: string[]): SourceSeries[] {
  const accepted: SourceSeries[] = [];
  for (const group of groupBySeries(instances)) {
    const series = sourceSeriesOf(group);
    const notAccepted = selectorProblems(series, app.input);
    const load = notAccepted.length === 0 ? checkLoadSpec(series.instances, app.load) : { errors: [], warnings: [] };
    const problem = notAccepted.length > 0
      ? new AtriumError('ATRIUM_ERR_APP_INPUT', `${pluginId}.${app.id} does not accept series ${series.seriesInstanceUID}: ${notAccepted.join('; ')}`, { problems: notAccepted })
      : load.errors.length > 0
        ? new AtriumError('ATRIUM_ERR_APP_LOAD_MANDATORY', `${pluginId}.${app.id} cannot load series ${series.seriesInstanceUID}: ${load.errors.join('; ')}`, { problems: load.errors })
        : undefined;
    if (problem && study === undefined) throw problem;
    if (problem) warnings.push(`series ${series.seriesInstanceUID} skipped: ${problem.message} [${problem.code}]`);
    else {
      warnings.push(...load.warnings);
      accepted.push(series);
    }
  }
  if (study !== undefined && accepted.length === 0) {
    throw new AtriumError('ATRIUM_ERR_APP_INPUT', `${pluginId}.${app.id} accepts no series of study ${study}: ${warnings.join('; ')}`, { studyInstanceUID: study });
  }
  return accepted;
}

/** The instances grouped by Series Instance UID, in the order of their first instance. */
function groupBySeries(instances: readonly SourceInstanceImpl[]): SourceInstanceImpl[][] {
  const groups = new Map<string, SourceInstanceImpl[]>();
  for (const inst of instances) {
    const uid = inst.string('SeriesInstanceUID') ?? '';
    groups.set(uid, [...(groups.get(uid) ?? []), inst]);
  }
  return [...groups.values()];
}

/** A series run's result as is; a study run's: one summary line per series, and their data under `series`. */
function combinedResult(results: readonly { series: SourceSeries; result: AppResult }[], studyRun: boolean): AppResult {
  const clean = (r: AppResult): AppResult => ({ summary: String(r?.summary ?? ''), ...(r?.data ? { data: r.data } : {}) });
  if (!studyRun) return clean(results[0]!.result);
  return {
    summary: results.map(({ series, result }) => `series ${series.seriesInstanceUID}: ${clean(result).summary}`).join('\n'),
    data: { series: results.map(({ series, result }) => ({ seriesInstanceUID: series.seriesInstanceUID, ...clean(result) })) },
  };
}
