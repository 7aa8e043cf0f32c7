import type BetterSqlite3 from 'better-sqlite3';
import { ownerMayBeWriting } from './owner-may-be-writing.js';

/**
 * The write-ahead intent log of the store: a path is recorded (and committed) before its
 * file is renamed into place, and forgotten once the index holds it. After a crash the
 * intents left are exactly the files whose index state is in doubt (see `reconcileStore`).
 * Each intent records the process that wrote it, so that a reconcile in another process
 * leaves the intents of a store still in progress alone.
 */
export class StoreIntents {
  private readonly insert: BetterSqlite3.Statement<[string, string, number]>;
  private readonly remove: BetterSqlite3.Statement<[string]>;
  private readonly all: BetterSqlite3.Statement<[], { path: string; owner_pid: number | null }>;

  constructor(db: BetterSqlite3.Database) {
    // The store owns this one table; it holds only in-flight paths, so it needs no
    // migrations (a table made before owners were recorded just gets the column).
    db.exec('CREATE TABLE IF NOT EXISTS store_intent (path TEXT PRIMARY KEY, created_at TEXT NOT NULL, owner_pid INTEGER) STRICT');
    if (!db.prepare<[], { name: string }>('PRAGMA table_info(store_intent)').all().some((c) => c.name === 'owner_pid')) {
      db.exec('ALTER TABLE store_intent ADD COLUMN owner_pid INTEGER');
    }
    this.insert = db.prepare('INSERT OR REPLACE INTO store_intent(path, created_at, owner_pid) VALUES (?, ?, ?)');
    this.remove = db.prepare('DELETE FROM store_intent WHERE path = ?');
    this.all = db.prepare('SELECT path, owner_pid FROM store_intent ORDER BY created_at');
  }

  begin(path: string): void {
    this.insert.run(path, new Date().toISOString(), process.pid);
  }
  end(path: string): void {
    this.remove.run(path);
  }
  /** Intents left by stores that were interrupted (their process is gone, or is this one). */
  pending(): string[] {
    return this.all.all().filter((r) => !ownerMayBeWriting(r.owner_pid ?? undefined)).map((r) => r.path);
  }
}
