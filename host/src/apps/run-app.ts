import { hostname, userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Scene } from '@atrium/sdk';
import { query } from '../db/query-engine.js';
import { AtriumError } from '../errors/atrium-error.js';
import { runInWorker } from '../jobs/run-in-worker.js';
import type { HostHooks } from '../hooks/host-hooks.js';
import type { PluginRegistry } from '../plugins/plugin-registry.js';
import type { PluginStorages } from '../plugins/plugin-storages.js';
import type { Index } from '../db/dicom-index.js';
import type { SendLogTable } from '../db/send-log-table.js';
import type { FileStore } from '../store/file-store.js';
import type { InstanceStore } from '../store/instance-store.js';
import type { RenderService } from '../render/render-service.js';
import type { AppWorkerData, AppWorkerEvent, AppWorkerResult, DerivedIdentity, WrittenObject } from './app-worker-protocol.js';
import { appWorkerUrl } from './app-worker-url.js';
import { findStudySeries } from './find-study-series.js';
import { appSource, checkDerivedTarget } from './derived-store-guard.js';
import { previousOutputs, removePreviousOutputs } from './previous-outputs.js';
import { rejectSentOutputs, type WrittenRejectionNote } from './reject-sent-outputs.js';

/** The parts of the workstation an app run uses. */
export interface AppRunStore {
  readonly index: Index;
  readonly store: InstanceStore;
  readonly files: FileStore;
}

/** What the app runner needs from the host. */
export interface AppRunDeps {
  readonly registry: PluginRegistry;
  /** The store the sources are read from and the derived objects stored through. */
  readonly workstation: AppRunStore;
  readonly storages: PluginStorages;
  /** The send log: replaced outputs it says were sent get a rejection note; without it none is written. */
  readonly sendLog?: Pick<SendLogTable, 'sentTo'>;
  readonly hooks?: HostHooks;
  /** The 3-D renderer behind the apps' `ctx.render`; without it `ctx.render` is undefined. */
  readonly render?: RenderService;
  /** Log lines of the app, tagged with the plugin id. */
  readonly log?: (level: 'info' | 'warn' | 'error', pluginId: string, message: string) => void;
  /** UID root of derived objects (default `2.25.`). */
  readonly uidRoot?: string;
  /** Options of the worker (tests load TypeScript workers through a loader). */
  readonly worker?: { readonly url?: URL; readonly execArgv?: readonly string[]; readonly timeoutMs?: number };
}

/** One app run on one stored series, or on every series of one stored study. */
export interface AppRunRequest {
  /** App id, `<pluginId>.<appId>` or the app id alone when unambiguous. */
  readonly app: string;
  /** The input series. Give this or {@link studyInstanceUID}, not both. */
  readonly seriesInstanceUID?: string;
  /** The input study: the app runs on each of its series that it accepts, in turn. */
  readonly studyInstanceUID?: string;
  /** Parameters as given (strings from the command line, or JSON values). */
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * The version of the app's plugin the job was recorded with (`atrium batch`): a host with
   * another version installed refuses to run it, since derived UIDs depend on the version.
   */
  readonly pluginVersion?: string;
  /** Keep what earlier runs of an app that replaces them (manifest `earlierRuns: replace`) wrote from the input. */
  readonly keepPrevious?: boolean;
}

/** The outcome of a run: the app's summary and what it wrote. */
export interface AppRunResult {
  readonly app: string;
  /** The input series (a series run). */
  readonly seriesInstanceUID?: string;
  /** The input study (a study run). */
  readonly studyInstanceUID?: string;
  readonly summary: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly written: readonly WrittenObject[];
  /** What earlier runs of the app wrote from the input and this run replaced: removed from the store. */
  readonly removed: readonly { readonly seriesInstanceUID: string; readonly sopInstanceUID: string }[];
  /**
   * Rejection notes (IHE IOCM Key Object Selection, "Rejected for Quality Reasons") written
   * because some removed objects had been sent: stored, for the user to send where they went.
   */
  readonly rejectionNotes: readonly WrittenRejectionNote[];
  readonly warnings: readonly string[];
  readonly parameters: Readonly<Record<string, unknown>>;
}

