import { mkdirSync } from 'node:fs';
import { CommitmentTable } from '../db/commitment-table.js';
import { Index } from '../db/dicom-index.js';
import { HostDatabase } from '../db/host-database.js';
import { IntentTable } from '../db/intent-table.js';
import { JobTable } from '../db/job-table.js';
import { MppsTable } from '../db/mpps-table.js';
import { ReconcileLogTable } from '../db/reconcile-log-table.js';
import { RemoteAeRows } from '../db/remote-ae-rows.js';
import { SendLogTable } from '../db/send-log-table.js';
import { SettingTable } from '../db/setting-table.js';
import { HostConfig } from './host-config.js';
import { ContainerModule } from './inversify.js';

/**
 * The database of the host's store (SQLite `index.sqlite` under the data root, or the
 * PostgreSQL database its store.json names: `indexLocation`), opened on first use and
 * closed when unbound, and its parts: the index and the tables beside it.
 */
export const dbModule = new ContainerModule(({ bind }) => {
  bind(HostDatabase)
    .toResolvedValue(async (config: HostConfig) => {
      const { indexLocation, openDatabase } = await import('../db/open-database.js');
      mkdirSync(config.storeRoot, { recursive: true }); // a command that creates the store (import, config set, ae add) may find no folder yet
      return openDatabase(indexLocation(config.storeRoot));
    }, [HostConfig])
    .inSingletonScope()
    .onDeactivation((database) => database.close());
  bind(Index).toResolvedValue((database: HostDatabase) => database.index, [HostDatabase]).inSingletonScope();
  bind(SettingTable).toResolvedValue((database: HostDatabase) => database.settings, [HostDatabase]).inSingletonScope();
  bind(JobTable).toResolvedValue((database: HostDatabase) => database.jobs, [HostDatabase]).inSingletonScope();
  bind(RemoteAeRows).toResolvedValue((database: HostDatabase) => database.remoteAes, [HostDatabase]).inSingletonScope();
  bind(ReconcileLogTable).toResolvedValue((database: HostDatabase) => database.reconcileLog, [HostDatabase]).inSingletonScope();
  bind(CommitmentTable).toResolvedValue((database: HostDatabase) => database.commitments, [HostDatabase]).inSingletonScope();
  bind(MppsTable).toResolvedValue((database: HostDatabase) => database.mpps, [HostDatabase]).inSingletonScope();
  bind(SendLogTable).toResolvedValue((database: HostDatabase) => database.sendLog, [HostDatabase]).inSingletonScope();
  bind(IntentTable).toResolvedValue((database: HostDatabase) => database.intents, [HostDatabase]).inSingletonScope();
});
