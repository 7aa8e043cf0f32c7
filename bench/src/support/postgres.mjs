// A private PostgreSQL server for a benchmark (the same way the tests start one): initdb in a
// temporary folder, trust authentication, user atrium, 127.0.0.1 on a free port; stopped by PID.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { track } from './child-processes.mjs';
import { freePort } from './free-port.mjs';
import { which } from './peer-tools.mjs';

/** Path of PostgreSQL program `tool` (Debian keeps them under /usr/lib/postgresql/<major>/bin), or undefined. */
export function postgresProgram(tool) {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  return majors.map((m) => join(root, m, 'bin', tool)).find((p) => existsSync(p)) ?? which(tool);
}

/**
 * Starts the server (fsync on, unlike the tests' server: a benchmark measures the real thing).
 * @returns {Promise<{ port: number, version: string, createDatabase(name: string): Promise<string>, stop(): Promise<void> }>}
 */
export async function startPostgres() {
  const initdb = postgresProgram('initdb');
  const postgres = postgresProgram('postgres');
  if (!initdb || !postgres) throw new Error('PostgreSQL (initdb, postgres) is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'atrium-bench-pg-'));
  let owner;
  if (process.getuid?.() === 0) {
    const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    owner = { uid: id('-u'), gid: id('-g') };
    if (!(owner.uid > 0)) throw new Error('running as root, and there is no "postgres" user to run PostgreSQL as');
    chownSync(dir, owner.uid, owner.gid);
  }
  const data = join(dir, 'data');
  execFileSync(initdb, ['-D', data, '-U', 'atrium', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], { stdio: 'pipe', ...(owner ?? {}) });
  const port = await freePort();
  const server = track(spawn(postgres, ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], { stdio: ['ignore', 'ignore', 'pipe'], ...(owner ?? {}) }));
  let log = '';
  server.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  const url = (db) => `postgres://atrium@127.0.0.1:${port}/${db}`;
  const withClient = async (db, fn) => {
    const c = new pg.Client({ connectionString: url(db) });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const deadline = Date.now() + 30_000;
  let version;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited: ${log}`);
    try {
      version = await withClient('postgres', async (c) => (await c.query('SHOW server_version')).rows[0].server_version);
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections in 30 s: ${e.message} ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    version,
    async createDatabase(name) {
      await withClient('postgres', (c) => c.query(`CREATE DATABASE "${name}"`));
      return url(name);
    },
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        process.kill(server.pid, 'SIGINT');
        const timer = setTimeout(() => server.exitCode === null && process.kill(server.pid, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
