import type { AppContext, DerivedObjectRef, DerivedObjectRequest, SourceSeries, SupersededObject } from '@atrium/sdk';
import { SdkError } from '@atrium/sdk';
import { deriveObject, type DerivedObject } from '../derive/derive-object.js';
import { derivedUids } from '../derive/derived-uids.js';
import type { BoundApp } from '../plugins/bind-app.js';
import type { AppRunHost } from './app-run-host.js';
import type { DerivedIdentity, WrittenObject } from './app-worker-protocol.js';
import { deidentifyInstance } from './deidentify-instance.js';
import type { SourceInstanceImpl } from './source-instance-impl.js';

/** Stores one derived object through the host and records it as written. */
type Store = (bytes: Uint8Array, output: string, identity: DerivedIdentity, derived?: DerivedObject) => Promise<WrittenObject>;

/** What the contexts of one run share: what was written, the warnings, the run's progress of this series. */
export interface RunShared {
  readonly written: WrittenObject[];
  readonly warnings: string[];
  readonly progress: (fraction: number, message?: string) => void;
}

/**
 * The run context of one series (`ctx` of `run`): `derive.write` builds each object with the
 * mapping engine from the output's mapping table and stores it through the host; `derive.deidentify`
 * runs the PS3.15 engine; progress, log, storage and warnings go to the host, and `render` (when
 * the host has a 3-D renderer) to its render service.
 */
export function appRunContext(app: BoundApp, parameters: Readonly<Record<string, unknown>>, series: SourceSeries, host: AppRunHost, shared: RunShared): AppContext {
  const byUid = new Map(series.instances.map((i) => [i.sopInstanceUID, i as SourceInstanceImpl]));
  const store: Store = async (bytes, output, identity, derived) => {
    const stored = await host.store(bytes, output, identity, derived);
    shared.written.push(stored);
    return stored;
  };
  const log = (level: 'info' | 'warn' | 'error') => (message: string, details?: Readonly<Record<string, unknown>>) => host.log(level, message, details);
  return Object.freeze({
    derive: Object.freeze({ write: derivedWriter(app, parameters, series, host, byUid, store), deidentify: deidentifyInstance({ instances: byUid, store, ...(host.uidRoot ? { uidRoot: host.uidRoot } : {}) }) }),
    progress: shared.progress,
    log: Object.freeze({ info: log('info'), warn: log('warn'), error: log('error') }),
    signal: host.signal ?? new AbortController().signal,
    storage: host.storage,
    now: host.now,
    superseded: superseded(app, parameters, series, host),
    warn: (message: string) => void shared.warnings.push(message),
    ...(host.readSeries ? { readSeries: (seriesInstanceUID: string) => host.readSeries!(series.studyInstanceUID, seriesInstanceUID) } : {}),
    ...(host.render ? { render: host.render } : {}),
  });
}

/**
 * `ctx.superseded`: what earlier runs wrote from this series into other derived series than this
 * run's (the same parameters give the same series, whose objects this run replaces in place).
 */
function superseded(app: BoundApp, parameters: Readonly<Record<string, unknown>>, series: SourceSeries, host: AppRunHost): SupersededObject[] {
  const identity = { pluginId: host.pluginId, appId: app.id, version: host.pluginVersion };
  const own = new Set(Object.keys(app.outputs).map((outputName) => derivedUids({
    ...(host.uidRoot ? { uidRoot: host.uidRoot } : {}), sourceSeriesInstanceUID: series.seriesInstanceUID, app: identity, parameters, outputName, sourceSopInstanceUIDs: [], index: 0,
  }).seriesInstanceUID));
  return (host.previous ?? [])
    .filter((p) => p.sourceSeriesInstanceUID === series.seriesInstanceUID && !own.has(p.seriesInstanceUID))
    .map(({ studyInstanceUID, seriesInstanceUID, sopClassUID, sopInstanceUID }) => Object.freeze({ studyInstanceUID, seriesInstanceUID, sopClassUID, sopInstanceUID }));
}

/** `ctx.derive.write`: one derived object of the named output, built, validated and stored. */
function derivedWriter(
  app: BoundApp,
  parameters: Readonly<Record<string, unknown>>,
  series: SourceSeries,
  host: AppRunHost,
  byUid: ReadonlyMap<string, SourceInstanceImpl>,
  store: Store,
): (outputName: string, request: DerivedObjectRequest) => Promise<DerivedObjectRef> {
  const counters = new Map<string, number>();
  const appInfo = { pluginId: host.pluginId, appId: app.id, title: app.title, version: host.pluginVersion, ...(host.manufacturer ? { manufacturer: host.manufacturer } : {}) };
  const uidRoot = host.uidRoot ? { uidRoot: host.uidRoot } : {};
  return async (outputName, request) => {
    const output = app.outputs[outputName];
    if (!output) throw new SdkError('ATRIUM_ERR_APP_OUTPUT', `${app.id} has no output "${outputName}"; outputs: ${Object.keys(app.outputs).join(', ')}`);
    const sources = request.sources.map((s) => {
      const impl = byUid.get(s.sopInstanceUID);
      if (!impl) throw new SdkError('ATRIUM_ERR_APP_SOURCE', `source ${s.sopInstanceUID} is not an instance of the input series`);
      return { dataset: impl.file.dataset, transferSyntaxUID: impl.file.transferSyntax.uid };
    });
    const index = counters.get(outputName) ?? 0;
    counters.set(outputName, index + 1);
    const { seriesInstanceUID } = derivedUids({
      ...uidRoot, sourceSeriesInstanceUID: series.seriesInstanceUID, app: appInfo, parameters, outputName, sourceSopInstanceUIDs: request.sources.map((s) => s.sopInstanceUID), index,
    });
    const seriesNumber = await host.seriesNumber(series.studyInstanceUID, seriesInstanceUID);
    const { sources: _sources, ...rest } = request;
    const derived = deriveObject({
      outputName, output, app: appInfo, parameters, load: app.load, sources, request: rest, index, seriesNumber,
      sourceSeriesInstanceUID: series.seriesInstanceUID, ...uidRoot, now: host.now, stationName: host.stationName, operatorsName: host.operatorsName,
    });
    const identity = { StudyInstanceUID: derived.studyInstanceUID, SeriesInstanceUID: derived.seriesInstanceUID, SOPInstanceUID: derived.sopInstanceUID, SOPClassUID: derived.sopClassUID };
    const stored = await store(derived.bytes, outputName, identity, derived);
    return { output: outputName, studyInstanceUID: stored.studyInstanceUID, seriesInstanceUID: stored.seriesInstanceUID, sopInstanceUID: stored.sopInstanceUID };
  };
}
