/**
 * The thread that holds the PostgreSQL connection of a {@link PostgresDatabase}: it runs each
 * statement the main thread posts (pg is asynchronous), posts the answer back, then wakes
 * the main thread, which waits on a shared flag (see `postgres-database.ts` for why).
 *
 * A lost connection (the server restarted, the network failed) is replaced by a new one on
 * the next statement the main thread allows it for (one outside a transaction: a transaction
 * begun on the lost connection is gone with it, and its remaining statements must fail, not
 * run on their own). One attempt per statement, bounded by `connectTimeoutMs`.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';
import type { PostgresReply, PostgresRequest, PostgresWorkerData } from './postgres-protocol.js';

const { url, flag, port, connectTimeoutMs } = workerData as PostgresWorkerData & { port: MessagePort };
const signal = new Int32Array(flag);

// bigint (count(*), identity keys) and numeric as JavaScript numbers, as better-sqlite3 answers.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** The current connection, its connect, and why it was lost (undefined while it works). */
let client: pg.Client | undefined;
let connected: Promise<void>;
let lost: Error | undefined;

/** Records why the connection is lost, and tells the main thread (second Int32 of the flag). */
function loseWith(e: Error): void {
  lost ??= e;
  Atomics.store(signal, 1, 1);
}

function connect(): void {
  let c: pg.Client;
  try {
    c = new pg.Client({ connectionString: url, types, application_name: 'atrium', connectionTimeoutMillis: connectTimeoutMs });
  } catch (e) {
    // A URL the driver cannot parse: every statement is answered with why (this thread must not die unanswered).
    connected = Promise.resolve();
    loseWith(e as Error);
    return;
  }
  client = c;
  lost = undefined;
  Atomics.store(signal, 1, 0);
  // An idle connection's end (server shut down, network error) is reported here, not thrown.
  c.on('error', (e) => {
    if (client === c) loseWith(e);
  });
  c.on('end', () => {
    if (client === c) loseWith(new Error('the connection ended'));
  });
  connected = c.connect().then(
    () => undefined,
    (e: unknown) => {
      if (client === c) loseWith(e as Error);
    },
  );
}

connect();

/**
 * Posts the answer, then stores its `seq` in the flag and wakes the main thread. The notify may
 * come late (this thread descheduled after the store): the main thread may have read this
 * answer and be waiting for the next one by then, so it checks the flag holds its own `seq`.
 */
function reply(r: PostgresReply): void {
  try {
    port.postMessage(r);
  } catch (e) {
    // rows that cannot be cloned: the caller gets an error, never silence
    port.postMessage({ seq: r.seq, ok: false, message: `the answer cannot be passed on: ${(e as Error).message}` } satisfies PostgresReply);
  }
  Atomics.store(signal, 0, r.seq);
  Atomics.notify(signal, 0);
}

/** A failure of the connection rather than of the statement: no SQLSTATE, or class 08 (connection exception) or 57P (operator intervention: shutdown). */
function isConnectionFailure(e: Error & { code?: string }): boolean {
  return e.code === undefined || !/^[0-9A-Z]{5}$/.test(e.code) || e.code.startsWith('08') || e.code.startsWith('57P');
}

async function answer(req: PostgresRequest): Promise<PostgresReply> {
  const c = client;
  try {
    if (req.kind === 'end') {
      await connected;
      if (lost === undefined) await c?.end();
      return { seq: req.seq, ok: true, rows: [], rowCount: 0 };
    }
    if (lost !== undefined && req.mayReconnect === true) {
      c?.end().catch(() => undefined);
      connect();
    }
    await connected;
    const live = client;
    if (lost !== undefined || live === undefined) throw lost ?? new Error('not connected');
    const r = req.params === undefined ? await live.query(req.text) : await live.query(req.text, [...req.params]);
    const last = Array.isArray(r) ? (r as pg.QueryResult[]).at(-1) : r;
    return { seq: req.seq, ok: true, rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
  } catch (e) {
    const err = e as Error & { code?: string; detail?: string };
    const gone = lost !== undefined || isConnectionFailure(err);
    if (gone) loseWith(err);
    return {
      seq: req.seq,
      ok: false,
      message: err.message,
      ...(err.code === undefined ? {} : { code: err.code }),
      ...(err.detail === undefined ? {} : { detail: err.detail }),
      ...(gone ? { lost: true } : {}),
    };
  }
}

// One statement at a time: the main thread waits for each answer before it posts the next.
port.on('message', (req: PostgresRequest) => {
  void answer(req).then(reply);
});
