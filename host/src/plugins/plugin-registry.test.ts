import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginContext } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../errors/atrium-error.js';
import { discoverPlugins } from './discover-plugins.js';
import { createHostHooks, type InstanceStoredInfo } from '../hooks/host-hooks.js';
import { MemoryLogSink } from '../core/log-sink.js';
import { PluginEventHubImpl } from './plugin-event-hub.js';
import { PluginErrorCode } from './plugin-problem.js';
import { PluginRegistryImpl } from './plugin-registry-impl.js';
import { PluginStoragesImpl } from './plugin-storages.js';
import { fixtureRecords, importCount, manifest, tempDir, writePlugin, type PluginPackageOptions } from './test-support/plugin-fixtures.js';

type Fixture = [folder: string, id: string, options?: PluginPackageOptions];

/** A registry over fixture plugins written under `<root>/plugins/`, with a real hub, storage and hooks. */
function setup(fixtures: Fixture[], o: { activateTimeoutMs?: number } = {}) {
  const root = tempDir();
  const storeRoot = tempDir('atrium-store-');
  const dirs: Record<string, string> = {};
  for (const [folder, id, options] of fixtures) dirs[folder] = writePlugin(join(root, 'plugins', folder), id, options);
  const hooks = createHostHooks();
  const log = new MemoryLogSink();
  const events = new PluginEventHubImpl(hooks, log);
  const storages = new PluginStoragesImpl(storeRoot);
  const make = () => new PluginRegistryImpl(discoverPlugins({ roots: [root], nodeModules: [], env: {} }), { log, storages, events, ...o });
  return { registry: make(), make, dirs, hooks, log, events, storeRoot };
}

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string; details: Readonly<Record<string, unknown>> }> {
  try {
    await p;
  } catch (e) {
    if (isAtriumError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

function thrown(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (isAtriumError(e)) return e;
    throw e;
  }
  throw new Error('expected a throw');
}

const stored: InstanceStoredInfo = { status: 'stored', StudyInstanceUID: '1.2', SeriesInstanceUID: '1.2.3', SOPInstanceUID: '1.2.3.4', SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', path: 'x', changes: [], source: 'test' };

describe('PluginRegistry: manifests only', () => {
  it('lists every plugin with its state and every app from the manifests, importing nothing', () => {
    const { registry, dirs } = setup([
      ['alpha', 'acme.alpha', { atrium: manifest(['summary', 'thumbs']) }],
      ['beta', 'acme.beta'],
      ['old', 'acme.old', { atrium: manifest(['legacy'], { engines: { sdk: '^2.0.0' } }) }],
      ['dup', 'acme.alpha'],
    ]);
    expect(registry.list().map((p) => [p.id, p.state, p.problems.map((x) => x.code)])).toEqual([
      ['acme.alpha', 'discovered', []],
      ['acme.beta', 'discovered', []],
      ['acme.old', 'invalid', [PluginErrorCode.SDK_RANGE]],
      ['acme.alpha', 'invalid', [PluginErrorCode.DUPLICATE]],
    ]);
    expect(registry.apps()).toEqual([
      { qualifiedId: 'acme.alpha.summary', pluginId: 'acme.alpha', pluginVersion: '1.2.3', appId: 'summary', title: 'App summary', description: 'does summary', input: { modality: ['CT'] }, outputs: {}, earlierRuns: 'keep', index: 0, packageDir: dirs.alpha, entry: join(dirs.alpha!, 'index.mjs') },
      { qualifiedId: 'acme.alpha.thumbs', pluginId: 'acme.alpha', pluginVersion: '1.2.3', appId: 'thumbs', title: 'App thumbs', description: 'does thumbs', input: { modality: ['CT'] }, outputs: {}, earlierRuns: 'keep', index: 1, packageDir: dirs.alpha, entry: join(dirs.alpha!, 'index.mjs') },
      { qualifiedId: 'acme.beta.summary', pluginId: 'acme.beta', pluginVersion: '1.2.3', appId: 'summary', title: 'App summary', description: 'does summary', input: { modality: ['CT'] }, outputs: {}, earlierRuns: 'keep', index: 0, packageDir: dirs.beta, entry: join(dirs.beta!, 'index.mjs') },
    ]);
    expect(registry.get('acme.alpha')).toMatchObject({ packageDir: dirs.alpha, state: 'discovered', version: '1.2.3' });
    for (const dir of Object.values(dirs)) expect(importCount(dir)).toBe(0);
  });

  it('resolves qualified ids and unique short ids; ambiguous and unknown ids are coded errors', () => {
    const { registry } = setup([['alpha', 'acme.alpha', { atrium: manifest(['summary', 'thumbs']) }], ['beta', 'acme.beta']]);
    expect(registry.resolveApp('thumbs').qualifiedId).toBe('acme.alpha.thumbs');
    expect(registry.resolveApp('acme.beta.summary').pluginId).toBe('acme.beta');
    expect(thrown(() => registry.resolveApp('summary'))).toMatchObject({ code: PluginErrorCode.APP_AMBIGUOUS, message: 'app id "summary" is ambiguous: use one of acme.alpha.summary, acme.beta.summary' });
    expect(thrown(() => registry.resolveApp('nope'))).toMatchObject({ code: PluginErrorCode.APP_UNKNOWN, message: 'no app "nope": installed apps are acme.alpha.summary, acme.alpha.thumbs, acme.beta.summary' });
  });
});

describe('PluginRegistry: an incompatible engines.sdk', () => {
  it('is listed invalid, contributes no app, and its code never runs (not even when asked to load)', async () => {
    const { registry, dirs, log } = setup([
      ['old', 'acme.old', { atrium: manifest(['legacy'], { engines: { sdk: '^2.0.0' } }), entry: { atImport: "throw new Error('must never be imported');" } }],
      ['ok', 'acme.ok'],
    ]);
    expect(registry.get('acme.old')).toMatchObject({ state: 'invalid', problems: [{ code: PluginErrorCode.SDK_RANGE, message: 'plugin acme.old needs SDK ^2.0.0, this host has 0.1.0' }] });
    expect(registry.apps().map((a) => a.qualifiedId)).toEqual(['acme.ok.summary']);
    expect(await rejection(registry.load('acme.old'))).toMatchObject({ code: PluginErrorCode.SDK_RANGE, message: 'plugin acme.old needs SDK ^2.0.0, this host has 0.1.0', details: { pluginId: 'acme.old' } });
    expect(thrown(() => registry.resolveApp('acme.old.legacy'))).toMatchObject({ code: PluginErrorCode.SDK_RANGE });
    expect(importCount(dirs.old!)).toBe(0);
    expect(log.entries).toContainEqual({ level: 'warn', source: 'acme.old', message: 'plugin acme.old needs SDK ^2.0.0, this host has 0.1.0', details: { code: PluginErrorCode.SDK_RANGE } });
    await expect(registry.load('acme.ok')).resolves.toBeDefined(); // the host keeps going
  });

  it('an invalid manifest is refused with each problem named, and never imported', async () => {
    const { registry, dirs } = setup([['bad', 'acme.bad', { atrium: { engines: { sdk: '^0.1.0' }, capabilities: ['fly'], apps: [] } }]]);
    const status = registry.get('acme.bad')!;
    expect(status.state).toBe('invalid');
    expect(status.problems.map((p) => p.message.replace(`plugin acme.bad (${dirs.bad}): `, ''))).toEqual([
      'capabilities[0] must be one of read-series, write-derived, network (got "fly")',
      'apps must list at least 1 item(s)',
    ]);
    const e = await rejection(registry.load('acme.bad'));
    expect(e.code).toBe(PluginErrorCode.MANIFEST);
    expect(e.message).toContain('plugin acme.bad');
    expect(importCount(dirs.bad!)).toBe(0);
  });
});

describe('PluginRegistry: loading', () => {
  it('imports lazily, once, and activates once with a frozen per-plugin context', async () => {
    const { registry, dirs, log } = setup([['alpha', 'acme.lazy'], ['beta', 'acme.idle']]);
    registry.apps();
    registry.resolveApp('acme.lazy.summary');
    expect(importCount(dirs.alpha!)).toBe(0);

    const [first, second] = await Promise.all([registry.load('acme.lazy'), registry.load('acme.lazy')]);
    const third = await registry.load('acme.lazy');
    expect(first).toBe(second);
    expect(first).toBe(third);
    expect(importCount(dirs.alpha!)).toBe(1);
    expect(importCount(dirs.beta!)).toBe(0);
    expect(fixtureRecords()['acme.lazy']!.activations).toBe(1);
    expect(registry.get('acme.lazy')!.state).toBe('active');
    expect(registry.get('acme.idle')!.state).toBe('discovered');

    const ctx = first.context;
    expect(fixtureRecords()['acme.lazy']!.context).toBe(ctx);
    expect(ctx.pluginId).toBe('acme.lazy');
    for (const part of [ctx, ctx.log, ctx.storage, ctx.events]) expect(Object.isFrozen(part)).toBe(true);
    expect(() => { (ctx as { pluginId: string }).pluginId = 'acme.other'; }).toThrow(TypeError);
    expect(() => { (ctx as { log: unknown }).log = console; }).toThrow(TypeError);
    expect(() => { (ctx.events as { onDidStoreInstance: unknown }).onDidStoreInstance = () => undefined; }).toThrow(TypeError);
    expect(Object.keys(ctx).sort()).toEqual(['events', 'log', 'pluginId', 'storage', 'subscriptions']);

    ctx.log.warn('low contrast', { slice: 3 });
    expect(log.entries.at(-1)).toEqual({ level: 'warn', source: 'acme.lazy', message: 'low contrast', details: { slice: 3 } });

    const { app, definition } = await registry.loadApp('acme.lazy.summary');
    expect(app.appId).toBe('summary');
    await expect(definition.run(undefined as never, undefined as never, {})).resolves.toEqual({ summary: 'ran summary' });
    expect(importCount(dirs.alpha!)).toBe(1);
  });

  it('a plugin that throws at import is failed with ATRIUM_ERR_PLUGIN_LOAD naming it, not retried, and the host goes on', async () => {
    const { registry, dirs, log } = setup([
      ['boom', 'acme.boom', { entry: { atImport: "throw new Error('cannot find libfoo');" } }],
      ['fine', 'acme.fine'],
    ]);
    const e = await rejection(registry.load('acme.boom'));
    expect(e).toMatchObject({ code: PluginErrorCode.LOAD, message: `plugin acme.boom: importing ${join(dirs.boom!, 'index.mjs')} threw: cannot find libfoo`, details: { pluginId: 'acme.boom' } });
    expect(registry.get('acme.boom')).toMatchObject({ state: 'failed', problems: [{ code: PluginErrorCode.LOAD, message: e.message }] });
    expect(log.entries).toContainEqual({ level: 'error', source: 'acme.boom', message: e.message, details: { code: PluginErrorCode.LOAD, pluginId: 'acme.boom' } });
    expect(await rejection(registry.load('acme.boom'))).toBe(e);
    expect(importCount(dirs.boom!)).toBe(1);
    await expect(registry.load('acme.fine')).resolves.toMatchObject({ manifest: { id: 'acme.fine' } });
    expect(registry.apps().map((a) => a.qualifiedId)).toEqual(['acme.boom.summary', 'acme.fine.summary']); // still declared by its manifest
  });

  it('an entry without a plugin definition is failed with ATRIUM_ERR_PLUGIN_LOAD', async () => {
    const { registry, dirs } = setup([
      ['none', 'acme.none', { entry: { source: 'export const x = 1;\n' } }],
      ['noapps', 'acme.noapps', { entry: { source: 'export default { activate() {} };\n' } }],
      ['norun', 'acme.norun', { entry: { source: "export default { apps: [{ id: 'summary' }] };\n" } }],
    ]);
    expect(await rejection(registry.load('acme.none'))).toMatchObject({ code: PluginErrorCode.LOAD, message: `plugin acme.none: ${join(dirs.none!, 'index.mjs')} has no default export; export default definePlugin({ apps: [...] })` });
    expect(await rejection(registry.load('acme.noapps'))).toMatchObject({ code: PluginErrorCode.LOAD, message: expect.stringContaining('has no "apps" list') });
    expect(await rejection(registry.load('acme.norun'))).toMatchObject({ code: PluginErrorCode.LOAD, message: expect.stringContaining('app "summary" in') });
    expect(registry.list().map((p) => p.state)).toEqual(['failed', 'failed', 'failed']);
  });

  it('apps that differ from the manifest fail with ATRIUM_ERR_PLUGIN_APPS_MISMATCH, before activate', async () => {
    const { registry, dirs } = setup([['mm', 'acme.mismatch', { atrium: manifest(['summary', 'thumbs']), entry: { apps: ['summary', 'extra'] } }]]);
    const e = await rejection(registry.load('acme.mismatch'));
    expect(e).toMatchObject({
      code: PluginErrorCode.APPS_MISMATCH,
      message: `plugin acme.mismatch: the manifest declares apps [summary, thumbs] but ${join(dirs.mm!, 'index.mjs')} defines [extra, summary]`,
      details: { pluginId: 'acme.mismatch', declared: ['summary', 'thumbs'], defined: ['extra', 'summary'] },
    });
    expect(registry.get('acme.mismatch')!.state).toBe('failed');
    expect(fixtureRecords()['acme.mismatch']).toBeUndefined(); // activate never ran
  });

  it('code that repeats or contradicts the manifest fails with ATRIUM_ERR_PLUGIN_APPS_MISMATCH naming each field, before activate', async () => {
    const output = { iod: 'secondary-capture-image', cardinality: 'N:1', description: 'Report' };
    const atrium = manifest(['summary'], { apps: [{ id: 'summary', title: 'Summary', input: {}, outputs: { report: output, thumbs: output } }] });
    const source = `export default { apps: [{ id: 'summary', title: 'Summary again', load: {}, parameters: {}, run: async () => ({ summary: '' }),
      outputs: { report: { iod: 'ct-image', mapping: {} }, extra: { mapping: {} } } }] };\n`;
    const { registry, dirs } = setup([['mm', 'acme.fields', { atrium, entry: { source } }]]);
    const e = await rejection(registry.load('acme.fields'));
    const entry = join(dirs.mm!, 'index.mjs');
    expect(e.code).toBe(PluginErrorCode.APPS_MISMATCH);
    expect(e.details.problems).toEqual([
      'apps[0].title is given in defineApp "summary": the manifest (package.json "atrium".apps[0].title) is its one source; remove it from the code',
      'apps[0].outputs.thumbs is declared in the manifest, but defineApp "summary" gives it no mapping table (outputs.thumbs.mapping)',
      'apps[0].outputs.report.iod is given in defineApp "summary": the manifest (package.json "atrium".apps[0].outputs.report.iod) is its one source; remove it from the code',
      'apps[0].outputs.extra is mapped by defineApp "summary" but not declared in the manifest: add it to package.json "atrium".apps[0].outputs (iod, cardinality, description)',
    ]);
    expect(e.message).toBe(`plugin acme.fields: the apps of ${entry} do not match the manifest: ${(e.details.problems as string[]).join('; ')}`);
    expect(registry.get('acme.fields')!.state).toBe('failed');
    expect(fixtureRecords()['acme.fields']).toBeUndefined();
  });

  it('loadApp joins the manifest entry (title, input, outputs) with the code (load, parameters, mapping, run)', async () => {
    const output = { iod: 'secondary-capture-image', cardinality: 'N:1', description: 'Report', derivationDescription: 'drawn' };
    const atrium = manifest(['summary'], { apps: [{ id: 'summary', title: 'Summary', description: 'sums', input: { modality: ['MR'] }, outputs: { report: output } }] });
    const source = `export default { apps: [{ id: 'summary', load: { Rows: { usage: 'Used' } }, parameters: {}, run: async () => ({ summary: 'ran' }),
      outputs: { report: { mapping: { PatientName: { action: 'Copied' } } } } }] };\n`;
    const { registry } = setup([['ok', 'acme.joined', { atrium, entry: { source } }]]);
    const { definition } = await registry.loadApp('acme.joined.summary');
    expect(definition).toMatchObject({
      id: 'summary', title: 'Summary', description: 'sums', input: { modality: ['MR'] }, load: { Rows: { usage: 'Used' } },
      outputs: { report: { ...output, mapping: { PatientName: { action: 'Copied' } } } },
    });
    expect(await definition.run({} as never, {} as never, {} as never)).toEqual({ summary: 'ran' });
  });

  it('a plugin whose activate throws is failed with ATRIUM_ERR_PLUGIN_ACTIVATE, and what it registered is released', async () => {
    const { registry, hooks, events, log } = setup([
      ['bad', 'acme.activate', { entry: { activate: "ctx.events.onDidStoreInstance(() => { throw new Error('still here'); }); throw new Error('no licence');" } }],
      ['good', 'acme.good'],
    ]);
    const e = await rejection(registry.load('acme.activate'));
    expect(e).toMatchObject({ code: PluginErrorCode.ACTIVATE, message: 'plugin acme.activate: activate threw: no licence', details: { pluginId: 'acme.activate' } });
    expect(registry.get('acme.activate')!.state).toBe('failed');
    expect(events.listenerCount()).toBe(0);
    hooks.instanceStored.call(stored);
    expect(log.entries.filter((x) => x.message.includes('still here'))).toEqual([]);
    await expect(registry.load('acme.good')).resolves.toBeDefined();
  });

  it('an activate that never finishes fails after the timeout', async () => {
    const { registry } = setup([['hang', 'acme.hang', { entry: { activate: 'await new Promise(() => {});' } }]], { activateTimeoutMs: 50 });
    expect(await rejection(registry.load('acme.hang'))).toMatchObject({ code: PluginErrorCode.ACTIVATE, message: 'plugin acme.hang: activate did not finish within 50 ms' });
  });

  it('an unknown plugin id is ATRIUM_ERR_PLUGIN_UNKNOWN', async () => {
    const { registry } = setup([['a', 'acme.alpha']]);
    expect(await rejection(registry.load('acme.nope'))).toMatchObject({ code: PluginErrorCode.UNKNOWN, message: 'no plugin "acme.nope": found acme.alpha' });
  });
});

describe('PluginRegistry: context services and dispose', () => {
  it('events reach the plugin through its context; dispose deactivates, disposes subscriptions and removes listeners', async () => {
    const { registry, hooks, events, log } = setup([
      ['ev', 'acme.events', { entry: {
        activate: `r.received = [];
          ctx.subscriptions.push(ctx.events.onDidStoreInstance((e) => r.received.push(e.sopInstanceUID)));
          ctx.events.onDidChangeJob((e) => r.received.push(e.state));
          ctx.subscriptions.push({ dispose: () => r.received.push('disposed-1') });
          ctx.subscriptions.push({ dispose: () => { throw new Error('bad dispose'); } });`,
        deactivate: "r.received.push('deactivated');",
      } }],
    ]);
    await registry.load('acme.events');
    expect(events.listenerCount()).toBe(2);
    hooks.instanceStored.call(stored);
    hooks.jobChanged.call({ jobId: 1, app: 'acme.events.summary', state: 'completed' });
    const record = fixtureRecords()['acme.events']!;
    expect(record.received).toEqual(['1.2.3.4', 'completed']);

    await registry.dispose();
    expect(record.deactivations).toBe(1);
    expect(record.received).toEqual(['1.2.3.4', 'completed', 'deactivated', 'disposed-1']);
    expect(events.listenerCount()).toBe(0); // including the listener never pushed to subscriptions
    expect((record.context as PluginContext).subscriptions).toEqual([]);
    expect(log.entries).toContainEqual({ level: 'error', source: 'acme.events', message: "plugin acme.events: a subscription's dispose threw: bad dispose", details: { code: PluginErrorCode.LISTENER, pluginId: 'acme.events' } });
    hooks.instanceStored.call(stored);
    expect(record.received).toHaveLength(4);
    expect(registry.get('acme.events')!.state).toBe('discovered');
  });

  it('a deactivate that throws is logged; the plugin is still released', async () => {
    const { registry, events, log } = setup([['d', 'acme.deact', { entry: { activate: 'ctx.events.onDidStoreInstance(() => {});', deactivate: "throw new Error('stuck');" } }]]);
    await registry.load('acme.deact');
    await registry.dispose();
    expect(events.listenerCount()).toBe(0);
    expect(log.entries).toContainEqual({ level: 'error', source: 'acme.deact', message: 'plugin acme.deact: deactivate threw: stuck', details: { code: PluginErrorCode.LISTENER, pluginId: 'acme.deact' } });
  });

  it('storage is per plugin, in <store>/plugins/<id>/storage.json, JSON copies in and out, persistent', async () => {
    const { registry, make, storeRoot } = setup([['s', 'acme.store'], ['t', 'acme.other']]);
    const { context } = await registry.load('acme.store');
    const { context: other } = await registry.load('acme.other');
    const value = { threshold: 130, when: new Date('2024-01-02T03:04:05Z'), nested: [1, 2] };
    await context.storage.set('settings', value);
    value.threshold = 1;
    const back = await context.storage.get<{ threshold: number }>('settings');
    expect(back).toEqual({ threshold: 130, when: '2024-01-02T03:04:05.000Z', nested: [1, 2] });
    back!.threshold = 2;
    expect(await context.storage.get('settings')).toMatchObject({ threshold: 130 });
    expect(await other.storage.get('settings')).toBeUndefined();
    const file = join(storeRoot, 'plugins', 'acme.store', 'storage.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ settings: { threshold: 130, when: '2024-01-02T03:04:05.000Z', nested: [1, 2] } });
    expect(existsSync(join(storeRoot, 'plugins', 'acme.other', 'storage.json'))).toBe(false);

    const e = await rejection(context.storage.set('big', 10n));
    expect(e).toMatchObject({ code: PluginErrorCode.STORAGE, details: { pluginId: 'acme.store', key: 'big' } });
    expect(e.message).toMatch(/^plugin acme\.store: storage: value for "big" is not JSON-serialisable: /);
    await context.storage.delete('settings');
    await context.storage.set('count', 3);

    const again = make(); // a new host on the same store root reads what was written
    const { context: reopened } = await again.load('acme.store');
    expect(await reopened.storage.get('settings')).toBeUndefined();
    expect(await reopened.storage.get('count')).toBe(3);
  });
});
