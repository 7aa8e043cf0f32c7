// Worker-thread entry that runs one app on one series, or on every series of a study in turn
// (compiled to host/dist/apps/app-worker.js).
// Plugin code runs here, off the host's main thread: a crash or a hang takes only this thread.
import { readFileSync } from 'node:fs';
import type { AppContext, AppDefinition, AppResult, DerivedObjectRef, DerivedObjectRequest, PluginDefinition, RenderedImage, Scene, SourceSeries } from '@atrium/sdk';
import { SdkError, validateParameters } from '@atrium/sdk';
import { deriveObject } from '../derive/derive-object.js';
import { derivedUids } from '../derive/derived-uids.js';
import { AtriumError } from '../errors/atrium-error.js';
import { parseDicom } from '../io/parse-part10.js';
import { runWorkerTask, type WorkerTaskIo } from '../jobs/worker-task.js';
import type { AppWorkerData, AppWorkerEvent, AppWorkerResult, DerivedIdentity, WrittenObject } from './app-worker-protocol.js';
import { checkLoadSpec } from './check-load-spec.js';
import { deidentifyInstance } from './deidentify-instance.js';
import { SourceInstanceImpl } from './source-instance-impl.js';
import { selectorProblems, sourceSeriesOf } from './source-series-of.js';

runWorkerTask<AppWorkerData, AppWorkerResult>(async (data, io) => {
  const app = await loadApp(data);
  const parameters = validateParameters(app.parameters, data.rawParams) as Readonly<Record<string, unknown>>;
  const instances = data.files.map((f) => new SourceInstanceImpl(parseDicom(readFileSync(f))));
  const study = data.studyInstanceUID;
  const warnings: string[] = [];
  const accepted: SourceSeries[] = [];
  for (const group of groupBySeries(instances)) {
    const series = sourceSeriesOf(group);
    const notAccepted = selectorProblems(series, app.input);
    const load = notAccepted.length === 0 ? checkLoadSpec(series.instances, app.load) : { errors: [], warnings: [] };
    const problem = notAccepted.length > 0
      ? new AtriumError('ATRIUM_ERR_APP_INPUT', `${data.pluginId}.${app.id} does not accept series ${series.seriesInstanceUID}: ${notAccepted.join('; ')}`, { problems: notAccepted })
      : load.errors.length > 0
        ? new AtriumError('ATRIUM_ERR_APP_LOAD_MANDATORY', `${data.pluginId}.${app.id} cannot load series ${series.seriesInstanceUID}: ${load.errors.join('; ')}`, { problems: load.errors })
        : undefined;
    if (problem && study === undefined) throw problem;
    if (problem) warnings.push(`series ${series.seriesInstanceUID} skipped: ${problem.message} [${problem.code}]`);
    else {
      warnings.push(...load.warnings);
      accepted.push(series);
    }
  }
  if (study !== undefined && accepted.length === 0) {
    throw new AtriumError('ATRIUM_ERR_APP_INPUT', `${data.pluginId}.${app.id} accepts no series of study ${study}: ${warnings.join('; ')}`, { studyInstanceUID: study });
  }
  const written: WrittenObject[] = [];
  const results: { series: SourceSeries; result: AppResult }[] = [];
  for (const [i, series] of accepted.entries()) {
    const progress = (fraction: number, message?: string): void => io.emit({ kind: 'progress', fraction: (i + Math.max(0, Math.min(1, fraction))) / accepted.length, ...(message ? { message } : {}) } satisfies AppWorkerEvent);
    const ctx = appContext(data, app, parameters, series, io, { written, warnings, progress });
    results.push({ series, result: await app.run(ctx, series, parameters as never) });
  }
  return { result: combinedResult(results, study !== undefined), written, warnings, parameters };
});

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

