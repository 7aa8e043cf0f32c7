import type BetterSqlite3 from 'better-sqlite3';

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement<unknown[]>>>();

/**
 * Prepared statement for `sql` on `db`, prepared once per connection. Only for SQL text
 * that is a constant of the code; values always go through bound parameters.
 */
export function stmt<R = Record<string, unknown>>(
  db: BetterSqlite3.Database,
  sql: string,
): BetterSqlite3.Statement<unknown[], R> {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sql);
  if (s === undefined) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s as BetterSqlite3.Statement<unknown[], R>;
}
