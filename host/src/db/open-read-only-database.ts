import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import { AtriumError } from '../errors/atrium-error.js';
import { CommitmentTableImpl } from './commitment-table.js';
import type { HostDatabase } from './host-database.js';
import { IndexImpl } from './index-impl.js';
import { IntentTableImpl } from './intent-table.js';
import { MIGRATIONS } from './migrations.js';
import { registerSqlFunctions } from './sql-functions.js';

// Required, not imported: a CommonJS package imported from an ES module is first scanned for
// its exports (cjs-module-lexer), a few milliseconds of the start of `atrium ls`.
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

/**
 * The tables a command that only reads gets from a database opened read-only (the index,
 * the storage commitment results, and the intents that tell whether the start-up reconcile has
 * something to do); closing it closes the connection.
 */
export type ReadOnlyDatabase = Pick<HostDatabase, 'index' | 'commitments' | 'intents' | 'location' | 'close'>;

/**
 * Opens the existing SQLite database of a store at `path` read-only, for a command that only
 * reads (`atrium ls`): no migration, no heartbeat (this process writes nothing), no write of
 * any kind, so nothing is synced to disk when it closes; only the tables it reads are made
 * (SQLite opens a WAL-mode database read-only when the folder lets it create the `-wal` and
 * `-shm` files, or they exist). Undefined when the schema is not this Atrium's latest version:
 * `openDatabase` then opens it, migrating it or refusing a newer one, as for any command.
 *
 * @throws AtriumError `ATRIUM_ERR_INDEX_OPEN` when the file cannot be opened as SQLite.
 */
export function openReadOnlyDatabase(path: string, { busyTimeoutMs = 5000 }: { busyTimeoutMs?: number } = {}): ReadOnlyDatabase | undefined {
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
    const index = new IndexImpl(db);
    return Object.freeze({
      index,
      commitments: new CommitmentTableImpl(db),
      intents: new IntentTableImpl(db),
      location: db.name,
      close: () => index.close(),
    });
  } catch (e) {
    db.close();
    if (e instanceof AtriumError) throw e;
    throw new AtriumError('ATRIUM_ERR_INDEX_OPEN', `Cannot open index database ${path}: ${(e as Error).message}`, { path }, { cause: e });
  }
}