/**
 * Run an app on a stored series (or on every series of a stored study, one after the other in
 * the same worker; series the app does not accept are skipped with a warning): resolve and activate the plugin (manifest and SDK range
 * checked before its code runs), hand the series to a worker thread that validates the
 * parameters, the input selector and the load specification, runs the app and derives
 * its objects; each derived object is stored here, on the main thread, through the
 * normal store path (validation, quarantine), never over an instance the app did not write
 * (checkDerivedTarget). Cancelling terminates the worker.
 *
 * An app whose manifest says `earlierRuns: replace` (one current result per series): the objects
 * earlier runs of the app wrote from the input series (found
 * before the run, {@link previousOutputs}) that this run did not write again are removed from
 * the store once it succeeds, and the app sees those of other derived series as
 * `ctx.superseded` (its SR names them); the study never holds two contradictory results.
 * `keepPrevious` keeps them (and gives the app none). A failed run removes nothing. Other apps
 * keep earlier runs' outputs (a run with the same parameters still replaces its own objects).
 * When the send log says removed objects had been sent, a rejection note naming them is
 * stored for the user to send ({@link rejectSentOutputs}).
 *
 * @throws AtriumError ATRIUM_ERR_APP_UNKNOWN / _AMBIGUOUS, ATRIUM_ERR_PLUGIN_*,
 *   ATRIUM_ERR_APP_INPUT (no such series or study, both or neither given, or the app accepts none),
 *   ATRIUM_ERR_PARAM_* (bad parameters), ATRIUM_ERR_APP_LOAD_MANDATORY,
 *   ATRIUM_ERR_DERIVE_* (a derived object failed validation), ATRIUM_ERR_APP_STORE,
 *   ATRIUM_ERR_APP_STORE_ORIGINAL (a derived object with the UIDs of an original),
 *   ATRIUM_ERR_WORKER_CANCELLED / _TIMEOUT / _CRASHED, or the app's own error.
 */
export async function runApp(
  deps: AppRunDeps,
  req: AppRunRequest,
  options: { readonly signal?: AbortSignal; readonly progress?: (fraction: number, message?: string) => void } = {},
): Promise<AppRunResult> {
  const { app } = await deps.registry.loadApp(req.app);
  if (req.pluginVersion !== undefined && req.pluginVersion !== app.pluginVersion) {
    throw new AtriumError(
      'ATRIUM_ERR_APP_PLUGIN_VERSION',
      `The job was recorded for ${app.pluginId} ${req.pluginVersion}; this host has ${app.pluginVersion}, whose derived objects would differ: run it on a host with ${req.pluginVersion}`,
      { pluginId: app.pluginId, recorded: req.pluginVersion, installed: app.pluginVersion },
    );
  }
  const { index, store, files } = deps.workstation;
  const instances = inputInstances(deps.workstation, req);
  const previous = app.earlierRuns === 'replace' && !req.keepPrevious ? previousOutputs(index, files, app.qualifiedId, instances) : [];
  const storage = deps.storages.forPlugin(app.pluginId);
  const reserved = new Map<string, number>();
  const manufacturer = deps.registry.get(app.pluginId)?.manifest?.manufacturer;
  const data: AppWorkerData = {
    entryUrl: pathToFileURL(app.entry).href,
    pluginId: app.pluginId,
    pluginVersion: app.pluginVersion,
    declared: { id: app.appId, title: app.title, ...(app.description === undefined ? {} : { description: app.description }), input: app.input, outputs: app.outputs },
    appIndex: app.index,
    ...(manufacturer ? { manufacturer } : {}),
    files: instances.map((i) => files.absolute(i.file.path)),
    render: deps.render !== undefined,
    rawParams: req.params,
    now: new Date().toISOString(),
    stationName: hostname().slice(0, 16),
    operatorsName: safeUser(),
    ...(deps.uidRoot ? { uidRoot: deps.uidRoot } : {}),
    ...(previous.length > 0 ? { previous } : {}),
    ...(req.studyInstanceUID !== undefined ? { studyInstanceUID: req.studyInstanceUID } : {}),
  };
  const out = await runInWorker<AppWorkerResult>(deps.worker?.url ?? appWorkerUrl(), data, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(deps.worker?.execArgv ? { execArgv: deps.worker.execArgv } : {}),
    ...(deps.worker?.timeoutMs ? { timeoutMs: deps.worker.timeoutMs } : {}),
    onMessage: (event) => {
      const e = event as AppWorkerEvent;
      if (e.kind === 'progress') options.progress?.(e.fraction, e.message);
      else if (e.kind === 'log') deps.log?.(e.level, app.pluginId, e.message);
    },
    handlers: {
      store: async (bytes: Uint8Array, output: string, info: DerivedIdentity): Promise<WrittenObject> => {
        await deps.hooks?.beforeDerivedStore.promise({ ...info, app: app.qualifiedId, output });
        checkDerivedTarget(index, app.qualifiedId, output, info.SOPInstanceUID);
        // the bytes must carry the identity the guard checked
        const outcome = store.receive(bytes, appSource(app.qualifiedId), { expect: { SOPClassUID: info.SOPClassUID, SOPInstanceUID: info.SOPInstanceUID } });
        if (!('path' in outcome)) {
          throw new AtriumError('ATRIUM_ERR_APP_STORE', `the store refused a derived object of ${app.qualifiedId} (${output}): ${outcome.code}: ${outcome.reason}`, { code: outcome.code });
        }
        return { output, status: outcome.status, studyInstanceUID: outcome.StudyInstanceUID, seriesInstanceUID: outcome.SeriesInstanceUID, sopInstanceUID: outcome.SOPInstanceUID };
      },
      seriesNumber: (studyInstanceUID: string, seriesInstanceUID: string): number => {
        const known = reserved.get(seriesInstanceUID);
        if (known !== undefined) return known;
        const rows = query(index, 'SERIES', { StudyInstanceUID: studyInstanceUID, SeriesInstanceUID: undefined, SeriesNumber: undefined });
        const existing = rows.find((r) => r.SeriesInstanceUID === seriesInstanceUID)?.SeriesNumber;
        const used = [...rows.map((r) => Number(r.SeriesNumber ?? 0)), ...reserved.values()];
        const n = typeof existing === 'number' ? existing : Math.max(0, ...used.filter(Number.isFinite)) + 1;
        reserved.set(seriesInstanceUID, n);
        return n;
      },
      'render.scene': (scene: Scene) => {
        if (!deps.render) throw new AtriumError('ATRIUM_ERR_RENDER_UNAVAILABLE', 'this host has no 3-D render service');
        return deps.render.render(scene);
      },
      seriesFiles: (studyInstanceUID: string, seriesInstanceUID: string): string[] => studySeriesFiles(deps.workstation, studyInstanceUID, seriesInstanceUID),
      'storage.get': (key: string) => storage.get(key),
      'storage.set': (key: string, value: unknown) => storage.set(key, value),
      'storage.delete': (key: string) => storage.delete(key),
    },
  });
  // The derived series are complete now that the run is done (instanceStored came from the store's commit).
  store.completeSeries(new Set(out.written.map((w) => w.seriesInstanceUID)));
  const removed = removePreviousOutputs(index, files, previous, out.written);
  const rejectionNotes = deps.sendLog && removed.length > 0 ? rejectSentOutputs({ index, store, files, sendLog: deps.sendLog, ...(deps.uidRoot ? { uidRoot: deps.uidRoot } : {}) }, app.qualifiedId, previous, removed, new Date(data.now)) : [];
  const input = req.studyInstanceUID !== undefined ? { studyInstanceUID: req.studyInstanceUID } : { seriesInstanceUID: req.seriesInstanceUID! };
  return { app: app.qualifiedId, ...input, summary: out.result.summary, ...(out.result.data ? { data: out.result.data } : {}), written: out.written, removed, rejectionNotes, warnings: out.warnings, parameters: out.parameters };
}

