import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AtriumError } from '../../errors/atrium-error.js';
import type { SqlDatabase, SqlRunResult, SqlStatement, SqlTransaction } from '../sql-database.js';
import type { PostgresReply, PostgresRequestBody, PostgresWorkerData } from './postgres-protocol.js';
import { schemaToPostgres, toPostgres, type PostgresStatementText } from './to-postgres.js';
import { maskUrlPassword } from '../mask-url-password.js';

/**
 * The advisory lock every IMMEDIATE transaction takes (`pg_advisory_xact_lock`): writers of
 * the index queue one behind the other across every host, as SQLite's write lock makes them
 * within one; readers never wait. The number is arbitrary, the same in every Atrium.
 */
export const WRITE_LOCK = 4_170_017;

/** Options of {@link PostgresDatabase.connect}. */
export interface PostgresOptions {
  /** How long one statement may take, waiting for the write lock included, in ms (default 120,000). */
  readonly statementTimeoutMs?: number;
}

type Row = Record<string, unknown>;

/** The last request number before they start again at 1 (the flag is an Int32; 0 is "none yet"). */
const MAX_SEQ = 0x7fff_ffff;
/** Bound of the first answer (worker thread start, TCP connect, authentication), in ms. */
const CONNECT_TIMEOUT_MS = 30_000;

