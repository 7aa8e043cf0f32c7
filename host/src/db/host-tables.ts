import { CommitmentTableImpl } from './commitment-table.js';
import type { HostDatabase } from './host-database.js';
import { HostHeartbeatTableImpl } from './host-heartbeat-table.js';
import { IndexImpl } from './index-impl.js';
import { IntentTableImpl } from './intent-table.js';
import { JobTableImpl } from './job-table.js';
import { MppsTableImpl } from './mpps-table.js';
import { ReconcileLogTableImpl } from './reconcile-log-table.js';
import { RemoteAeRowsImpl } from './remote-ae-rows.js';
import { SendLogTableImpl } from './send-log-table.js';
import { SettingTableImpl } from './setting-table.js';
import type { SqlDatabase } from './sql-database.js';
import { HostLiveness, hostTimeoutMs } from './host-liveness.js';

/**
 * The host's tables over one migrated connection, SQLite or PostgreSQL alike (the same code over
 * them on both engines); closing it closes the connection. A new table is added here once.
 */
export function hostTables(db: SqlDatabase & { readonly name: string }): HostDatabase {
  const index = new IndexImpl(db);
  const settings = new SettingTableImpl(db);
  const heartbeats = new HostHeartbeatTableImpl(db);
  const liveness = new HostLiveness(heartbeats, () => hostTimeoutMs(settings), undefined, undefined, db.name);
  liveness.start();
  return Object.freeze({
    index,
    settings,
    jobs: new JobTableImpl(db),
    remoteAes: new RemoteAeRowsImpl(db),
    intents: new IntentTableImpl(db),
    heartbeats,
    liveness,
    reconcileLog: new ReconcileLogTableImpl(db),
    commitments: new CommitmentTableImpl(db),
    mpps: new MppsTableImpl(db),
    sendLog: new SendLogTableImpl(db),
    location: db.name,
    close: () => {
      liveness.stop();
      index.close();
    },
  });
}
