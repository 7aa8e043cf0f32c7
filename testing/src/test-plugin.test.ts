import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SdkError, SopClass, type PluginDefinition, type Scene, type SceneRenderer } from '@atrium/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { greyApp } from './test-support/grey-plugin/index.js';
import { TEST_OPERATOR, TEST_STATION } from './in-memory-host.js';
import { testPlugin } from './test-plugin.js';
import { testRenderer } from './test-renderer.js';
import { testSeries } from './test-series.js';

const PACKAGE = fileURLToPath(new URL('./test-support/grey-plugin/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'atrium-testing-plugin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the fixture package with its manifest changed. */
function packageWith(change: (atrium: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(scratch, 'p-'));
  cpSync(PACKAGE, dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { atrium: Record<string, unknown> };
  change(pkg.atrium);
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  return dir;
}

/** Three 8×8 CT slices of constant 10, 20, 30 HU. */
const ct = (o: Partial<Parameters<typeof testSeries>[0]> = {}) =>
  testSeries({ rows: 8, columns: 8, images: [10, 20, 30].map((v) => new Int16Array(64).fill(v)), attributes: { SeriesNumber: 4 }, ...o });

const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code;
  }
  throw new Error('expected a rejection');
};

describe('testPlugin: the plugin checked as the host loads it', () => {
  it('reads the manifest, defaults id and version from the package, and joins each app with its code', () => {
    const kit = testPlugin(PACKAGE, plugin);
    expect(kit.manifest).toMatchObject({ id: 'fixture.grey', version: '1.2.0', manufacturer: 'Fixture' });
    expect(kit.app('grey')).toMatchObject({ title: 'Grey image', input: { modality: ['CT'] }, outputs: { image: { iod: 'secondary-capture-image', cardinality: 'N:1', mapping: greyApp.outputs.image!.mapping } } });
    expect(() => kit.app('gray')).toThrow('fixture.grey has no app "gray"; its apps: grey');
  });

  it('refuses a manifest that fails the schema, naming the field (ATRIUM_ERR_PLUGIN_MANIFEST)', () => {
    const dir = packageWith((m) => ((m.apps as { outputs: Record<string, { iod: string }> }[])[0]!.outputs.image!.iod = 'ultrasound-image'));
    expect(() => testPlugin(dir, plugin)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PLUGIN_MANIFEST', message: expect.stringContaining('apps[0].outputs.image.iod must be one of') }));
  });

  it('refuses an SDK range that excludes this SDK (ATRIUM_ERR_PLUGIN_SDK_RANGE)', () => {
    const dir = packageWith((m) => (m.engines = { sdk: '^9.0.0' }));
    expect(() => testPlugin(dir, plugin)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PLUGIN_SDK_RANGE' }));
  });

  it('refuses code that does not match the manifest (ATRIUM_ERR_PLUGIN_APPS_MISMATCH)', () => {
    const renamed = packageWith((m) => ((m.apps as { outputs: unknown }[])[0]!.outputs = { picture: { iod: 'secondary-capture-image', cardinality: 'N:1', description: 'x' } }));
    expect(() => testPlugin(renamed, plugin)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PLUGIN_APPS_MISMATCH', message: expect.stringContaining('apps[0].outputs.picture is declared in the manifest') }));
    const twice = { apps: [{ ...greyApp, title: 'Grey again' }] } as unknown as PluginDefinition;
    expect(() => testPlugin(PACKAGE, twice)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PLUGIN_APPS_MISMATCH', message: expect.stringContaining('apps[0].title is given in defineApp "grey"') }));
  });

  it('says so when the folder holds no plugin package', () => {
    const empty = mkdtempSync(join(scratch, 'empty-'));
    expect(() => testPlugin(empty, plugin)).toThrow(`testPlugin: ${empty} holds no package.json with an "atrium" manifest`);
    expect(() => testPlugin(scratch, plugin)).toThrow(`testPlugin: ${scratch} holds no package.json with an "atrium" manifest`);
  });
});

describe('TestPlugin.run: the host engine in process', () => {
  it('validates the parameters, runs the app and returns the derived object as the store would receive it', async () => {
    const kit = testPlugin(PACKAGE, plugin);
    const input = ct();
    const now = new Date(2025, 0, 2, 3, 4, 5);
    const run = await kit.run('grey', input, { size: '8' }, { now });
    expect(run.result).toEqual({ summary: 'grey 20, run 1', data: { grey: 20, runs: 1, sopInstanceUID: run.objects[0]!.sopInstanceUID } });
    expect(run.parameters).toEqual({ size: 8, fail: false, reference: '', render: false });
    expect(run.objects).toHaveLength(1);
    const [object] = run.objects;
    expect(run.output('image')).toEqual([object]);
    expect(object).toMatchObject({ output: 'image', status: 'stored', studyInstanceUID: input.studyInstanceUID, sopClassUID: SopClass.SecondaryCaptureImageStorage });
    expect(object!.string('ImageComments')).toBe('mean 20 of 3 instances');
    expect([object!.string('SeriesNumber'), object!.string('StationName'), object!.string('OperatorsName'), object!.string('SeriesDate'), object!.string('SeriesTime')])
      .toEqual(['5', TEST_STATION, TEST_OPERATOR, '20250102', '030405']);
    expect(object!.string('SecondaryCaptureDeviceManufacturer')).toBe('Fixture');
    expect(object!.provenance).toMatchObject({ ImageComments: 'Content', SeriesInstanceUID: 'Generated:SeriesInstanceUID', PatientName: 'Copied' });
    const frame = await object!.frame(0);
    expect([frame.rows, frame.columns, new Set(frame.data)]).toEqual([8, 8, new Set([20])]);
    expect((object!.attributes().SourceImageSequence as { ReferencedSOPInstanceUID: string }[]).map((i) => i.ReferencedSOPInstanceUID)).toEqual(input.sopInstanceUIDs);
    expect(run.progress.map((p) => p.message)).toEqual(['read 1', 'read 2', 'read 3']);
    expect(run.logs).toEqual([{ level: 'info', message: 'mean 20' }]);
  });

  it('checks every derived object with dciodvfy (when installed) and reports its findings on the object', async () => {
    const run = await testPlugin(PACKAGE, plugin).run('grey', ct());
    const report = run.objects[0]!.dciodvfy;
    if (report === undefined) expect(process.env.CI).not.toBe('true');
    else expect(report).toMatchObject({ errors: [], output: expect.stringContaining('SCImage') });
    expect((await testPlugin(PACKAGE, plugin).run('grey', ct(), {}, { dciodvfy: false })).objects[0]!.dciodvfy).toBeUndefined();
  });

  it('refuses what atrium run refuses, with its codes', async () => {
    const kit = testPlugin(PACKAGE, plugin);
    expect(await codeOf(kit.run('grey', ct(), { size: '4' }))).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(await codeOf(kit.run('grey', ct(), { colour: 'red' }))).toBe('ATRIUM_ERR_PARAM_UNKNOWN');
    expect(await codeOf(kit.run('grey', ct({ modality: 'MR' })))).toBe('ATRIUM_ERR_APP_INPUT');
    expect(await codeOf(kit.run('grey', ct({ instance: (i) => (i === 1 ? { Rows: undefined } : {}) })))).toBe('ATRIUM_ERR_APP_LOAD_MANDATORY');
    await expect(kit.run('grey', ct(), { fail: 'true' })).rejects.toThrow(SdkError);
  });

  it('reports unmet load expectations as warnings', async () => {
    const run = await testPlugin(PACKAGE, plugin).run('grey', ct({ attributes: { SeriesNumber: 4, KVP: 100 } }));
    expect(run.warnings).toEqual([expect.stringContaining('KVP')]);
  });

  it('keeps storage and Series Numbers for the life of the TestPlugin; a re-run replaces what the first wrote', async () => {
    const kit = testPlugin(PACKAGE, plugin);
    const first = await kit.run('grey', ct());
    const second = await kit.run('grey', ct());
    expect([first.result.summary, second.result.summary]).toEqual(['grey 20, run 1', 'grey 20, run 2']);
    expect(second.objects[0]).toMatchObject({ status: 'replaced', sopInstanceUID: first.objects[0]!.sopInstanceUID, seriesInstanceUID: first.objects[0]!.seriesInstanceUID });
    expect(second.objects[0]!.string('SeriesNumber')).toBe('5');
    const other = await kit.run('grey', ct(), { size: 9 });
    expect([other.objects[0]!.status, other.objects[0]!.string('SeriesNumber')]).toEqual(['stored', '6']);
  });

  it('cancels through the signal, before or in the middle of a run, and writes nothing', async () => {
    const kit = testPlugin(PACKAGE, plugin);
    const before = new AbortController();
    before.abort();
    await expect(kit.run('grey', ct(), {}, { signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    const seen: string[] = [];
    await expect(kit.run('grey', ct(), {}, { signal: during.signal, onProgress: (_f, m) => (seen.push(m!), during.abort()) })).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['read 1']);
  });

  it('runs on Part 10 files of any origin, and on every series of a study with study: true', async () => {
    const kit = testPlugin(PACKAGE, plugin);
    const a = ct();
    const b = testSeries({ seed: 'second', rows: 8, columns: 8, images: [new Int16Array(64).fill(50)], attributes: { StudyInstanceUID: a.studyInstanceUID, SeriesInstanceUID: '2.25.77' } });
    const run = await kit.run('grey', [...a.files, ...b.files], {}, { study: true });
    expect(run.objects.map((o) => o.string('ImageComments'))).toEqual(['mean 20 of 3 instances', 'mean 50 of 1 instances']);
    expect(run.result.summary).toBe(`series ${a.seriesInstanceUID}: grey 20, run 1\nseries 2.25.77: grey 50, run 2`);
  });

  it('reads another series of the study with ctx.readSeries from studySeries, refusing as atrium run refuses', async () => {
    const kit = testPlugin(PACKAGE, plugin);
    const a = ct();
    const b = testSeries({ seed: 'second', rows: 8, columns: 8, images: [new Int16Array(64).fill(50)], attributes: { StudyInstanceUID: a.studyInstanceUID, SeriesNumber: 7 } });
    const elsewhere = testSeries({ seed: 'other-study', rows: 8, columns: 8, images: [new Int16Array(64).fill(70)], attributes: { SeriesNumber: 12 } });
    const run = await kit.run('grey', a, { reference: b.seriesInstanceUID }, { studySeries: [b, elsewhere] });
    expect(run.result.data).toMatchObject({ grey: 20, reference: 50 });
    // the next free Series Number of the study: after the CT's 4 and the other series' 7 (another study's 12 does not count)
    expect(run.objects.map((o) => o.string('SeriesNumber'))).toEqual(['8']);
    expect((await kit.run('grey', a, { reference: a.seriesInstanceUID })).result.data).toMatchObject({ reference: 20 });
    await expect(kit.run('grey', a, { reference: elsewhere.seriesInstanceUID }, { studySeries: [b, elsewhere] }))
      .rejects.toMatchObject({ code: 'ATRIUM_ERR_APP_INPUT', message: `no series ${elsewhere.seriesInstanceUID} is stored in study ${a.studyInstanceUID}` });
    await expect(kit.run('grey', a, { reference: b.seriesInstanceUID })).rejects.toMatchObject({ code: 'ATRIUM_ERR_APP_INPUT' });
    await expect(kit.run('grey', a, { reference: '../ct' }, { studySeries: [b] })).rejects.toMatchObject({ code: 'ATRIUM_ERR_APP_INPUT', message: '"../ct" is not a Series Instance UID' });
  });

  it('gives the app ctx.render from the run\'s renderer, and none without one (as a host without a renderer)', async () => {
    const kit = testPlugin(PACKAGE, plugin);
    const scenes: Scene[] = [];
    const renderer: SceneRenderer = {
      scene: async (scene) => (scenes.push(scene), scene.cameras.map(() => ({ width: scene.width, height: scene.height, rgb: new Uint8Array(scene.width * scene.height * 3), renderMs: 0 }))),
    };
    expect((await kit.run('grey', ct(), { render: 'true' }, { render: renderer })).result.data).toMatchObject({ rendered: 1 });
    expect(scenes.map((s) => [s.width, s.cameras.length])).toEqual([[16, 1]]);
    expect((await kit.run('grey', ct(), { render: 'true' })).result.data).toMatchObject({ rendered: 'no renderer' });
  });
});

describe('testRenderer: the workstation\'s render service for kit runs', () => {
  it('without Chromium, the first scene rejects with a coded error that says how to install it, and nothing is left running', async () => {
    const saved = process.env.ATRIUM_CHROMIUM;
    process.env.ATRIUM_CHROMIUM = '/nonexistent/chromium';
    const renderer = testRenderer();
    try {
      const kit = testPlugin(PACKAGE, plugin);
      await expect(kit.run('grey', ct(), { render: 'true' }, { render: renderer })).rejects.toMatchObject({
        code: 'ATRIUM_ERR_RENDER_BROWSER_MISSING', message: expect.stringContaining('apt-get install chromium'),
      });
    } finally {
      await renderer.dispose();
      if (saved === undefined) delete process.env.ATRIUM_CHROMIUM;
      else process.env.ATRIUM_CHROMIUM = saved;
    }
  });
});
