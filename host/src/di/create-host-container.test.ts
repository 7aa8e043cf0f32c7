import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverPlugins, PluginDiscovery } from '../plugins/discover-plugins.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { LogSink, MemoryLogSink } from '../core/log-sink.js';
import { PluginEventHub } from '../plugins/plugin-event-hub.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { PluginStorages } from '../plugins/plugin-storages.js';
import { fixtureRecords, importCount, tempDir, writePlugin } from '../plugins/test-support/plugin-fixtures.js';
import { createHostContainer, disposeHostContainer } from './create-host-container.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';
import { FileStore, Index, InstanceStore, Workstation } from './store-module.js';
import { sqliteOf } from '../db/test-support/sqlite-of.js';

/** The real modules in a real container; only the log sink (stderr) is rebound. */
function hostWithPlugin() {
  const storeRoot = tempDir('atrium-store-');
  const folder = tempDir();
  const dir = writePlugin(join(folder, 'listener'), 'acme.listener', { entry: {
    activate: 'r.received = []; ctx.subscriptions.push(ctx.events.onDidStoreInstance((e) => r.received.push(e.sopInstanceUID)));',
  } });
  const container = createHostContainer({ storeRoot, pluginFolders: [folder], discovery: { roots: [], nodeModules: [], env: {} } });
  const log = new MemoryLogSink();
  container.rebindSync<LogSink>(LogSink).toConstantValue(log);
  return { container, storeRoot, dir, log };
}

describe('createHostContainer', () => {
  it('wires discovery, registry, hooks and the event hub so a host hook reaches a plugin listener', async () => {
    const { container, storeRoot, dir } = hostWithPlugin();
    const registry = container.get<PluginRegistry>(PluginRegistry);
    expect(container.get(PluginRegistry)).toBe(registry);
    expect(container.get<HostConfig>(HostConfig)).toMatchObject({ storeRoot, pluginFolders: [expect.any(String)] });
    expect(Object.isFrozen(container.get(HostConfig))).toBe(true);
    expect(registry.apps().map((a) => a.qualifiedId)).toEqual(['acme.listener.summary']);
    expect(importCount(dir)).toBe(0);

    const { context } = await registry.load('acme.listener');
    const hooks = container.get<HostHooks>(HostHooks);
    hooks.instanceStored.call({ status: 'stored', StudyInstanceUID: '1', SeriesInstanceUID: '1.1', SOPInstanceUID: '1.1.1', SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', path: 'p', changes: [], source: 'test' });
    expect(fixtureRecords()['acme.listener']!.received).toEqual(['1.1.1']);

    await context.storage.set('k', 1);
    expect(existsSync(join(storeRoot, 'plugins', 'acme.listener', 'storage.json'))).toBe(true);
    expect(container.get<PluginStorages>(PluginStorages).forPlugin('acme.listener')).toBeDefined();

    await disposeHostContainer(container);
    expect(fixtureRecords()['acme.listener']!.deactivations).toBe(1);
  });

  it('opens the workstation lazily on the store root, shares its parts, and closes it on dispose', async () => {
    const { container, storeRoot } = hostWithPlugin();
    container.get(PluginRegistry);
    expect(existsSync(join(storeRoot, 'index.sqlite'))).toBe(false); // listing plugins never opens the database
    const ws = container.get<Workstation>(Workstation);
    expect(ws.root).toBe(storeRoot);
    expect(existsSync(join(storeRoot, 'index.sqlite'))).toBe(true);
    expect(container.get(Index)).toBe(ws.index);
    expect(container.get(InstanceStore)).toBe(ws.store);
    expect(container.get(FileStore)).toBe(ws.files);
    expect(sqliteOf(ws.index).open).toBe(true);
    await disposeHostContainer(container);
    expect(sqliteOf(ws.index).open).toBe(false);
  });

  it('lets tests rebind a side effect (discovery) and add modules; plugin services stay singletons', () => {
    const { container } = hostWithPlugin();
    const other = tempDir();
    writePlugin(join(other, 'plugins', 'x'), 'acme.rebound');
    container.rebindSync<PluginDiscovery>(PluginDiscovery).toConstantValue(discoverPlugins({ roots: [other], nodeModules: [], env: {} }));
    expect(container.get<PluginRegistry>(PluginRegistry).list().map((p) => p.id)).toEqual(['acme.rebound']);
    expect(container.get(PluginEventHub)).toBe(container.get(PluginEventHub));

    const Extra = Symbol('Extra');
    const withExtra = createHostContainer({ storeRoot: tempDir(), modules: [new ContainerModule(({ bind }) => { bind(Extra).toConstantValue('jobs go here'); })] });
    expect(withExtra.get(Extra)).toBe('jobs go here');
    expect(withExtra.get<HostConfig>(HostConfig).pluginFolders).toEqual([]);
  });

  it('reads $ATRIUM_PLUGIN_PATH from the configured environment', () => {
    const folder = tempDir();
    writePlugin(join(folder, 'p'), 'acme.from-env');
    const container = createHostContainer({ storeRoot: tempDir(), discovery: { roots: [], nodeModules: [], env: { ATRIUM_PLUGIN_PATH: folder } } });
    container.rebindSync<LogSink>(LogSink).toConstantValue(new MemoryLogSink());
    expect(container.get<PluginRegistry>(PluginRegistry).apps().map((a) => a.qualifiedId)).toEqual(['acme.from-env.summary']);
  });
});
