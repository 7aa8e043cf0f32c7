/** What a statement's `run` reports: rows changed, and the key of the row an INSERT made. */
export interface SqlRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement: positional (`?`) parameters, or one object for named (`@name`) ones (`P = [object]`). */
export interface SqlStatement<P extends unknown[] = unknown[], R = unknown> {
  get(...params: P): R | undefined;
  all(...params: P): R[];
  run(...params: P): SqlRunResult;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- better-sqlite3's own bound, so its Database is a SqlDatabase
type AnyFunction = (...args: any[]) => unknown;

/** A transaction wrapper: call it (deferred) or `.immediate()` (takes the write lock first). */
export interface SqlTransaction<F extends AnyFunction> {
  (...args: ArgumentTypes<F>): ReturnType<F>;
  immediate(...args: ArgumentTypes<F>): ReturnType<F>;
}

/** better-sqlite3's parameter list type (written the same way so its transactions fit). */
type ArgumentTypes<F extends AnyFunction> = F extends (...args: infer A) => unknown ? A : never;

/**
 * The connection every table of `db/` is written against: the part of better-sqlite3's
 * `Database` the host uses, so a better-sqlite3 connection is one as it is, and the
 * PostgreSQL backend (`postgres/postgres-database.ts`) is another. SQL text is written once,
 * in the SQLite dialect as far as both engines share it; `postgres/to-postgres.ts` turns
 * the few differences (placeholders, the key an INSERT returns) into PostgreSQL, and the
 * places that cannot be written once ask {@link sqlDialect}.
 */
export interface SqlDatabase {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- better-sqlite3's own bound
  prepare<P extends unknown[] | {} = unknown[], R = unknown>(sql: string): P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R>;
  transaction<F extends AnyFunction>(fn: F): SqlTransaction<F>;
  exec(sql: string): unknown;
  close(): unknown;
  readonly open: boolean;
  readonly name: string;
  /** Absent on better-sqlite3 (SQLite); `'postgres'` on the PostgreSQL backend. */
  readonly dialect?: 'postgres';
}

/** The SQL dialect of `db`. */
export function sqlDialect(db: SqlDatabase): 'sqlite' | 'postgres' {
  return db.dialect ?? 'sqlite';
}

/** True when `e` is a UNIQUE constraint violation, on either engine (SQLite code, PostgreSQL SQLSTATE 23505). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * True when `e` is an error the database engine raised for a statement (better-sqlite3's
 * `SqliteError`, with a `SQLITE_*` code; a {@link PostgresDatabase}'s `PostgresError`, with
 * the SQLSTATE as code), as opposed to a coded Atrium error or a JavaScript bug.
 */
export function isDatabaseError(e: unknown): e is Error & { code?: string } {
  return e instanceof Error && (e.name === 'SqliteError' || e.name === 'PostgresError');
}
