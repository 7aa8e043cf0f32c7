import { describe, expect, it } from 'vitest';
import { PostgresDatabase } from './postgres-database.js';

const worker = new URL('./test-support/misbehaving-worker.mjs', import.meta.url);

function connect(mode: string, statementTimeoutMs?: number): PostgresDatabase {
  return PostgresDatabase.connect(`postgres://atrium@127.0.0.1:1/${mode}`, statementTimeoutMs === undefined ? {} : { statementTimeoutMs }, worker);
}

function answered(db: PostgresDatabase, text: string): unknown {
  return db.query(text).rows[0]?.text;
}

function unavailable(db: PostgresDatabase, text: string): string {
  try {
    db.query(text);
  } catch (e) {
    expect((e as { code?: string }).code).toBe('ATRIUM_ERR_INDEX_UNAVAILABLE');
    return (e as Error).message;
  }
  throw new Error(`${text} was answered`);
}

describe('PostgresDatabase: each answer goes to the request it answers', () => {
  it('a wake with no answer for this request (a late notify of the previous answer) waits on for its own', () => {
    const db = connect('late-notify');
    try {
      for (let i = 0; i < 20; i++) expect(answered(db, `SELECT ${i}`)).toBe(`SELECT ${i}`);
    } finally {
      db.close();
    }
  });

  it('an answer to another request breaks the connection: that call and every later one fail with a coded error', () => {
    const db = connect('wrong-seq');
    expect(answered(db, 'SELECT 1')).toBe('SELECT 1');
    expect(unavailable(db, "SELECT 'wrong'")).toMatch(/answered request \d+ when \d+ was expected/);
    expect(unavailable(db, 'SELECT 2')).toMatch(/failed earlier/);
    expect(db.open).toBe(false);
    db.close();
  });

  it('a signal with no answer posted breaks the connection, never shifting later answers by one', () => {
    const db = connect('no-answer');
    expect(unavailable(db, "SELECT 'none'")).toMatch(/posted none/);
    expect(unavailable(db, 'SELECT 2')).toMatch(/failed earlier/);
    db.close();
  });

  it('an answer later than the bound is never given to the next request', async () => {
    const db = connect('late-answer', 100);
    expect(unavailable(db, "SELECT 'slow'")).toMatch(/did not answer within 100 ms/);
    await new Promise((resolve) => setTimeout(resolve, 700)); // the late answer would be posted by now
    expect(unavailable(db, 'SELECT 2')).toMatch(/failed earlier/);
    db.close();
  });
});

describe('PostgresDatabase.connect (the compiled worker)', () => {
  it('a URL the driver cannot parse is refused at once with a coded error, its password masked (the worker does not die unanswered)', () => {
    const started = Date.now();
    let error: (Error & { code?: string }) | undefined;
    try {
      PostgresDatabase.connect('postgres://qa:secret@127.0.0.1:notaport/atrium', { statementTimeoutMs: 60_000 }).close();
    } catch (e) {
      error = e as Error & { code?: string };
    }
    expect(error?.code).toBe('ATRIUM_ERR_INDEX_OPEN');
    expect(error?.message).toBe('Cannot open index database postgres://qa:***@127.0.0.1:notaport/atrium: PostgreSQL: Invalid URL');
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