/** The stored instances of the request's series or study. */
function inputInstances(workstation: AppRunStore, req: AppRunRequest): ReturnType<Index['getInstances']> {
  const { seriesInstanceUID: series, studyInstanceUID: study } = req;
  if ((series === undefined) === (study === undefined)) {
    throw new AtriumError('ATRIUM_ERR_APP_INPUT', `an app run needs a series or a study, not ${series === undefined ? 'neither' : 'both'}`, { seriesInstanceUID: series, studyInstanceUID: study });
  }
  const instances = workstation.index.getInstances(series !== undefined ? { SeriesInstanceUID: series } : { StudyInstanceUID: study! });
  if (instances.length === 0) {
    const what = series !== undefined ? `series has the Series Instance UID ${series}` : `study has the Study Instance UID ${study}`;
    throw new AtriumError('ATRIUM_ERR_APP_INPUT', `no stored ${what}`, series !== undefined ? { seriesInstanceUID: series } : { studyInstanceUID: study });
  }
  return instances;
}

/** The stored files of another series of the input study (`ctx.readSeries`); refuses a series of another study. */
function studySeriesFiles(workstation: AppRunStore, studyInstanceUID: string, seriesInstanceUID: unknown): string[] {
  const instances = findStudySeries(studyInstanceUID, seriesInstanceUID, (uid) => workstation.index.getInstances({ StudyInstanceUID: studyInstanceUID, SeriesInstanceUID: uid }));
  return instances.map((i) => workstation.files.absolute(i.file.path));
}

function safeUser(): string {
  try {
    return userInfo().username.slice(0, 64);
  } catch {
    return '';
  }
}
