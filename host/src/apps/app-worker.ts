// Worker-thread entry that runs one app on one series (compiled to host/dist/apps/app-worker.js).
// Plugin code runs here, off the host's main thread: a crash or a hang takes only this thread.
import { readFileSync } from 'node:fs';
import type { AppContext, AppDefinition, DerivedObjectRef, DerivedObjectRequest, PluginDefinition } from '@atrium/sdk';
import { SdkError, validateParameters } from '@atrium/sdk';
import { deriveObject } from '../derive/derive-object.js';
import { derivedUids } from '../derive/derived-uids.js';
import { AtriumError } from '../errors/atrium-error.js';
import { parseDicom } from '../io/parse-part10.js';
import { runWorkerTask } from '../jobs/worker-task.js';
import type { AppWorkerData, AppWorkerEvent, AppWorkerResult, WrittenObject } from './app-worker-protocol.js';
import { checkLoadSpec } from './check-load-spec.js';
import { SourceInstanceImpl } from './source-instance-impl.js';
import { selectorProblems, sourceSeriesOf } from './source-series-of.js';

runWorkerTask<AppWorkerData, AppWorkerResult>(async (data, io) => {
  const app = await loadApp(data);
  const parameters = validateParameters(app.parameters, data.rawParams) as Readonly<Record<string, unknown>>;
  const instances = data.files.map((f) => new SourceInstanceImpl(parseDicom(readFileSync(f))));
  const series = sourceSeriesOf(instances);
  const notAccepted = selectorProblems(series, app.input);
  if (notAccepted.length > 0) {
    throw new AtriumError('ATRIUM_ERR_APP_INPUT', `${data.pluginId}.${app.id} does not accept series ${series.seriesInstanceUID}: ${notAccepted.join('; ')}`, { problems: notAccepted });
  }
  const load = checkLoadSpec(series.instances, app.load);
  if (load.errors.length > 0) {
    throw new AtriumError('ATRIUM_ERR_APP_LOAD_MANDATORY', `${data.pluginId}.${app.id} cannot load series ${series.seriesInstanceUID}: ${load.errors.join('; ')}`, { problems: load.errors });
  }
  const warnings = [...load.warnings];
  const written: WrittenObject[] = [];
  const counters = new Map<string, number>();
  const now = new Date(data.now);
  const emit = (e: AppWorkerEvent): void => io.emit(e);
  const byUid = new Map(series.instances.map((i) => [i.sopInstanceUID, i as SourceInstanceImpl]));

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
    const stored = await io.callMain<WrittenObject>('store', derived.bytes, outputName, info);
    written.push(stored);
    return { output: outputName, studyInstanceUID: stored.studyInstanceUID, seriesInstanceUID: stored.seriesInstanceUID, sopInstanceUID: stored.sopInstanceUID };
  };

  const controller = new AbortController();
  const log = (level: 'info' | 'warn' | 'error') => (message: string, details?: Readonly<Record<string, unknown>>) => emit({ kind: 'log', level, message, ...(details ? { details } : {}) });
  const ctx: AppContext = Object.freeze({
    derive: Object.freeze({ write }),
    progress: (fraction: number, message?: string) => emit({ kind: 'progress', fraction: Math.max(0, Math.min(1, fraction)), ...(message ? { message } : {}) }),
    log: Object.freeze({ info: log('info'), warn: log('warn'), error: log('error') }),
    signal: controller.signal,
    storage: Object.freeze({
      get: <T>(key: string) => io.callMain<T | undefined>('storage.get', key),
      set: (key: string, value: unknown) => io.callMain<void>('storage.set', key, value),
      delete: (key: string) => io.callMain<void>('storage.delete', key),
    }),
    warn: (message: string) => void warnings.push(message),
  });
  const result = await app.run(ctx, series, parameters as never);
  return { result: { summary: String(result?.summary ?? ''), ...(result?.data ? { data: result.data } : {}) }, written, warnings, parameters };
});

async function loadApp(data: AppWorkerData): Promise<AppDefinition> {
  const mod = (await import(data.entryUrl)) as { default?: PluginDefinition };
  const app = mod.default?.apps?.find((a) => a.id === data.appId);
  if (!app) throw new AtriumError('ATRIUM_ERR_PLUGIN_APPS_MISMATCH', `plugin ${data.pluginId} does not define app ${data.appId} in ${data.entryUrl}`);
  return app as AppDefinition;
}

