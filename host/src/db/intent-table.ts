import { sqlDialect, type SqlDatabase } from './sql-database.js';
import { stmt } from './statement-cache.js';
import { serviceToken } from '../core/service-token.js';

/** A path recorded before its file was renamed into place, and the process that recorded it. */
export interface IntentRecord {
  readonly path: string;
  /** The process that wrote the intent; absent for intents written before owners were recorded. */
  readonly ownerPid?: number;
}

/**
 * The store's write-ahead intents (table `store_intent`): a path is recorded, and committed,
 * before its file is renamed into place, and forgotten once the index holds it.
 */
export interface IntentTable {
  /** Record `path` as written by process `ownerPid` (replacing an older intent for it). */
  record(path: string, ownerPid: number): void;
  forget(path: string): void;
  /** Every intent, oldest first. */
  list(): IntentRecord[];
}

/**
 * The intent table, made when first needed: it holds only in-flight paths, so it has no
 * migration step (on PostgreSQL it is also made under the migration lock, see
 * `applyPostgresMigrations`, so that two hosts starting at once do not race to make it).
 */
export const STORE_INTENT_TABLE = 'CREATE TABLE IF NOT EXISTS store_intent (path TEXT PRIMARY KEY, created_at TEXT NOT NULL, owner_pid INTEGER) STRICT';

/** DI token of {@link IntentTable}. */
export const IntentTable = serviceToken<IntentTable>('IntentTable');

/** {@link IntentTable} on a {@link SqlDatabase} (SQLite or PostgreSQL). */
export class IntentTableImpl implements IntentTable {
  constructor(private readonly db: SqlDatabase) {
    // A table made before owners were recorded (SQLite only) just gets the column.
    db.exec(STORE_INTENT_TABLE);
    if (sqlDialect(db) === 'postgres') return;
    if (!db.prepare<[], { name: string }>('PRAGMA table_info(store_intent)').all().some((c) => c.name === 'owner_pid')) {
      db.exec('ALTER TABLE store_intent ADD COLUMN owner_pid INTEGER');
    }
  }

  record(path: string, ownerPid: number): void {
    stmt(this.db, `INSERT INTO store_intent (path, created_at, owner_pid) VALUES (?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET created_at = excluded.created_at, owner_pid = excluded.owner_pid`).run(path, new Date().toISOString(), ownerPid);
  }

  forget(path: string): void {
    stmt(this.db, 'DELETE FROM store_intent WHERE path = ?').run(path);
  }

  list(): IntentRecord[] {
    return stmt<{ path: string; owner_pid: number | null }>(this.db, 'SELECT path, owner_pid FROM store_intent ORDER BY created_at')
      .all()
      .map((r) => (r.owner_pid === null ? { path: r.path } : { path: r.path, ownerPid: r.owner_pid }));
  }
}
