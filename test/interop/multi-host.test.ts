import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { runTool } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { havePeers } from '../support/peers.js';
import { markerPlugin, runLog, seriesFiles } from '../support/marker-fixtures.js';
import { stopHost, waitForLine, waitUntil } from '../support/host-process.js';
import { havePostgres } from '../support/postgres-server.js';
import { usePostgresStore } from '../support/postgres-store.js';
import { REPO_ROOT } from '../support/samples.js';

/**
 * Three processes acting as three hosts (`ATRIUM_HOST_ID` a, b, c) on one store: a shared
 * files folder and one PostgreSQL index (a private server started here), each host a real
 * `atrium` process. A batch spread over the workers runs each job once; a worker killed in the
 * middle of a job loses it to another within the stated failover time; two `atrium serve`
 * receiving at once lose and duplicate nothing.
 */
const ok = havePostgres() && havePeers('storescu');
const ATRIUM = join(REPO_ROOT, 'host', 'bin', 'atrium.js');
/** Series in the batch: the issue asks 300; this many finish in about a minute on 2 shared cores. */
const SERIES = 300;
/**
 * Attempt expiry of the failover test (`atrium batch --expire`). The failover bound: the expiry,
 * pg-boss's maintenance interval that notices it (10 s), its retry delay (5 s, doubled per retry),
 * a worker's poll (1 s), and 9 s for a loaded machine.
 */
const EXPIRE_S = 5;
const FAILOVER_BOUND_MS = (EXPIRE_S + 10 + 10 + 1 + 9) * 1000;

