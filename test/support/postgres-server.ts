import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';
import { peer } from './peers.js';

/** A PostgreSQL server a test started: its port, a URL per database, and how to stop it. */
export interface PostgresServer {
  readonly port: number;
  /** The server's PID (the test stops it by this PID, never by name). */
  readonly pid: number;
  /** `postgres://atrium@127.0.0.1:<port>/<database>` */
  url(database: string): string;
  /** Makes an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown (SIGINT to the PID), then the folder is removed. */
  stop(): Promise<void>;
  /** Fast shutdown (as `pg_ctl -m fast stop`), keeping the data: {@link restart} starts it again. */
  halt(): Promise<void>;
  /** Starts the halted server again, on the same port with the same data; resolves once it accepts. */
  restart(): Promise<void>;
}

/** True when `initdb` and `postgres` are there (throws under CI=true when they are not). */
export function havePostgres(): boolean {
  return peer('initdb') !== undefined && peer('postgres') !== undefined;
}

/**
 * Starts a private PostgreSQL server for a test: `initdb` in a new temporary folder (trust
 * authentication, user `atrium`, UTF-8), `postgres` on a free port of 127.0.0.1 only, with
 * fsync off (a test server). PostgreSQL refuses to run as root: under root the folder is
 * given to the `postgres` user of Debian's package and both programs run as that user.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'atrium-pg-'));
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  execFileSync(peer('initdb')!, ['-D', data, '-U', 'atrium', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], {
    stdio: 'pipe',
    ...(owner ?? {}),
  });
  const port = await freePort();
  let log = '';
  const run = (): ChildProcess => {
    const child = spawn(
      peer('postgres')!,
      ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
      { stdio: ['ignore', 'ignore', 'pipe'], ...(owner ?? {}) },
    );
    child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    return child;
  };
  let server = run();
  const url = (database: string): string => `postgres://atrium@127.0.0.1:${port}/${database}`;
  await waitUntilAccepting(url('postgres'), server, () => log);
  return {
    port,
    get pid() {
      return server.pid!;
    },
    url,
    async halt() {
      await stopByPid(server);
    },
    async restart() {
      server = run();
      await waitUntilAccepting(url('postgres'), server, () => log);
    },
    async createDatabase(name) {
      await withClient(url('postgres'), (c) => c.query(`CREATE DATABASE "${name}"`));
      return url(name);
    },
    async stop() {
      await stopByPid(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root, and there is no "postgres" user to run PostgreSQL as (Debian\'s postgresql package makes it)');
  return { uid, gid: id('-g') };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Polls until the server accepts a connection: at most 30 s, stopping early if it exits. */
async function waitUntilAccepting(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode}: ${log()}`);
    try {
      await withClient(url, (c) => c.query('SELECT 1'));
      return;
    } catch (e) {
      if (Date.now() > deadline) {
        server.kill('SIGKILL');
        throw new Error(`postgres did not accept connections within 30 s: ${(e as Error).message}\n${log()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** SIGINT (fast shutdown) to the server's PID; SIGKILL after 10 s. */
async function stopByPid(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return;
  const exited = new Promise<void>((r) => server.once('exit', () => r()));
  process.kill(server.pid, 'SIGINT');
  const timer = setTimeout(() => server.exitCode === null && process.kill(server.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
