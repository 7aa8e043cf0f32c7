import type BetterSqlite3 from 'better-sqlite3';

/**
 * The write-ahead intent log of the store: a path is recorded (and committed) before its
 * file is renamed into place, and forgotten once the index holds it. After a crash the
 * intents left are exactly the files whose index state is in doubt (see `reconcileStore`).
 */
export class StoreIntents {
  private readonly insert: BetterSqlite3.Statement<[string, string]>;
  private readonly remove: BetterSqlite3.Statement<[string]>;
  private readonly all: BetterSqlite3.Statement<[], { path: string }>;

  constructor(db: BetterSqlite3.Database) {
    // The store owns this one table; it holds only in-flight paths, so it needs no migrations.
    db.exec('CREATE TABLE IF NOT EXISTS store_intent (path TEXT PRIMARY KEY, created_at TEXT NOT NULL) STRICT');
    this.insert = db.prepare('INSERT OR REPLACE INTO store_intent(path, created_at) VALUES (?, ?)');
    this.remove = db.prepare('DELETE FROM store_intent WHERE path = ?');
    this.all = db.prepare('SELECT path FROM store_intent ORDER BY created_at');
  }

  begin(path: string): void {
    this.insert.run(path, new Date().toISOString());
  }
  end(path: string): void {
    this.remove.run(path);
  }
  pending(): string[] {
    return this.all.all().map((r) => r.path);
  }
}
