import type { SqlDatabase, SqlStatement } from './sql-database.js';

const caches = new WeakMap<SqlDatabase, Map<string, SqlStatement<unknown[]>>>();

/**
 * Prepared statement for `sql` on `db`, prepared once per connection. Only for SQL text
 * that is a constant of the code; values always go through bound parameters.
 */
export function stmt<R = Record<string, unknown>>(db: SqlDatabase, sql: string): SqlStatement<unknown[], R> {
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
  return s as SqlStatement<unknown[], R>;
}
