import { resolve } from 'node:path';
import { HostDatabase } from '../db/host-database.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { FileStore } from '../store/file-store.js';
import { InstanceStore } from '../store/instance-store.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';

/**
 * The store on the host's data root: its files, and the one path that stores anything,
 * whose events (`instanceStored`, `seriesComplete`) are the host hooks of the same name.
 * When the database is first opened, the start-up reconcile re-examines what a crash may
 * have left (as `openWorkstation` does), so every command sees index and files agree.
 */
export const storeModule = new ContainerModule(({ bind, onActivation }) => {
  bind(FileStore)
    .toResolvedValue(async (config: HostConfig) => new (await import('../store/file-store-impl.js')).FileStoreImpl(resolve(config.storeRoot)), [HostConfig])
    .inSingletonScope();
  onActivation(HostDatabase, async (context, database) => {
    // The reconcile's code (parse, validation, writes) is loaded only when there is something to reconcile.
    const { needsReconcile } = await import('../store/needs-reconcile.js');
    const config = await context.getAsync(HostConfig);
    if (!needsReconcile(resolve(config.storeRoot), database)) return database;
    const { reconcileAtStartup } = await import('../store/open-workstation.js');
    reconcileAtStartup(await context.getAsync(FileStore), database);
    return database;
  });
  bind(InstanceStore)
    .toResolvedValue(async (config: HostConfig, files: FileStore, database: HostDatabase, hooks: HostHooks) => {
      const [{ openStore }, { loadUidRoot }] = await Promise.all([import('../store/open-workstation.js'), import('../net/config/load-network-config.js')]);
      // The organisation UID root (atrium config set uidRoot) names Atrium in the File Meta Information the store makes.
      const store = openStore(files, database, { ...(config.validation ? { validation: config.validation } : {}), uidRoot: () => loadUidRoot(database.settings) });
      // The store's one commit path feeds the host hooks (and through them the plugins' events).
      store.events.listen({ instanceStored: (info) => hooks.instanceStored.call(info), seriesComplete: (info) => hooks.seriesComplete.call(info) });
      return store;
    }, [HostConfig, FileStore, HostDatabase, HostHooks])
    .inSingletonScope()
    .onDeactivation((store) => store.close());
});
