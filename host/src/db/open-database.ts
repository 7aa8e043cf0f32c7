import Database from 'better-sqlite3';
export { databasePath } from './database-path.js';
export { indexLocation } from './index-location.js';
import { AtriumError } from '../errors/atrium-error.js';
import { registerSqlFunctions } from './sql-functions.js';
import { applyMigrations } from './apply-migrations.js';
import type { Index } from './dicom-index.js';
import type { HostDatabase } from './host-database.js';
import { hostTables } from './host-tables.js';
import { isPostgresUrl } from './index-location.js';
import { openPostgresDatabase } from './postgres/open-postgres-database.js';

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /**
   * `NORMAL` (default): in WAL mode a commit survives a crash of the process but the last
   * commits may be lost on power failure; the index is then repaired by reconciling it
   * with the store, which is the source of truth. `FULL` also syncs the WAL on every
   * commit (one more fsync per received instance).
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a writer waits for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
}

/** The index alone of {@link openDatabase} (closing it closes the database). */
export function openIndex(path: string, options: OpenDatabaseOptions = {}): Index {
  return openDatabase(path, options).index;
}

/**
 * Opens (creating if needed) the database of a store at `path`, or a private in-memory one for
 * `':memory:'`, or the PostgreSQL database of a `postgres://` URL (`openPostgresDatabase`;
 * see `indexLocation` for where a store says which), and brings its schema up to date (see `MIGRATIONS`). Settings:
 * `journal_mode=WAL` (readers never block the writer), `synchronous=NORMAL` (see
 * {@link OpenDatabaseOptions.synchronous}), `foreign_keys=ON`, a busy timeout.
 *
 * @throws AtriumError `ATRIUM_ERR_INDEX_OPEN` when the file cannot be opened as SQLite,
 *   or the migration errors of `applyMigrations`.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): HostDatabase {
  if (isPostgresUrl(path)) return openPostgresDatabase(path);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (e) {
    throw new AtriumError(
      'ATRIUM_ERR_INDEX_OPEN',
      `Cannot open index database ${path}: ${(e as Error).message}`,
      { path },
      { cause: e },
    );
  }
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    registerSqlFunctions(db); // before the migrations: step 6 fills a column with atrium_fold
    applyMigrations(db);
    return hostTables(db);
  } catch (e) {
    db.close();
    if (e instanceof AtriumError) throw e;
    throw new AtriumError(
      'ATRIUM_ERR_INDEX_OPEN',
      `Cannot open index database ${path}: ${(e as Error).message}`,
      { path },
      { cause: e },
    );
  }
}