describe.skipIf(!ok)('three hosts on one store (shared files, one PostgreSQL)', () => {
  const cluster = usePostgresStore(ATRIUM, 'atrium-multi-host-', 'cluster');
  const host = cluster.host;
  const waitFor = waitUntil;
  const runs = (): string[][] => runLog(cluster.dir).map((l) => l.split(' '));
  /** Job states counted (for a failure message). */
  const jobStates = async (): Promise<string> => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT state, owner_host, count(*) AS n FROM job GROUP BY state, owner_host ORDER BY 1, 2');
      return JSON.stringify(rows);
    } finally {
      await client.end();
    }
  };
  const stop = stopHost;

  beforeAll(async () => {
    const files = seriesFiles(join(cluster.dir, 'series'), SERIES, '2.25.77001');
    const imported = host('a', ['import', join(cluster.dir, 'series')]);
    expect(await imported.exited, imported.output()).toBe(0);
    expect(files).toHaveLength(SERIES);
  }, 300_000);

  it(`a batch of ${SERIES} series spread over three hosts runs each job once`, async () => {
    const workers = [host('b', ['worker', '--concurrency', '2']), host('c', ['worker', '--concurrency', '2'])];
    // (stopped together at the end: each gets SIGTERM at once)
    await waitForLine('the workers to start', workers, 'SIGINT or SIGTERM stops', 60_000);
    const t0 = Date.now();
    const batch = host('a', ['--json', 'batch', 'marker', '--where', 'Modality=OT', '--local', '2']);
    const code = await Promise.race([batch.exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 420_000))]);
    if (code === 'late') throw new Error(`the batch did not finish in 420 s: ${await jobStates()}\n--- a:\n${batch.output().slice(-3000)}\n--- b:\n${workers[0]!.output().slice(-3000)}\n--- c:\n${workers[1]!.output().slice(-3000)}`);
    const seconds = (Date.now() - t0) / 1000;
    await Promise.all(workers.map(stop));
    expect(code, batch.output().slice(-2000)).toBe(0);
    const report = JSON.parse(batch.stdout()) as { jobs: { state: string }[] };
    expect(report.jobs).toHaveLength(SERIES);
    expect(report.jobs.every((j) => j.state === 'completed')).toBe(true);
    const log = runs();
    expect(log).toHaveLength(SERIES); // each series' app ran once: not twice, not skipped
    expect(new Set(log.map(([, series]) => series)).size).toBe(SERIES);
    const perHost = Object.fromEntries(['a', 'b', 'c'].map((h) => [h, log.filter(([who]) => who === h).length]));
    console.log(`batch of ${SERIES} series on 3 hosts: ${seconds.toFixed(1)} s; jobs per host ${JSON.stringify(perHost)}`);
    expect(Object.values(perHost).filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
  }, 600_000);

  it(`a worker killed in the middle of a job loses it to another host within ${FAILOVER_BOUND_MS / 1000} s`, async () => {
    const before = runs().length;
    seriesFiles(join(cluster.dir, 'one-more'), 1, '2.25.77003');
    const imported = host('a', ['import', join(cluster.dir, 'one-more')]);
    expect(await imported.exited, imported.output()).toBe(0);
    // HostProcess b takes the job and hangs in it; host a only waits (--local 0); host c comes later.
    const victim = host('b', ['worker'], { ATRIUM_TEST_APP_MS: '600000' });
    await waitForLine('worker b to start', [victim], 'SIGINT or SIGTERM stops', 60_000);
    const batch = host('a', ['--json', 'batch', 'marker', '--where', 'SeriesInstanceUID=2.25.77003.1.2', '--local', '0', '--expire', String(EXPIRE_S)]);
    await waitFor('host b to start the job', () => runs().length > before, 60_000);
    const series = runs().at(-1)![1];
    expect(runs().at(-1)![0]).toBe('b');
    process.kill(victim.child.pid!, 'SIGKILL');
    const killedAt = Date.now();
    const rescuer = host('c', ['worker']);
    const code = await batch.exited;
    const failover = Date.now() - killedAt;
    await stop(rescuer);
    expect(code, batch.output().slice(-2000)).toBe(0);
    const rerun = runs().slice(before);
    expect(rerun).toEqual([['b', series], ['c', series]]);
    console.log(`failover: job of killed host b completed on host c ${(failover / 1000).toFixed(1)} s after the kill (expiry ${EXPIRE_S} s + maintenance 10 s + retry delay)`);
    expect(failover).toBeLessThan(FAILOVER_BOUND_MS);
  }, 180_000);

  it('a worker with another version of the plugin refuses the job (derived UIDs depend on it)', async () => {
    const before = runs().length;
    markerPlugin(join(cluster.dir, 'plugins-v2'), '2.0.0');
    seriesFiles(join(cluster.dir, 'v2'), 1, '2.25.77004');
    const imported = host('a', ['import', join(cluster.dir, 'v2')]);
    expect(await imported.exited, imported.output()).toBe(0);
    const other = host('b', ['worker'], { ATRIUM_PLUGIN_PATH: join(cluster.dir, 'plugins-v2') });
    await waitForLine('worker b to start', [other], 'SIGINT or SIGTERM stops', 60_000);
    const batch = host('a', ['--json', 'batch', 'marker', '--where', 'SeriesInstanceUID=2.25.77004.1.2', '--local', '0']);
    const code = await batch.exited;
    await stop(other);
    expect(code).toBe(1);
    const [job] = (JSON.parse(batch.stdout()) as { jobs: { state: string; outcome: string }[] }).jobs;
    expect(job).toMatchObject({ state: 'failed', outcome: expect.stringContaining('ATRIUM_ERR_APP_PLUGIN_VERSION') });
    expect(runs().length).toBe(before); // the app never ran
  }, 120_000);

  it('C-STORE into two hosts at once loses nothing and duplicates nothing', async () => {
    const files = seriesFiles(join(cluster.dir, 'sent'), 120, '2.25.77002');
    const ports = [await freePort(), await freePort()];
    const servers = [host('a', ['serve', '--port', String(ports[0]), '--aet', 'ATRIUM_A']), host('b', ['serve', '--port', String(ports[1]), '--aet', 'ATRIUM_B'])];
    await waitForLine('both servers to listen', servers, 'listening on', 60_000);
    // Halves to each host, and the last 40 to both at once.
    const toA = [...files.slice(0, 40), ...files.slice(80)];
    const toB = [...files.slice(40, 80), ...files.slice(80)];
    const send = (port: number, aet: string, batch: string[]): ReturnType<typeof runTool> => runTool('storescu', ['-aec', aet, '127.0.0.1', String(port), ...batch], { timeoutMs: 120_000 });
    const [ra, rb] = await Promise.all([send(ports[0]!, 'ATRIUM_A', toA), send(ports[1]!, 'ATRIUM_B', toB)]);
    for (const s of servers) await stop(s);
    expect(ra.code, `${ra.output.slice(-3000)}\n--- server a:\n${servers[0]!.output().slice(-3000)}`).toBe(0);
    expect(rb.code, `${rb.output.slice(-3000)}\n--- server b:\n${servers[1]!.output().slice(-3000)}`).toBe(0);
    const ws = openWorkstation(cluster.store);
    try {
      const stored = ws.index.query('IMAGE', { SOPInstanceUID: '' }).filter((r) => String(r.SOPInstanceUID).startsWith('2.25.77002.'));
      expect(stored).toHaveLength(120);
      expect(new Set(stored.map((r) => r.SOPInstanceUID)).size).toBe(120);
      expect(ws.index.listQuarantine()).toEqual([]);
      for (const uid of stored.map((r) => String(r.SOPInstanceUID))) {
        const [inst] = ws.index.getInstances({ SOPInstanceUID: uid });
        expect(existsSync(ws.files.absolute(inst!.file.path)), uid).toBe(true);
      }
      // No stray files: one file per indexed instance under files/ (nothing half-written left).
      const count = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(d, e.name)) : 1), 0);
      expect(count(join(cluster.store, 'files'))).toBe(ws.index.listInstancePaths().length);
    } finally {
      ws.close();
    }
  }, 240_000);
});
