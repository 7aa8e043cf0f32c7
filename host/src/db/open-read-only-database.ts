import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import { AtriumError } from '../errors/atrium-error.js';
import type { HostDatabase } from './host-database.js';
import { hostTables } from './host-tables.js';
import { MIGRATIONS } from './migrations.js';
import { registerSqlFunctions } from './sql-functions.js';

// Required, not imported: a CommonJS package imported from an ES module is first scanned for
// its exports (cjs-module-lexer), a few milliseconds of the start of `atrium ls`.
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/**
 * Opens the existing SQLite database of a store at `path` read-only, for a command that only
 * reads (`atrium ls`): no migration, no heartbeat, no write of any kind, so nothing is synced
 * to disk when it closes (SQLite opens a WAL-mode database read-only when the directory lets
 * it create the `-wal` and `-shm` files, or they exist). Undefined when the schema is not
 * this Atrium's latest version: `openDatabase` then opens it, migrating it or refusing a newer
 * one, as for any command.
 *
 * @throws AtriumError `ATRIUM_ERR_INDEX_OPEN` when the file cannot be opened as SQLite.
 */
export function openReadOnlyDatabase(path: string, { busyTimeoutMs = 5000 }: { busyTimeoutMs?: number } = {}): HostDatabase | undefined {
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  } catch (e) {
    throw new AtriumError('ATRIUM_ERR_INDEX_OPEN', `Cannot open index database ${path}: ${(e as Error).message}`, { path }, { cause: e });
  }
  try {
    if (db.pragma('user_version', { simple: true }) !== MIGRATIONS.length) {
      db.close();
      return undefined;
    }
    registerSqlFunctions(db);
    return hostTables(db, { readOnly: true });
  } catch (e) {
    db.close();
    if (e instanceof AtriumError) throw e;
    throw new AtriumError('ATRIUM_ERR_INDEX_OPEN', `Cannot open index database ${path}: ${(e as Error).message}`, { path }, { cause: e });
  }
}
