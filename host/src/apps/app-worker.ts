// Worker-thread entry that runs one app on one series, or on every series of a study in turn
// (compiled to host/dist/apps/app-worker.js).
// Plugin code runs here, off the host's main thread: a crash or a hang takes only this thread.
import { readFileSync } from 'node:fs';
import type { PluginDefinition, RenderedImage, Scene } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import { parseDicom } from '../io/parse-part10.js';
import { runWorkerTask, type WorkerTaskIo } from '../jobs/worker-task.js';
import { bindApp, type BoundApp } from '../plugins/bind-app.js';
import type { AppRunHost } from './app-run-host.js';
import type { AppWorkerData, AppWorkerEvent, AppWorkerResult, WrittenObject } from './app-worker-protocol.js';
import { executeApp } from './execute-app.js';
import { SourceInstanceImpl } from './source-instance-impl.js';
import { sourceSeriesOf } from './source-series-of.js';

runWorkerTask<AppWorkerData, AppWorkerResult>(async (data, io) => {
  const app = await loadApp(data);
  const instances = data.files.map((f) => new SourceInstanceImpl(parseDicom(readFileSync(f))));
  return executeApp(app, instances, data.rawParams, workerHost(data, io), data.studyInstanceUID);
});

/** The run's host seen from the worker: storage, Series Numbers, the store and the 3-D renderer are the main thread's. */
function workerHost(data: AppWorkerData, io: WorkerTaskIo): AppRunHost {
  const emit = (e: AppWorkerEvent): void => io.emit(e);
  return {
    pluginId: data.pluginId,
    pluginVersion: data.pluginVersion,
    ...(data.manufacturer ? { manufacturer: data.manufacturer } : {}),
    now: new Date(data.now),
    stationName: data.stationName,
    operatorsName: data.operatorsName,
    ...(data.uidRoot ? { uidRoot: data.uidRoot } : {}),
    ...(data.previous ? { previous: data.previous } : {}),
    storage: Object.freeze({
      get: <T>(key: string) => io.callMain<T | undefined>('storage.get', key),
      set: (key: string, value: unknown) => io.callMain<void>('storage.set', key, value),
      delete: (key: string) => io.callMain<void>('storage.delete', key),
    }),
    store: (bytes, output, identity) => io.callMain<WrittenObject>('store', bytes, output, identity),
    seriesNumber: (study, series) => io.callMain<number>('seriesNumber', study, series),
    readSeries: async (study, series) => {
      const files = await io.callMain<string[]>('seriesFiles', study, series);
      return sourceSeriesOf(files.map((f) => new SourceInstanceImpl(parseDicom(readFileSync(f)))));
    },
    ...(data.render ? { render: Object.freeze({ scene: (scene: Scene) => io.callMain<RenderedImage[]>('render.scene', scene) }) } : {}),
    progress: (fraction, message) => emit({ kind: 'progress', fraction, ...(message ? { message } : {}) }),
    log: (level, message, details) => emit({ kind: 'log', level, message, ...(details ? { details } : {}) }),
  };
}

/** The app's code from the plugin's entry, joined with its manifest entry. */
async function loadApp(data: AppWorkerData): Promise<BoundApp> {
  const mod = (await import(data.entryUrl)) as { default?: PluginDefinition };
  const app = mod.default?.apps?.find((a) => a.id === data.declared.id);
  if (!app) throw new AtriumError('ATRIUM_ERR_PLUGIN_APPS_MISMATCH', `plugin ${data.pluginId} does not define app ${data.declared.id} in ${data.entryUrl}`);
  return bindApp(data.pluginId, data.declared, app, data.appIndex);
}
