import Database from 'better-sqlite3';
import { AtriumError } from '../errors/atrium-error.js';
import { registerSqlFunctions } from './sql-functions.js';
import { applyMigrations } from './apply-migrations.js';
import type { Index } from './dicom-index.js';
import { IndexImpl } from './index-impl.js';

/** Options of {@link openIndex}. */
export interface OpenIndexOptions {
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

/**
 * Opens (creating if needed) the index database at `path`, or a private in-memory one for
 * `':memory:'`, and brings its schema up to date (see `MIGRATIONS`). Settings:
 * `journal_mode=WAL` (readers never block the writer), `synchronous=NORMAL` (see
 * {@link OpenIndexOptions.synchronous}), `foreign_keys=ON`, a busy timeout.
 *
 * @throws AtriumError `ATRIUM_ERR_INDEX_OPEN` when the file cannot be opened as SQLite,
 *   or the migration errors of `applyMigrations`.
 */
export function openIndex(path: string, options: OpenIndexOptions = {}): Index {
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
    return new IndexImpl(db);
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
