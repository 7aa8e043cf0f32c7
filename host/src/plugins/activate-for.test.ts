import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLogSink } from '../core/log-sink.js';
import { createHostHooks } from '../hooks/host-hooks.js';
import { discoverPlugins } from './discover-plugins.js';
import { PluginEventHubImpl } from './plugin-event-hub.js';
import { PluginRegistryImpl } from './plugin-registry-impl.js';
import { PluginStoragesImpl } from './plugin-storages.js';
import { fixtureRecords, importCount, manifest, tempDir, writePlugin } from './test-support/plugin-fixtures.js';

describe('PluginRegistry.activateFor (manifest activationEvents)', () => {
  it('activates the plugins that list the event, leaves the others unloaded, and logs one that fails without stopping the rest', async () => {
    const root = tempDir();
    const stored = manifest(['summary'], { activationEvents: ['onDidStoreInstance'] });
    const eager = writePlugin(join(root, 'plugins', 'eager'), 'acme.on-store', { atrium: stored });
    const broken = writePlugin(join(root, 'plugins', 'broken'), 'acme.on-store-broken', { atrium: stored, entry: { activate: "throw new Error('no config');" } });
    const series = writePlugin(join(root, 'plugins', 'series'), 'acme.on-series', { atrium: manifest(['summary'], { activationEvents: ['onDidCompleteSeries'] }) });
    const plain = writePlugin(join(root, 'plugins', 'plain'), 'acme.plain');
    const log = new MemoryLogSink();
    const hooks = createHostHooks();
    const registry = new PluginRegistryImpl(discoverPlugins({ roots: [root], nodeModules: [], env: {} }), { log, storages: new PluginStoragesImpl(tempDir()), events: new PluginEventHubImpl(hooks, log) });

    expect(await registry.activateFor('onDidStoreInstance')).toEqual(['acme.on-store']);
    expect(fixtureRecords()['acme.on-store']!.activations).toBe(1);
    expect(registry.get('acme.on-store-broken')?.state).toBe('failed');
    expect(log.entries).toEqual([expect.objectContaining({ level: 'error', source: 'acme.on-store-broken', details: expect.objectContaining({ code: 'ATRIUM_ERR_PLUGIN_ACTIVATE' }) })]);
    expect([importCount(series), importCount(plain)]).toEqual([0, 0]);
    expect(importCount(broken)).toBe(1);

    expect(await registry.activateFor('onDidStoreInstance')).toEqual(['acme.on-store']); // once: activate is not called again
    expect(fixtureRecords()['acme.on-store']!.activations).toBe(1);
    expect(await registry.activateFor('onDidCompleteSeries')).toEqual(['acme.on-series']);
    expect(importCount(eager)).toBe(1);
    await registry.dispose();
  });
});