/** The run context of one series: `derive` (write and deidentify), progress, log, storage, warnings. */
function appContext(
  data: AppWorkerData,
  app: AppDefinition,
  parameters: Readonly<Record<string, unknown>>,
  series: SourceSeries,
  io: WorkerTaskIo,
  shared: { readonly written: WrittenObject[]; readonly warnings: string[]; readonly progress: (fraction: number, message?: string) => void },
): AppContext {
  const { written, warnings } = shared;
  const counters = new Map<string, number>();
  const now = new Date(data.now);
  const emit = (e: AppWorkerEvent): void => io.emit(e);
  const byUid = new Map(series.instances.map((i) => [i.sopInstanceUID, i as SourceInstanceImpl]));
  const store = async (bytes: Uint8Array, outputName: string, info: DerivedIdentity): Promise<WrittenObject> => {
    const stored = await io.callMain<WrittenObject>('store', bytes, outputName, info);
    written.push(stored);
    return stored;
  };

  const write = async (outputName: string, request: DerivedObjectRequest): Promise<DerivedObjectRef> => {
    const output = app.outputs[outputName];
    if (!output) throw new SdkError('ATRIUM_ERR_APP_OUTPUT', `${app.id} has no output "${outputName}"; outputs: ${Object.keys(app.outputs).join(', ')}`);
    const sources = request.sources.map((s) => {
      const impl = byUid.get(s.sopInstanceUID);
      if (!impl) throw new SdkError('ATRIUM_ERR_APP_SOURCE', `source ${s.sopInstanceUID} is not an instance of the input series`);
      return { dataset: impl.file.dataset, transferSyntaxUID: impl.file.transferSyntax.uid };
    });
    const index = counters.get(outputName) ?? 0;
    counters.set(outputName, index + 1);
    const appInfo = { pluginId: data.pluginId, appId: app.id, title: app.title, version: data.pluginVersion, ...(data.manufacturer ? { manufacturer: data.manufacturer } : {}) };
    const { seriesInstanceUID } = derivedUids({
      ...(data.uidRoot ? { uidRoot: data.uidRoot } : {}),
      sourceSeriesInstanceUID: series.seriesInstanceUID,
      app: appInfo,
      parameters,
      outputName,
      sourceSopInstanceUIDs: request.sources.map((s) => s.sopInstanceUID),
      index,
    });
    const seriesNumber = await io.callMain<number>('seriesNumber', series.studyInstanceUID, seriesInstanceUID);
    const { sources: _sources, ...rest } = request;
    const derived = deriveObject({
      outputName,
      output,
      app: appInfo,
      parameters,
      load: app.load,
      sources,
      request: rest,
      index,
      seriesNumber,
      sourceSeriesInstanceUID: series.seriesInstanceUID,
      ...(data.uidRoot ? { uidRoot: data.uidRoot } : {}),
      now,
      stationName: data.stationName,
      operatorsName: data.operatorsName,
    });
    const info = { StudyInstanceUID: derived.studyInstanceUID, SeriesInstanceUID: derived.seriesInstanceUID, SOPInstanceUID: derived.sopInstanceUID, SOPClassUID: derived.sopClassUID };
    const stored = await store(derived.bytes, outputName, info);
    return { output: outputName, studyInstanceUID: stored.studyInstanceUID, seriesInstanceUID: stored.seriesInstanceUID, sopInstanceUID: stored.sopInstanceUID };
  };

  const controller = new AbortController();
  const log = (level: 'info' | 'warn' | 'error') => (message: string, details?: Readonly<Record<string, unknown>>) => emit({ kind: 'log', level, message, ...(details ? { details } : {}) });
  return Object.freeze({
    derive: Object.freeze({ write, deidentify: deidentifyInstance({ instances: byUid, store }) }),
    progress: shared.progress,
    log: Object.freeze({ info: log('info'), warn: log('warn'), error: log('error') }),
    signal: controller.signal,
    storage: Object.freeze({
      get: <T>(key: string) => io.callMain<T | undefined>('storage.get', key),
      set: (key: string, value: unknown) => io.callMain<void>('storage.set', key, value),
      delete: (key: string) => io.callMain<void>('storage.delete', key),
    }),
    warn: (message: string) => void warnings.push(message),
    ...(data.render ? { render: Object.freeze({ scene: (scene: Scene) => io.callMain<RenderedImage[]>('render.scene', scene) }) } : {}),
  });
}

async function loadApp(data: AppWorkerData): Promise<AppDefinition> {
  const mod = (await import(data.entryUrl)) as { default?: PluginDefinition };
  const app = mod.default?.apps?.find((a) => a.id === data.appId);
  if (!app) throw new AtriumError('ATRIUM_ERR_PLUGIN_APPS_MISMATCH', `plugin ${data.pluginId} does not define app ${data.appId} in ${data.entryUrl}`);
  return app as AppDefinition;
}

