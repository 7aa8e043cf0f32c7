import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readSample } from '../../../test/support/samples.js';
import { LogSink, MemoryLogSink } from '../core/log-sink.js';
import { Index } from '../db/dicom-index.js';
import { HostDatabase } from '../db/host-database.js';
import { ReconcileLogTable } from '../db/reconcile-log-table.js';
import { SettingTable } from '../db/setting-table.js';
import { sqliteOf } from '../db/test-support/sqlite-of.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { JobQueue } from '../jobs/job-queue.js';
import { JobRunner } from '../jobs/job-runner.js';
import { RemoteAeTable } from '../net/config/remote-ae-table.js';
import { WorkstationServerFactory } from '../net/scp/workstation-server-factory.js';
import { discoverPlugins, PluginDiscovery } from '../plugins/discover-plugins.js';
import { PluginEventHub } from '../plugins/plugin-event-hub.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { PluginStorages } from '../plugins/plugin-storages.js';
import { RenderService } from '../render/render-service.js';
import { fixtureRecords, importCount, tempDir, writePlugin } from '../plugins/test-support/plugin-fixtures.js';
import { FileStore } from '../store/file-store.js';
import { InstanceStore } from '../store/instance-store.js';
import { openWorkstation } from '../store/open-workstation.js';
import { createHostContainer, disposeHostContainer } from './create-host-container.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';

/** The real modules in a real container; only the log sink (stderr) is rebound. */
function hostWithPlugin(storeRoot = tempDir('atrium-store-')) {
  const folder = tempDir();
  const dir = writePlugin(join(folder, 'listener'), 'acme.listener', { entry: {
    activate: 'r.received = []; ctx.subscriptions.push(ctx.events.onDidStoreInstance((e) => r.received.push(e.sopInstanceUID)));',
  } });
  const container = createHostContainer({ storeRoot, pluginFolders: [folder], discovery: { roots: [], nodeModules: [], env: {} } });
  const log = new MemoryLogSink();
  container.rebindSync(LogSink).toConstantValue(log);
  return { container, storeRoot, dir, log };
}

