import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths } from '../importer/import-paths.js';
import { DicomServer } from '../net/scp/dicom-server.js';
import { VERIFICATION_CONTEXT } from '../net/scu/echo-scu.js';
import { openScu } from '../net/scu/open-scu.js';
import { storageProposals, storeInstances } from '../net/scu/store-instances.js';
import { storeService } from '../net/services/store-service.js';
import { outgoingForUids } from '../net/outgoing-for-uids.js';
import { LogSink, MemoryLogSink } from '../core/log-sink.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { fixtureRecords, tempDir as makePluginTempDir, writePlugin } from '../plugins/test-support/plugin-fixtures.js';
import { removeTempDir } from '../../../test/support/temp-dir.js';
import { setStoreSetting } from '../store/store-settings.js';
import { openWorkstation } from '../store/open-workstation.js';
import { createHostContainer, disposeHostContainer } from './create-host-container.js';
import type { Container } from './inversify.js';
import { InstanceStore } from '../store/instance-store.js';

const MR = 'samples/mr/MR_small.dcm';
const MR_SERIES = '1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457';
const MR_SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';

/** A host container on a fresh store with one plugin that records every store event it hears. */
async function hostWithListener(id: string, stableAgeSeconds?: number): Promise<{ container: Container; received: () => unknown[] }> {
  const storeRoot = tempDir('atrium-events-store-');
  if (stableAgeSeconds !== undefined) {
    const ws = openWorkstation(storeRoot);
    setStoreSetting(ws.database.settings, 'stableAge', String(stableAgeSeconds));
    ws.close();
  }
  const folder = tempDir();
  writePlugin(join(folder, 'listener'), id, { entry: {
    activate: `ctx.subscriptions.push(ctx.events.onDidStoreInstance((e) => r.received.push(['stored', e.sopInstanceUID])));
      ctx.subscriptions.push(ctx.events.onDidCompleteSeries((e) => r.received.push(['complete', e.seriesInstanceUID])));`,
  } });
  const container = createHostContainer({ storeRoot, pluginFolders: [folder], discovery: { roots: [], nodeModules: [], env: {} } });
  container.rebindSync(LogSink).toConstantValue(new MemoryLogSink());
  await (await container.getAsync(PluginRegistry)).load(id);
  return { container, received: () => fixtureRecords()[id]!.received };
}

const containers: Container[] = [];
const dirs: string[] = [];
const tempDir = (prefix?: string): string => {
  const d = makePluginTempDir(prefix);
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const c of containers.splice(0)) await disposeHostContainer(c);
  dirs.splice(0).forEach(removeTempDir);
});

describe('store events reach plugins from the one commit path', () => {
  it('an import: onDidStoreInstance for each stored instance, onDidCompleteSeries at the end of the import; refusals are silent', async () => {
    const { container, received } = await hostWithListener('acme.import-listener');
    containers.push(container);
    const store = await container.getAsync(InstanceStore);
    await importPaths(store, [MR, 'test/fixtures/repro/D1_invalid-VR-on-StudyUID_aborts-import.dcm']);
    expect(received()).toEqual([['stored', MR_SOP], ['complete', MR_SERIES]]);
    await importPaths(store, [MR]); // the same file again: stored already, nothing written, no event
    expect(received().slice(2)).toEqual([]);
  });

  it('a C-STORE: onDidStoreInstance when indexed; onDidCompleteSeries once the series received nothing for the stable age', async () => {
    const { container, received } = await hostWithListener('acme.cstore-listener', 1);
    containers.push(container);
    const store = await container.getAsync(InstanceStore);
    const server = new DicomServer({
      aeTitle: 'EVENTS', port: 0, bindAddress: '127.0.0.1', maxPduLength: 32768, associationTimeoutMs: 3000, idleTimeoutMs: 10_000, maxAssociations: 2,
      acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: true, services: [storeService({ store })],
    });
    const port = await server.listen();
    const sender = openWorkstation(tempDir('atrium-events-sender-'));
    try {
      sender.store.receive(new Uint8Array(readFileSync(MR)), 'test');
      const instances = outgoingForUids(sender.index, sender.files, [MR_SOP]);
      const settings = { aeTitle: 'SENDER', maxPduLength: 16384, connectTimeoutMs: 3000, associationTimeoutMs: 3000, dimseTimeoutMs: 10_000 };
      const session = await openScu(settings, { title: 'EVENTS', host: '127.0.0.1', port }, storageProposals(instances, [VERIFICATION_CONTEXT]));
      const report = await storeInstances(session.connection, instances, { stopOnFailure: true });
      await session.close();
      expect(report).toMatchObject({ completed: 1, failed: 0 });
      for (let i = 0; i < 50 && received().length < 1; i++) await new Promise((r) => setTimeout(r, 20));
      expect(received()).toEqual([['stored', MR_SOP]]);
      const sent = Date.now();
      for (let i = 0; i < 100 && received().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      expect(received()).toEqual([['stored', MR_SOP], ['complete', MR_SERIES]]);
      expect(Date.now() - sent).toBeGreaterThanOrEqual(800); // not before the stable age of 1 s (timer granularity aside)
    } finally {
      await server.close(1000);
      sender.close();
    }
  });
});
