import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfiguredIndex } from '../../host/src/db/index-location.js';
import { TS_EXEC_ARGV } from '../../host/src/jobs/test-support/ts-loader.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { setStoreSetting } from '../../host/src/store/store-settings.js';
import { havePostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

/**
 * Two processes acting as two hosts (`ATRIUM_HOST_ID` a and b) on one store: the start-up
 * reconcile of host b leaves alone what host a, alive, has in progress (its temp file, its
 * placed but not yet indexed file and the intent for it), and recovers it once host a is dead
 * (killed, so its heartbeat is older than the store setting hostTimeout). Over one PostgreSQL
 * index (the shared index of several hosts) and over SQLite (several processes of one machine).
 */
const CHILD = new URL('../../host/src/store/test-support/store-host-child.mjs', import.meta.url);
const TIMEOUT_S = 3;

interface Hold {
  readonly tmp: string;
  readonly path: string;
  readonly pid: number;
}
interface Reconciled {
  readonly tmpRemoved: number;
  readonly recovered: string[];
  readonly dropped: string[];
  readonly unreadable: unknown[];
  readonly intents: { path: string; ownerPid?: number; ownerHost?: string }[];
  readonly indexed: number;
  readonly heartbeats: string[];
}

/** Starts the child as host `host`; resolves with its first line of output (JSON) and the process. */
function child(host: string, mode: 'hold' | 'reconcile' | 'full', store: string): Promise<{ line: unknown; process: ChildProcess }> {
  const p = spawn(process.execPath, [...TS_EXEC_ARGV, CHILD.pathname, mode, store], { env: { ...process.env, ATRIUM_HOST_ID: host }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`host ${host} (${mode}) gave no line in 60 s: ${err}`));
    }, 60_000);
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const end = out.indexOf('\n');
      if (end < 0) return;
      clearTimeout(timer);
      resolve({ line: JSON.parse(out.slice(0, end)), process: p });
    });
    p.once('exit', (code) => {
      clearTimeout(timer);
      if (!out.includes('\n')) reject(new Error(`host ${host} (${mode}) exited ${code}: ${err}`));
    });
  });
}

const reconcile = async (host: string, store: string, mode: 'reconcile' | 'full' = 'reconcile'): Promise<Reconciled> => (await child(host, mode, store)).line as Reconciled;

describe.each(['postgres', 'sqlite'] as const)('two hosts on one store, %s index: start-up reconcile and the heartbeat', (engine) => {
  const ok = engine === 'sqlite' || havePostgres();
  let dir: string;
  let store: string;
  let server: PostgresServer | undefined;
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    dir = makeTempDir('atrium-host-reconcile-');
    store = join(dir, 'store');
    if (engine === 'postgres' && ok) {
      server = await startPostgres();
      setConfiguredIndex(store, await server.createDatabase('cluster'));
    }
    const ws = openWorkstation(store);
    setStoreSetting(ws.database.settings, 'hostTimeout', String(TIMEOUT_S));
    ws.close();
  }, 60_000);

  afterAll(async () => {
    for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await server?.stop();
    if (dir) removeTempDir(dir);
  });

  it.skipIf(!ok)(`leaves a live host's store in progress alone; recovers it ${TIMEOUT_S} s after that host's last heartbeat`, async () => {
    const a = await child('a', 'hold', store);
    started.push(a.process);
    const held = a.line as Hold;
    expect(held.tmp).toMatch(/^a@\d+-/);

    const whileAlive = await reconcile('b', store);
    expect(whileAlive).toMatchObject({ tmpRemoved: 0, recovered: [], dropped: [], indexed: 0 });
    expect(whileAlive.intents).toEqual([{ path: held.path, ownerPid: held.pid, ownerHost: 'a' }]);
    expect(whileAlive.heartbeats).toContain(`a ${held.pid}`);
    expect(existsSync(join(store, 'tmp', held.tmp))).toBe(true);
    // A full pass (atrium reconcile --full) does not index the file host a is storing either.
    const full = await reconcile('b', store, 'full');
    expect(full).toMatchObject({ tmpRemoved: 0, recovered: [], indexed: 0 });

    a.process.kill('SIGKILL');
    await new Promise((r) => a.process.once('exit', r));
    await new Promise((r) => setTimeout(r, TIMEOUT_S * 1000 + 500));

    const afterDeath = await reconcile('b', store);
    expect(afterDeath).toMatchObject({ tmpRemoved: 1, recovered: [held.path], dropped: [], unreadable: [], intents: [], indexed: 1 });
    expect(afterDeath.heartbeats).not.toContain(`a ${held.pid}`);
    expect(readdirSync(join(store, 'tmp'))).toEqual([]);
  }, 120_000);
});
