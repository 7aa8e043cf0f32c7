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
import type { ServiceToken } from '../core/service-token.js';

/**
 * The services that are parts of the store's database, each with how it is read from an
 * open {@link HostDatabase}: what the db module binds, and what a command that uses only
 * these gets without a host container (see hostSession).
 */
export const DATABASE_SERVICES: ReadonlyMap<ServiceToken<unknown>, (database: HostDatabase) => unknown> = new Map<ServiceToken<unknown>, (database: HostDatabase) => unknown>([
  [HostDatabase, (database) => database],
  [Index, (database) => database.index],
  [SettingTable, (database) => database.settings],
  [JobTable, (database) => database.jobs],
  [RemoteAeRows, (database) => database.remoteAes],
  [ReconcileLogTable, (database) => database.reconcileLog],
  [CommitmentTable, (database) => database.commitments],
  [MppsTable, (database) => database.mpps],
  [SendLogTable, (database) => database.sendLog],
  [IntentTable, (database) => database.intents],
]);
