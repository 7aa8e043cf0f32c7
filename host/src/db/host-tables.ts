import { CommitmentTableImpl } from './commitment-table.js';
import type { HostDatabase } from './host-database.js';
import { IndexImpl } from './index-impl.js';
import { IntentTableImpl } from './intent-table.js';
import { JobTableImpl } from './job-table.js';
import { MppsTableImpl } from './mpps-table.js';
import { ReconcileLogTableImpl } from './reconcile-log-table.js';
import { RemoteAeRowsImpl } from './remote-ae-rows.js';
import { SendLogTableImpl } from './send-log-table.js';
import { SettingTableImpl } from './setting-table.js';
import type { SqlDatabase } from './sql-database.js';

/**
 * The host's tables over one migrated connection, SQLite or PostgreSQL alike (the same code over
 * them on both engines); closing it closes the connection. A new table is added here once.
 */
export function hostTables(db: SqlDatabase & { readonly name: string }): HostDatabase {
  const index = new IndexImpl(db);
  return Object.freeze({
    index,
    settings: new SettingTableImpl(db),
    jobs: new JobTableImpl(db),
    remoteAes: new RemoteAeRowsImpl(db),
    intents: new IntentTableImpl(db),
    reconcileLog: new ReconcileLogTableImpl(db),
    commitments: new CommitmentTableImpl(db),
    mpps: new MppsTableImpl(db),
    sendLog: new SendLogTableImpl(db),
    location: db.name,
    close: () => index.close(),
  });
}
