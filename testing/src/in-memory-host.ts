import type { PluginManifest } from '@atrium/sdk';
import { AtriumError, findStudySeries, parseDicom, sourceSeriesOf, validateInstance, type AppRunHost, type SourceInstanceImpl, type WrittenObject } from '@atrium/host/engine';
import { dciodvfy } from './dciodvfy.js';
import { derivedTestObject, type DerivedTestObject } from './derived-test-object.js';
import type { TestRun, TestRunOptions } from './test-plugin.js';

/** What lasts for the life of a TestPlugin, as a workstation's store and plugin storage would. */
export interface RunRecord {
  /** SOP Instance UIDs of every derived object stored (a second write replaces). */
  readonly stored: Set<string>;
  /** Series Number of each derived series. */
  readonly seriesNumbers: Map<string, number>;
  /** The plugin's storage: key → JSON text. */
  readonly storage: Map<string, string>;
}

/** One run's host and what it records. */
export interface InMemoryRun {
  readonly host: AppRunHost;
  readonly objects: DerivedTestObject[];
  readonly progress: TestRun['progress'][number][];
  readonly logs: TestRun['logs'][number][];
}

/** Station Name (0008,1010) the generator writes in a test run (fixed, so goldens do not depend on the machine). */
export const TEST_STATION = 'ATRIUM-TESTING';
/** Operators' Name (0008,1070) the generator writes in a test run (fixed, so goldens do not depend on the user). */
export const TEST_OPERATOR = 'Testing^Atrium';

/**
 * The host of one in-process run, as if a workstation held the instances `held` (the input's and
 * those of the study's other series given to the run): derived objects are checked as the store
 * checks what it receives (the receive validation, strict; never over a held instance), checked
 * with dciodvfy, and kept in memory; Series Numbers follow those of the study's held series; the
 * plugin's storage is a map of JSON values; `readSeries` gives a held series by the workstation's
 * rule ({@link findStudySeries}); `render` is the run's renderer, when it is given one.
 */
export function inMemoryHost(manifest: PluginManifest, record: RunRecord, options: TestRunOptions, held: readonly SourceInstanceImpl[]): InMemoryRun {
  const objects: DerivedTestObject[] = [];
  const progress: InMemoryRun['progress'] = [];
  const logs: InMemoryRun['logs'] = [];
  const now = options.now ?? new Date();
  const sourceUids = new Set(held.map((s) => s.sopInstanceUID));
  const store: AppRunHost['store'] = async (bytes, output, identity, derived): Promise<WrittenObject> => {
    const app = `${manifest.id} (${output})`;
    if (sourceUids.has(identity.SOPInstanceUID)) {
      throw new AtriumError('ATRIUM_ERR_APP_STORE_ORIGINAL', `a derived object of ${app} has the SOP Instance UID ${identity.SOPInstanceUID} of a source instance: it would replace an original`, { sopInstanceUID: identity.SOPInstanceUID });
    }
    const refusals = validateInstance(parseDicom(bytes), 'strict').refusals;
    if (refusals.length > 0) {
      throw new AtriumError('ATRIUM_ERR_APP_STORE', `the store refused a derived object of ${app}: ${refusals.map((r) => `${r.code}: ${r.message}`).join('; ')}`, { problems: refusals });
    }
    const status = record.stored.has(identity.SOPInstanceUID) ? 'replaced' : 'stored';
    record.stored.add(identity.SOPInstanceUID);
    objects.push(derivedTestObject({
      output, bytes, status, now, provenance: derived?.provenance ?? {},
      studyInstanceUID: identity.StudyInstanceUID, seriesInstanceUID: identity.SeriesInstanceUID,
      dciodvfy: options.dciodvfy === false ? undefined : dciodvfy(bytes),
    }));
    return { output, status, studyInstanceUID: identity.StudyInstanceUID, seriesInstanceUID: identity.SeriesInstanceUID, sopInstanceUID: identity.SOPInstanceUID };
  };
  const host: AppRunHost = {
    pluginId: manifest.id,
    pluginVersion: manifest.version,
    ...(manifest.manufacturer ? { manufacturer: manifest.manufacturer } : {}),
    now,
    stationName: TEST_STATION,
    operatorsName: TEST_OPERATOR,
    ...(options.signal ? { signal: options.signal } : {}),
    // What the host would find in its store from earlier runs on the input series (ctx.superseded).
    ...(options.superseded ? { previous: [...new Set(held.map((s) => s.string('SeriesInstanceUID') ?? ''))].flatMap((sourceSeriesInstanceUID) => options.superseded!.map((o) => ({ ...o, sourceSeriesInstanceUID }))) } : {}),
    storage: Object.freeze({
      get: async <T>(key: string) => (record.storage.has(key) ? (JSON.parse(record.storage.get(key)!) as T) : undefined),
      set: async (key: string, value: unknown) => void record.storage.set(key, jsonText(key, value)),
      delete: async (key: string) => void record.storage.delete(key),
    }),
    store,
    seriesNumber: async (study, series) => {
      const known = record.seriesNumbers.get(series);
      if (known !== undefined) return known;
      const inStudy = held.filter((s) => s.string('StudyInstanceUID') === study);
      const used = [...inStudy.map((s) => s.number('SeriesNumber') ?? 0), ...record.seriesNumbers.values()];
      const n = Math.max(0, ...used) + 1;
      record.seriesNumbers.set(series, n);
      return n;
    },
    ...(options.render ? { render: options.render } : {}),
    readSeries: async (study, series) => sourceSeriesOf(findStudySeries(study, series, (uid) => held.filter((i) => i.string('StudyInstanceUID') === study && i.string('SeriesInstanceUID') === uid))),
    progress: (fraction, message) => {
      progress.push({ fraction, ...(message === undefined ? {} : { message }) });
      options.onProgress?.(fraction, message);
    },
    log: (level, message) => void logs.push({ level, message }),
  };
  return { host, objects, progress, logs };
}

/** The JSON text of a storage value, refusing what the host's storage refuses (a value that is not JSON). */
function jsonText(key: string, value: unknown): string {
  const text = value === undefined ? undefined : JSON.stringify(value);
  if (text === undefined) throw new AtriumError('ATRIUM_ERR_PLUGIN_STORAGE', `storage value of "${key}" is not JSON`, { key });
  return text;
}
