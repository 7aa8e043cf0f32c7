/**
 * The thread that holds the PostgreSQL connection of a {@link PostgresDatabase}: it runs each
 * statement the main thread posts (pg is asynchronous), posts the answer back, then wakes
 * the main thread, which waits on a shared flag (see `postgres-database.ts` for why).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import pg from 'pg';
import type { PostgresReply, PostgresRequest, PostgresWorkerData } from './postgres-protocol.js';

const { url, flag, port } = workerData as PostgresWorkerData & { port: MessagePort };
const signal = new Int32Array(flag);

// bigint (count(*), identity keys) and numeric as JavaScript numbers, as better-sqlite3 answers.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
const client = new pg.Client({ connectionString: url, types, application_name: 'atrium' });
let lost: Error | undefined;
client.on('error', (e) => {
  lost = e;
});
const connected = client.connect();

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

async function answer(req: PostgresRequest): Promise<PostgresReply> {
  try {
    await connected;
    if (lost !== undefined) throw lost;
    if (req.kind === 'end') {
      await client.end();
      return { seq: req.seq, ok: true, rows: [], rowCount: 0 };
    }
    const r = req.params === undefined ? await client.query(req.text) : await client.query(req.text, [...req.params]);
    const last = Array.isArray(r) ? (r as pg.QueryResult[]).at(-1) : r;
    return { seq: req.seq, ok: true, rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
  } catch (e) {
    const err = e as Error & { code?: string; detail?: string };
    return { seq: req.seq, ok: false, message: err.message, ...(err.code === undefined ? {} : { code: err.code }), ...(err.detail === undefined ? {} : { detail: err.detail }) };
  }
}

// One statement at a time: the main thread waits for each answer before it posts the next.
port.on('message', (req: PostgresRequest) => {
  void answer(req).then(reply);
});
