import type { HostDatabase } from '../host-database.js';
import { IndexImpl } from '../index-impl.js';
import { CommitmentTableImpl } from '../commitment-table.js';
import { IntentTableImpl } from '../intent-table.js';
import { JobTableImpl } from '../job-table.js';
import { MppsTableImpl } from '../mpps-table.js';
import { ReconcileLogTableImpl } from '../reconcile-log-table.js';
import { RemoteAeRowsImpl } from '../remote-ae-rows.js';
import { SettingTableImpl } from '../setting-table.js';
import { applyPostgresMigrations } from './apply-postgres-migrations.js';
import { PostgresDatabase, type PostgresOptions } from './postgres-database.js';

/**
 * Opens the store database on the PostgreSQL server at `url` and brings its schema up to
 * date: the same tables, the same code over them as on SQLite (`openDatabase`), through a
 * {@link PostgresDatabase} connection.
 *
 * @throws AtriumError `ATRIUM_ERR_INDEX_OPEN` (server unreachable, refused), the errors of
 *   `applyPostgresMigrations`.
 */
export function openPostgresDatabase(url: string, options: PostgresOptions = {}): HostDatabase {
  const db = PostgresDatabase.connect(url, options);
  try {
    applyPostgresMigrations(db);
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
      location: db.name,
      close: () => index.close(),
    });
  } catch (e) {
    db.close();
    throw e;
  }
}