/**
 * A PostgreSQL connection with better-sqlite3's synchronous surface ({@link SqlDatabase}), so
 * that every table of `db/` and every caller of the index runs unchanged on it.
 *
 * Why synchronous: the index, the store and the query engine are synchronous today (SQLite
 * answers in microseconds, and a store write is one transaction between two file steps).
 * Making them asynchronous for PostgreSQL would change every caller in every subsystem and
 * let other work interleave inside what is now one step. Instead, the connection lives in a
 * worker thread (`postgres-worker.ts`) and the calling thread blocks on `Atomics.wait` until
 * the answer is posted, then reads it with `receiveMessageOnPort`: one round trip per
 * statement (about 0.1 ms plus the server's time), no change for callers.
 */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  readonly name: string;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;
  private readonly timeoutMs: number;
  private depth = 0;
  private isOpen = true;
  private seq = 0;
  /** Why the bridge failed (then every call fails), or undefined. */
  private broken: string | undefined;

  private constructor(url: string, workerUrl: URL, options: PostgresOptions) {
    this.name = maskUrlPassword(url);
    this.timeoutMs = options.statementTimeoutMs ?? 120_000;
    const flag = new SharedArrayBuffer(8);
    this.signal = new Int32Array(flag);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: PostgresWorkerData & { port: MessagePort } = { url, flag, port: port2, connectTimeoutMs: CONNECT_TIMEOUT_MS };
    this.worker = new Worker(workerUrl, { workerData: data, transferList: [port2] });
    this.worker.unref(); // an open index never keeps a finished command alive
    this.port.unref();
  }

  /**
   * Connects to the PostgreSQL database at `url` (`postgres://user:password@host:port/db`).
   * `workerUrl`: the thread that holds the connection (another one only in the bridge's tests).
   * @throws AtriumError `ATRIUM_ERR_INDEX_OPEN` when the server cannot be reached or refuses.
   */
  static connect(url: string, options: PostgresOptions = {}, workerUrl: URL = postgresWorkerUrl()): PostgresDatabase {
    const db = new PostgresDatabase(url, workerUrl, options);
    try {
      // The first answer waits for the worker thread to start and the server to accept: a
      // connection's time, not a statement's, so it gets the longer of the two bounds.
      const reply = db.call({ kind: 'query', text: 'SELECT 1' }, Math.max(db.timeoutMs, CONNECT_TIMEOUT_MS));
      if (!reply.ok) throw new Error(`PostgreSQL: ${reply.message}`);
    } catch (e) {
      db.close();
      throw new AtriumError('ATRIUM_ERR_INDEX_OPEN', `Cannot open index database ${db.name}: ${(e as Error).message}`, { path: db.name }, { cause: e });
    }
    return db;
  }

  get open(): boolean {
    return this.isOpen;
  }

  prepare<P extends unknown[] | object = unknown[], R = unknown>(sql: string): P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R> {
    return new PostgresStatement(this, toPostgres(sql)) as unknown as P extends unknown[] ? SqlStatement<P, R> : SqlStatement<[P], R>;
  }

  /** Schema SQL written for SQLite (`schemaToPostgres` turns it into PostgreSQL's). */
  exec(sql: string): this {
    this.query(schemaToPostgres(sql));
    return this;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- SqlDatabase's (better-sqlite3's) bound
  transaction<F extends (...args: any[]) => unknown>(fn: F): SqlTransaction<F> {
    return Object.assign(this.transactionOf(fn, false), { immediate: this.transactionOf(fn, true) }) as unknown as SqlTransaction<F>;
  }

  /**
   * Runs PostgreSQL text as it is: several statements without parameters, or one with `$n` ones.
   * @throws AtriumError `ATRIUM_ERR_INDEX_UNAVAILABLE` when the connection is lost (a later call connects again).
   * @throws Error named `PostgresError` with the SQLSTATE as `code` (23505: unique violation) when the server refuses.
   */
  query(text: string, params?: readonly unknown[]): { rows: Row[]; rowCount: number } {
    return this.send(text, params, this.depth === 0);
  }

  /**
   * {@link query}, where `mayReconnect` says whether a lost connection may be made again first
   * (one attempt, within the connect bound): only outside a transaction. Inside one (its
   * statements, its COMMIT), the transaction is gone with its connection: the statement fails.
   */
  private send(text: string, params: readonly unknown[] | undefined, mayReconnect: boolean): { rows: Row[]; rowCount: number } {
    const reconnecting = mayReconnect && Atomics.load(this.signal, 1) === 1;
    const request = { kind: 'query', text, ...(params === undefined ? {} : { params }), ...(mayReconnect ? { mayReconnect } : {}) } as const;
    const reply = this.call(request, reconnecting ? this.timeoutMs + CONNECT_TIMEOUT_MS : this.timeoutMs);
    if (!reply.ok && reply.lost === true) {
      throw new AtriumError('ATRIUM_ERR_INDEX_UNAVAILABLE', `The connection to the index database ${this.name} is lost: ${reply.message} (the next statement connects again)`, {
        path: this.name,
      });
    }
    if (!reply.ok) {
      const e = new Error(`PostgreSQL: ${reply.message}${reply.detail === undefined ? '' : ` (${reply.detail})`}`);
      throw Object.assign(e, { name: 'PostgresError', code: reply.code });
    }
    return reply;
  }

  close(): this {
    if (!this.isOpen) return this; // closed, or broken (its worker stopped already)
    this.isOpen = false;
    try {
      this.call({ kind: 'end' });
    } catch {
      // the connection is gone already
    }
    this.port.close();
    void this.worker.terminate();
    return this;
  }

  /**
   * Posts `request` numbered with the next `seq` and blocks until the flag holds that `seq` (a wake
   * for an earlier answer, or a late notify, waits on), then takes the answer, which must carry
   * the same `seq`. Anything else (no answer in time, no answer at all, another request's) makes
   * the bridge broken: the worker is stopped and this and every later call fail with
   * `ATRIUM_ERR_INDEX_UNAVAILABLE`, so that no answer is ever given to the wrong statement.
   */
  private call(request: PostgresRequestBody, timeoutMs = this.timeoutMs): PostgresReply {
    if (this.broken !== undefined) {
      throw new AtriumError('ATRIUM_ERR_INDEX_UNAVAILABLE', `The connection to the index database ${this.name} failed earlier: ${this.broken}`, { path: this.name });
    }
    if (!this.isOpen && request.kind !== 'end') {
      throw new AtriumError('ATRIUM_ERR_INDEX_UNAVAILABLE', `The index database ${this.name} is closed`, { path: this.name });
    }
    const seq = (this.seq = this.seq === MAX_SEQ ? 1 : this.seq + 1);
    this.port.postMessage({ ...request, seq });
    const deadline = performance.now() + timeoutMs;
    for (let seen = Atomics.load(this.signal, 0); seen !== seq; seen = Atomics.load(this.signal, 0)) {
      const left = deadline - performance.now();
      if (left <= 0) throw this.fail(`it did not answer within ${timeoutMs} ms`, { timeoutMs });
      Atomics.wait(this.signal, 0, seen, left);
    }
    const reply = receiveMessageOnPort(this.port)?.message as PostgresReply | undefined;
    if (reply === undefined) throw this.fail(`it signalled answer ${seq} but posted none`);
    if (reply.seq !== seq) throw this.fail(`it answered request ${String(reply.seq)} when ${seq} was expected`);
    return reply;
  }

  /** Marks the bridge broken for good and stops its worker; the error to throw. */
  private fail(reason: string, context: Record<string, unknown> = {}): AtriumError {
    this.broken = reason;
    this.isOpen = false;
    this.port.close();
    void this.worker.terminate();
    return new AtriumError('ATRIUM_ERR_INDEX_UNAVAILABLE', `The connection to the index database ${this.name} failed: ${reason}`, {
      path: this.name,
      ...context,
    });
  }

  private transactionOf<F extends (...args: never[]) => unknown>(fn: F, immediate: boolean): (...args: Parameters<F>) => ReturnType<F> {
    return (...args) => {
      const outer = this.depth === 0;
      const savepoint = `atrium_${this.depth}`;
      // Deferred: one snapshot for every read (SQLite's read transaction); immediate: the write
      // lock, then each statement sees every commit before it (writers are serialized).
      const begin = immediate ? `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})` : 'BEGIN ISOLATION LEVEL REPEATABLE READ';
      this.query(outer ? begin : `SAVEPOINT ${savepoint}`);
      this.depth++;
      let result: ReturnType<F>;
      try {
        result = fn(...args) as ReturnType<F>;
      } catch (e) {
        this.depth--;
        try {
          if (this.isOpen) this.send(outer ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`, undefined, false);
        } catch {
          // the connection is lost: the server rolled the transaction back; `e` says why it failed
        }
        throw e;
      }
      this.depth--;
      // Never on a new connection: a COMMIT there would commit nothing and say it did.
      this.send(outer ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`, undefined, false);
      return result;
    };
  }
}

/** A statement of {@link PostgresDatabase}: its text turned once into PostgreSQL's (`toPostgres`). */
class PostgresStatement<R> implements SqlStatement<unknown[], R> {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly text: PostgresStatementText,
  ) {}

  get(...params: unknown[]): R | undefined {
    return this.execute(params).rows[0] as R | undefined;
  }

  all(...params: unknown[]): R[] {
    return this.execute(params).rows as R[];
  }

  run(...params: unknown[]): SqlRunResult {
    const { rows, rowCount } = this.execute(params);
    const key = this.text.returnsKey ? Object.values(rows[0] ?? {})[0] : undefined;
    return { changes: rowCount, lastInsertRowid: typeof key === 'number' ? key : 0 };
  }

  private execute(params: unknown[]): { rows: Row[]; rowCount: number } {
    const { names } = this.text;
    const values = names === undefined ? params : names.map((n) => (params[0] as Record<string, unknown>)[n] ?? null);
    return this.db.query(this.text.text, values);
  }
}

/** The compiled worker (`host/dist/db/postgres/postgres-worker.js`); from the TypeScript sources (tests) too: build first. */
function postgresWorkerUrl(): URL {
  const here = import.meta.url;
  const compiled = here.includes('/host/src/') ? here.replace('/host/src/', '/host/dist/').replace(/\.ts$/, '.js') : here;
  return new URL('./postgres-worker.js', compiled);
}
