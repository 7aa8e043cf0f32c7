import type { HostDatabase } from '../host-database.js';
import { hostTables } from '../host-tables.js';
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
    return hostTables(db);
  } catch (e) {
    db.close();
    throw e;
  }
}