describe('createHostContainer', () => {
  it('wires discovery, registry, hooks and the event hub so a host hook reaches a plugin listener', async () => {
    const { container, storeRoot, dir } = hostWithPlugin();
    const registry = await container.getAsync(PluginRegistry);
    expect(await container.getAsync(PluginRegistry)).toBe(registry);
    expect(container.get(HostConfig)).toMatchObject({ storeRoot, pluginFolders: [expect.any(String)] });
    expect(Object.isFrozen(container.get(HostConfig))).toBe(true);
    expect(registry.apps().map((a) => a.qualifiedId)).toEqual(['acme.listener.summary']);
    expect(importCount(dir)).toBe(0);

    const { context } = await registry.load('acme.listener');
    const hooks = await container.getAsync(HostHooks);
    hooks.instanceStored.call({ status: 'stored', StudyInstanceUID: '1', SeriesInstanceUID: '1.1', SOPInstanceUID: '1.1.1', SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', path: 'p', changes: [], source: 'test' });
    expect(fixtureRecords()['acme.listener']!.received).toEqual(['1.1.1']);

    await context.storage.set('k', 1);
    expect(existsSync(join(storeRoot, 'plugins', 'acme.listener', 'storage.json'))).toBe(true);
    expect((await container.getAsync(PluginStorages)).forPlugin('acme.listener')).toBeDefined();

    await disposeHostContainer(container);
    expect(fixtureRecords()['acme.listener']!.deactivations).toBe(1);
  });

  it('opens the database lazily on the store root, shares its parts, and closes it on dispose', async () => {
    const { container, storeRoot } = hostWithPlugin();
    await container.getAsync(PluginRegistry);
    expect(existsSync(join(storeRoot, 'index.sqlite'))).toBe(false); // listing plugins never opens the database
    const index = await container.getAsync(Index);
    expect(existsSync(join(storeRoot, 'index.sqlite'))).toBe(true);
    const database = await container.getAsync(HostDatabase);
    expect(database.index).toBe(index);
    expect(await container.getAsync(SettingTable)).toBe(database.settings);
    const store = await container.getAsync(InstanceStore);
    const files = await container.getAsync(FileStore);
    expect(files.root).toBe(storeRoot);
    expect(store.receive(new Uint8Array(readSample('mr/MR_small.dcm')), 'test')).toMatchObject({ status: 'stored' });
    expect(index.getInstances({})).toHaveLength(1);
    expect(sqliteOf(index).open).toBe(true);
    await disposeHostContainer(container);
    expect(sqliteOf(index).open).toBe(false);
  });

  it('runs the start-up reconcile when the database is first opened, as openWorkstation does', async () => {
    const storeRoot = tempDir('atrium-store-');
    const ws = openWorkstation(storeRoot);
    ws.close();
    // A temp file a crashed writer left (its process is gone): the start-up pass removes it and logs the repair.
    mkdirSync(join(storeRoot, 'tmp'), { recursive: true });
    writeFileSync(join(storeRoot, 'tmp', '999999999-left.part'), 'half written');
    const { container } = hostWithPlugin(storeRoot);
    const log = await container.getAsync(ReconcileLogTable);
    expect(existsSync(join(storeRoot, 'tmp', '999999999-left.part'))).toBe(false);
    expect(log.unshown().map((r) => JSON.parse(r.report) as { tmpRemoved: number })).toEqual([expect.objectContaining({ tmpRemoved: 1 })]);
    await disposeHostContainer(container);
  });

  it('builds the job runner with the handlers each module contributes, and the network services', async () => {
    const { container } = hostWithPlugin();
    const runner = await container.getAsync(JobRunner);
    expect(runner.types().sort()).toEqual(['app.run', 'net.echo', 'net.find', 'net.get', 'net.move', 'net.send']);
    expect(await container.getAsync(JobQueue)).toBe(await container.getAsync(JobQueue));
    const aes = await container.getAsync(RemoteAeTable);
    aes.add({ title: 'PACS', host: '127.0.0.1', port: 104, roles: ['store'] });
    const lines: string[] = [];
    const { server, config } = (await container.getAsync(WorkstationServerFactory))({ port: 0, aeTitle: 'WIRED' }, (line) => lines.push(line));
    expect(config).toMatchObject({ aeTitle: 'WIRED', port: 0 });
    const port = await server.listen();
    expect(port).toBeGreaterThan(0);
    await server.close(1000);
    await disposeHostContainer(container);
  });

  it('gives one render service per host, its browser not started until a render, and closes it with the host', async () => {
    const { container, storeRoot } = hostWithPlugin();
    const render = await container.getAsync(RenderService);
    expect(await container.getAsync(RenderService)).toBe(render);
    expect(render.started).toBe(false);
    expect(existsSync(join(storeRoot, 'index.sqlite'))).toBe(false); // the render service opens no store
    const dispose = vi.spyOn(render, 'dispose');
    await disposeHostContainer(container);
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it('lets tests rebind a side effect (discovery) and add modules; plugin services stay singletons', async () => {
    const { container } = hostWithPlugin();
    const other = tempDir();
    writePlugin(join(other, 'plugins', 'x'), 'acme.rebound');
    container.rebindSync(PluginDiscovery).toConstantValue(discoverPlugins({ roots: [other], nodeModules: [], env: {} }));
    expect((await container.getAsync(PluginRegistry)).list().map((p) => p.id)).toEqual(['acme.rebound']);
    expect(await container.getAsync(PluginEventHub)).toBe(await container.getAsync(PluginEventHub));

    const Extra = Symbol('Extra');
    const withExtra = createHostContainer({ storeRoot: tempDir(), modules: [new ContainerModule(({ bind }) => { bind(Extra).toConstantValue('jobs go here'); })] });
    expect(withExtra.get(Extra)).toBe('jobs go here');
    expect(withExtra.get(HostConfig).pluginFolders).toEqual([]);
  });

  it('reads $ATRIUM_PLUGIN_PATH from the configured environment', async () => {
    const folder = tempDir();
    writePlugin(join(folder, 'p'), 'acme.from-env');
    const container = createHostContainer({ storeRoot: tempDir(), discovery: { roots: [], nodeModules: [], env: { ATRIUM_PLUGIN_PATH: folder } } });
    container.rebindSync(LogSink).toConstantValue(new MemoryLogSink());
    expect((await container.getAsync(PluginRegistry)).apps().map((a) => a.qualifiedId)).toEqual(['acme.from-env.summary']);
  });
});
