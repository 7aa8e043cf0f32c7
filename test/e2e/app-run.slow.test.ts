import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_VERSION } from '@atrium/sdk';
import { havePeers } from '../support/peers.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { atrium, tempDir } from './cli-helpers.js';
import { dciodvfyFile } from '../support/dciodvfy.js';

// Apps run in worker threads from the compiled host (host/dist): `npm install` builds it.
const CT_SERIES = '1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.2'; // PCIR CT head, 4 slices
const SUMMARY = 'example.series-summary.series-summary';

/** A fixture plugin package (plain JS) in a folder of `ATRIUM_PLUGIN_PATH`. */
function fixturePlugin(root: string, name: string, sdkRange: string, runBody: string): void {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: `fixture-${name}`, version: '1.0.0', type: 'module', main: 'index.mjs',
    atrium: { id: `fixture.${name}`, engines: { sdk: sdkRange }, capabilities: ['read-series'], apps: [{ id: name, title: name, input: {} }] },
  }));
  writeFileSync(join(dir, 'index.mjs'), `export default { apps: [{ id: '${name}', load: {}, parameters: {}, outputs: {},
    async run(ctx, input, params) { ${runBody} } }] };\n`);
}

describe('apps through the CLI (plugins run in worker threads)', () => {
  const store = tempDir();
  const pluginRoot = tempDir();
  const saved = process.env.ATRIUM_PLUGIN_PATH;
  beforeAll(async () => {
    fixturePlugin(pluginRoot, 'thrower', `^${SDK_VERSION}`, "throw new Error('boom in the app');");
    fixturePlugin(pluginRoot, 'hanger', `^${SDK_VERSION}`, 'while (true) {}');
    fixturePlugin(pluginRoot, 'crasher', `^${SDK_VERSION}`, 'process.exit(3);');
    fixturePlugin(pluginRoot, 'future', '^9.0.0', "throw new Error('must never run');");
    process.env.ATRIUM_PLUGIN_PATH = pluginRoot;
    expect((await atrium('--store', store, 'import', 'samples/dicomdir/DICOMDIR')).code).toBe(0);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.ATRIUM_PLUGIN_PATH;
    else process.env.ATRIUM_PLUGIN_PATH = saved;
  });

  it('lists apps from manifests and reports an incompatible plugin without running it', async () => {
    const r = JSON.parse((await atrium('--store', store, '--json', 'apps')).out);
    expect(r.apps.map((a: { qualifiedId: string }) => a.qualifiedId)).toContain(SUMMARY);
    const future = r.problems.find((p: { id: string }) => p.id === 'fixture.future');
    expect(future.problems[0].code).toBe('ATRIUM_ERR_PLUGIN_SDK_RANGE');
  });

  it('runs the example app, writes a valid Secondary Capture into the source study, and re-runs idempotently', async () => {
    const first = await atrium('--store', store, '--json', 'run', 'series-summary', '--series', CT_SERIES, '--param', 'thumbnails=4');
    expect(first.code, first.err).toBe(0);
    const r1 = JSON.parse(first.out);
    expect(r1.written).toHaveLength(1);
    expect(r1.written[0]).toMatchObject({ output: 'summary', status: 'stored', studyInstanceUID: '1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1' });
    const second = JSON.parse((await atrium('--store', store, '--json', 'run', 'series-summary', '--series', CT_SERIES, '--param', 'thumbnails=4')).out);
    expect(second.written[0]).toMatchObject({ status: 'replaced', sopInstanceUID: r1.written[0].sopInstanceUID, seriesInstanceUID: r1.written[0].seriesInstanceUID });
    const ws = openWorkstation(store);
    try {
      const [inst] = ws.index.getInstances({ SOPInstanceUID: r1.written[0].sopInstanceUID });
      expect(inst?.instance.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.7');
      if (havePeers('dciodvfy')) {
        expect(dciodvfyFile(ws.files.absolute(inst!.file.path)).errors).toEqual([]);
      }
    } finally {
      ws.close();
    }
  });

  it('refuses bad parameters before any work', async () => {
    const r = await atrium('--store', store, 'run', 'series-summary', '--series', CT_SERIES, '--param', 'thumbnails=99');
    expect(r.code).toBe(2); // a usage mistake: nothing was done
    expect(r.err).toContain('ATRIUM_ERR_PARAM_INVALID');
    const unknown = await atrium('--store', store, 'run', 'series-summary', '--series', CT_SERIES, '--param', 'colour=red');
    expect(unknown.err).toContain('ATRIUM_ERR_PARAM_UNKNOWN');
    expect(unknown.code).toBe(2);
  });

  it('reports a throwing app, a crashing worker and an incompatible plugin with codes, and keeps going', async () => {
    const thrown = await atrium('--store', store, 'run', 'thrower', '--series', CT_SERIES);
    expect(thrown.code).toBe(1);
    expect(thrown.err).toContain('boom in the app');
    const crashed = await atrium('--store', store, 'run', 'crasher', '--series', CT_SERIES);
    expect(crashed.err).toContain('ATRIUM_ERR_WORKER_CRASHED');
    const future = await atrium('--store', store, 'run', 'fixture.future.future', '--series', CT_SERIES);
    expect(future.err).toContain('ATRIUM_ERR_PLUGIN_SDK_RANGE');
    const again = await atrium('--store', store, '--json', 'run', 'series-summary', '--series', CT_SERIES);
    expect(again.code).toBe(0);
  });

  it('cancels a hung app: the worker is terminated and the job is cancelled', async () => {
    const run = atrium('--store', store, '--json', 'run', 'hanger', '--series', CT_SERIES);
    // Cancel from "another shell" once the job is running.
    let id: number | undefined;
    for (let i = 0; i < 100 && id === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const jobs = JSON.parse((await atrium('--store', store, '--json', 'jobs', '--state', 'running')).out) as { id: number; label: string }[];
      id = jobs.find((j) => j.label.startsWith('fixture.hanger'))?.id;
    }
    expect(id).toBeDefined();
    expect((await atrium('--store', store, 'jobs', 'cancel', String(id))).code).toBe(0);
    const r = await run;
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).job.state).toBe('cancelled');
  });

  it('batch runs every matching series once and resumes without redoing finished ones', async () => {
    const first = JSON.parse((await atrium('--store', store, '--json', 'batch', 'series-summary', '--where', 'Modality=MR')).out);
    expect(first.jobs.length).toBeGreaterThan(0);
    expect(first.jobs.every((j: { state: string }) => j.state === 'completed')).toBe(true);
    const second = JSON.parse((await atrium('--store', store, '--json', 'batch', 'series-summary', '--where', 'Modality=MR', '--where', 'SeriesInstanceUID=1.3.6.1.4.1.5962.*')).out);
    expect(second.resumedDone).toBe(second.jobs.length);
  });

  it('batch never selects what the same app wrote: a second and a third run have nothing to do', async () => {
    const ctSeries = async (): Promise<string[]> => JSON.parse((await atrium('--store', store, '--json', 'ls', 'series', '--modality', 'CT')).out).map((s: { SeriesInstanceUID: string }) => s.SeriesInstanceUID);
    const batch = async (): Promise<{ matched: number; ownOutputs: number; ran: number; jobs: { series: string; state: string; doneEarlier: boolean }[] }> => {
      const r = await atrium('--store', store, '--json', 'batch', 'series-summary', '--where', 'Modality=CT', '--param', 'thumbnails=2');
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out);
    };
    const before = await ctSeries();
    const first = await batch();
    expect(first.ownOutputs).toBeGreaterThan(0); // the summaries written by the earlier runs (Modality copied: CT)
    expect(first.ran).toBe(first.matched - first.ownOutputs);
    const afterFirst = await ctSeries();
    expect(afterFirst.length).toBeGreaterThan(before.length);
    const written = afterFirst.filter((uid) => !before.includes(uid));
    for (const run of [await batch(), await batch()]) {
      expect(run.ran).toBe(0);
      expect(run.jobs.every((j) => j.doneEarlier && j.state === 'completed')).toBe(true);
      expect(run.jobs.map((j) => j.series).filter((uid) => written.includes(uid))).toEqual([]);
      expect(await ctSeries()).toEqual(afterFirst);
    }
    const text = await atrium('--store', store, 'batch', 'series-summary', '--where', 'Modality=CT', '--param', 'thumbnails=2');
    expect(text.out).toContain('\nnothing to do');
  });

  it('prints the conformance statement from the tables the engine runs', async () => {
    const r = await atrium('--store', store, 'conformance', '--app', 'series-summary');
    expect(r.code).toBe(0);
    expect(r.out).toContain('| Patient\'s Name | (0010,0010) | 2 | Used | Copied |');
    expect(r.out).toMatch(/\| SOP Instance UID \| \(0008,0018\) \| 1 \| Ignored \| Generated/);
  });
});
