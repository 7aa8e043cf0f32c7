import { sqlDialect, type SqlDatabase } from './sql-database.js';
import { stmt } from './statement-cache.js';
import { serviceToken } from '../core/service-token.js';

/** A path recorded before its file was renamed into place, and the process that recorded it. */
export interface IntentRecord {
  readonly path: string;
  /** The process that wrote the intent; absent for intents written before owners were recorded. */
  readonly ownerPid?: number;
  /** The host of that process (`hostId`); absent for intents written before hosts were recorded (this host's). */
  readonly ownerHost?: string;
}

/**
 * The store's write-ahead intents (table `store_intent`): a path is recorded, and committed,
 * before its file is renamed into place, and forgotten once the index holds it.
 */
export interface IntentTable {
  /** Record `path` as written by process `ownerPid` of host `ownerHost` (replacing an older intent for it). */
  record(path: string, ownerPid: number, ownerHost: string): void;
  forget(path: string): void;
  /** Every intent, oldest first. */
  list(): IntentRecord[];
}

/**
 * The intent table as versions before schema step 12 made it when first needed (step 12 makes
 * it too, and adds `owner_host`). Made again here for a database that step 12 found without it.
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

  record(path: string, ownerPid: number, ownerHost: string): void {
    stmt(this.db, `INSERT INTO store_intent (path, created_at, owner_pid, owner_host) VALUES (?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET created_at = excluded.created_at, owner_pid = excluded.owner_pid, owner_host = excluded.owner_host`).run(path, new Date().toISOString(), ownerPid, ownerHost);
  }

  forget(path: string): void {
    stmt(this.db, 'DELETE FROM store_intent WHERE path = ?').run(path);
  }

  list(): IntentRecord[] {
    return stmt<{ path: string; owner_pid: number | null; owner_host: string | null }>(this.db, 'SELECT path, owner_pid, owner_host FROM store_intent ORDER BY created_at')
      .all()
      .map((r) => ({ path: r.path, ...(r.owner_pid === null ? {} : { ownerPid: Number(r.owner_pid) }), ...(r.owner_host === null ? {} : { ownerHost: r.owner_host }) }));
  }
}
