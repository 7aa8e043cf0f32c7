import type { Index as IndexShape } from '../db/dicom-index.js';
import type { FileStore as FileStoreShape } from '../store/file-store.js';
import type { InstanceStore as InstanceStoreShape } from '../store/instance-store.js';
import { openWorkstation, type Workstation as WorkstationShape } from '../store/open-workstation.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';

/** The embedded workstation (files + SQLite index + store) on `HostConfig.storeRoot`; closed when unbound. */
export type Workstation = WorkstationShape;
/** DI token of {@link Workstation}. */
export const Workstation = Symbol('Workstation');
/** The SQLite index. */
export type Index = IndexShape;
/** DI token of {@link Index} (the workstation's). */
export const Index = Symbol('Index');
/** The one path that stores anything. */
export type InstanceStore = InstanceStoreShape;
/** DI token of {@link InstanceStore} (the workstation's). */
export const InstanceStore = Symbol('InstanceStore');
/** Files on disk. */
export type FileStore = FileStoreShape;
/** DI token of {@link FileStore} (the workstation's). */
export const FileStore = Symbol('FileStore');

/**
 * Store and index: `openWorkstation`'s parts. The workstation opens on first use (a
 * container that only lists apps never opens the database) and closes on unbind; its
 * store's events (`instanceStored`, `seriesComplete`) are the host hooks of the same name.
 */
export const storeModule = new ContainerModule(({ bind }) => {
  bind<Workstation>(Workstation)
    .toResolvedValue((config: HostConfig, hooks: HostHooks) => {
      const ws = openWorkstation(config.storeRoot, config.validation ? { validation: config.validation } : {});
      // The store's one commit path feeds the host hooks (and through them the plugins' events).
      ws.store.events.listen({ instanceStored: (info) => hooks.instanceStored.call(info), seriesComplete: (info) => hooks.seriesComplete.call(info) });
      return ws;
    }, [HostConfig, HostHooks])
    .inSingletonScope()
    .onDeactivation((ws) => ws.close());
  bind<Index>(Index).toResolvedValue((ws: Workstation) => ws.index, [Workstation]).inSingletonScope();
  bind<InstanceStore>(InstanceStore).toResolvedValue((ws: Workstation) => ws.store, [Workstation]).inSingletonScope();
  bind<FileStore>(FileStore).toResolvedValue((ws: Workstation) => ws.files, [Workstation]).inSingletonScope();
});
