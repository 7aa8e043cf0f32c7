import type BetterSqlite3 from 'better-sqlite3';
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

/** DI token of {@link IntentTable}. */
export const IntentTable = serviceToken<IntentTable>('IntentTable');

/** {@link IntentTable} on SQLite. */
export class IntentTableImpl implements IntentTable {
  constructor(private readonly db: BetterSqlite3.Database) {
    // The table holds only in-flight paths, so it needs no migrations: it is made when first
    // needed, and a table made before owners were recorded just gets the column.
    db.exec('CREATE TABLE IF NOT EXISTS store_intent (path TEXT PRIMARY KEY, created_at TEXT NOT NULL, owner_pid INTEGER) STRICT');
    if (!db.prepare<[], { name: string }>('PRAGMA table_info(store_intent)').all().some((c) => c.name === 'owner_pid')) {
      db.exec('ALTER TABLE store_intent ADD COLUMN owner_pid INTEGER');
    }
  }

  record(path: string, ownerPid: number): void {
    stmt(this.db, 'INSERT OR REPLACE INTO store_intent(path, created_at, owner_pid) VALUES (?, ?, ?)').run(path, new Date().toISOString(), ownerPid);
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
