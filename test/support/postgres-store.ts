import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startHost, type HostProcess } from './host-process.js';
import { markerPlugin } from './marker-fixtures.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

/** A store in a temporary folder whose index is a database of a private PostgreSQL server. */
export interface PostgresStore {
  /** The temporary folder: the store, the test plugins (`plugins/`) and the run log are in it. */
  readonly dir: string;
  readonly store: string;
  readonly server: PostgresServer;
  /** The URL of the store's index database. */
  readonly url: string;
  /** SIGKILL to each of `children` still running (by PID), then the server stopped and the folder removed. */
  stop(children: readonly ChildProcess[]): Promise<void>;
}

/**
 * The set-up of the multi-host tests: a temporary folder (`<prefix>XXXXXX`), a private PostgreSQL
 * with an empty database `database`, the marker fixture app in `<dir>/plugins`, and
 * `atrium config set index <url>` run (as host a, a real process of the CLI `atrium`) on
 * `<dir>/store`. When a step fails, what it started is stopped before the error is thrown.
 */
async function startPostgresStore(atrium: string, prefix: string, database: string): Promise<PostgresStore> {
  const dir = makeTempDir(prefix);
  const store = join(dir, 'store');
  let server: PostgresServer | undefined;
  try {
    server = await startPostgres();
    const url = await server.createDatabase(database);
    markerPlugin(join(dir, 'plugins'));
    const set = startHost({ atrium, store, dir }, [], 'a', ['config', 'set', 'index', url]);
    const code = await set.exited;
    if (code !== 0) throw new Error(`atrium config set index exited with ${code}:\n${set.output()}`);
    const started = server;
    return {
      dir,
      store,
      server,
      url,
      async stop(children) {
        for (const child of children) if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
        await started.stop();
        removeTempDir(dir);
      },
    };
  } catch (e) {
    await server?.stop();
    removeTempDir(dir);
    throw e;
  }
}

/** A {@link PostgresStore} of a `describe` block (see {@link usePostgresStore}) and its hosts. */
export interface PostgresStoreHosts {
  readonly dir: string;
  readonly store: string;
  readonly server: PostgresServer;
  readonly url: string;
  /** Starts `atrium <args>` as host `id` (see `startHost`); killed by PID after the block if still running. */
  host(id: string, args: readonly string[], env?: Record<string, string>): HostProcess;
}

/**
 * {@link startPostgresStore} in `beforeAll` of the enclosing `describe` block (within
 * `setupMs`), stopped in `afterAll` with every host started through it. Its fields are there
 * inside tests and hooks only (a later `beforeAll` of the block sees them).
 */
export function usePostgresStore(atrium: string, prefix: string, database: string, setupMs = 120_000): PostgresStoreHosts {
  let cluster: PostgresStore | undefined;
  const started: ChildProcess[] = [];
  beforeAll(async () => {
    cluster = await startPostgresStore(atrium, prefix, database);
  }, setupMs);
  afterAll(() => cluster?.stop(started));
  const get = (): PostgresStore => {
    if (cluster === undefined) throw new Error('usePostgresStore: the store exists only inside tests and hooks, once set up');
    return cluster;
  };
  return {
    get dir() {
      return get().dir;
    },
    get store() {
      return get().store;
    },
    get server() {
      return get().server;
    },
    get url() {
      return get().url;
    },
    host: (id, args, env = {}) => startHost({ atrium, store: get().store, dir: get().dir }, started, id, args, env),
  };
}
