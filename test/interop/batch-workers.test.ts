import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLog, seriesFiles } from '../support/marker-fixtures.js';
import { stopHost, waitForLine, waitUntil, type HostProcess } from '../support/host-process.js';
import { havePostgres } from '../support/postgres-server.js';
import { usePostgresStore } from '../support/postgres-store.js';
import { REPO_ROOT } from '../support/samples.js';

/**
 * `atrium batch` and `atrium worker` as a user runs them on a store whose index is on a private
 * PostgreSQL: batches that overlap run each job once; a batch with no worker to run its jobs says
 * so; an interrupted batch or worker says what is left. Hosts are processes with their own
 * `ATRIUM_HOST_ID`.
 */
const ATRIUM = join(REPO_ROOT, 'host', 'bin', 'atrium.js');

describe.skipIf(!havePostgres())('atrium batch and atrium worker on a PostgreSQL index', () => {
  const cluster = usePostgresStore(ATRIUM, 'atrium-batch-workers-', 'batch');
  const host = cluster.host;
  const waitFor = waitUntil;
  const runs = (): string[] => runLog(cluster.dir);
  const importSeries = async (name: string, count: number, uidRoot: string): Promise<void> => {
    seriesFiles(join(cluster.dir, name), count, uidRoot);
    const imported = host('a', ['import', join(cluster.dir, name)]);
    expect(await imported.exited, imported.output()).toBe(0);
  };
  const worker = async (id: string, args: readonly string[] = [], env: Record<string, string> = { ATRIUM_TEST_APP_MS: '1500' }): Promise<HostProcess> => {
    const w = host(id, ['worker', ...args], env);
    await waitForLine(`worker ${id} to start`, [w], 'SIGINT or SIGTERM stops', 60_000);
    return w;
  };
  const stop = stopHost;

  it('two batches started at once on the same series, two workers up: each job runs once', async () => {
    // Each worker takes three at once: the second batch's sends reach one while the other runs the first's.
    await importSeries('overlap', 3, '2.25.88001');
    const workers = [await worker('b', ['--concurrency', '3']), await worker('c', ['--concurrency', '3'])];
    const batch = (): HostProcess => host('a', ['--json', 'batch', 'marker', '--where', 'SeriesInstanceUID=2.25.88001.*', '--local', '0']);
    const batches = [batch(), batch()];
    const codes = await Promise.all(batches.map((b) => b.exited));
    await Promise.all(workers.map(stop));
    expect(codes, batches.map((b) => b.output().slice(-1500)).join('\n---\n')).toEqual([0, 0]);
    const log = runs().filter((l) => l.includes('2.25.88001.'));
    expect(log.length, log.join('\n')).toBe(3); // each series' app ran once
    expect(new Set(log.map((l) => l.split(' ')[1])).size).toBe(3);
    for (const b of batches) {
      const jobs = (JSON.parse(b.output().slice(b.output().indexOf('{'))) as { jobs: { state: string }[] }).jobs;
      expect(jobs.map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);
    }
    // atrium jobs names the host each ran on.
    const listed = host('a', ['jobs']);
    expect(await listed.exited).toBe(0);
    const rows = listed.output().split('\n').filter((l) => l.includes('fixture.marker.marker on 2.25.88001.'));
    expect(rows, listed.output()).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^\s*\d+\s+completed\s+100%\s+1\/3\s+[bc]\s/);
  }, 180_000);

  it('a job running past its attempt expiry in a live process is not run again by another worker of the same host', async () => {
    await importSeries('slow', 1, '2.25.88004');
    // Two workers of host g; the one that takes the job holds it 30 s, well past --expire 2 and
    // pg-boss's redelivery (maintenance 10 s, retry delay 5-10 s): the other one gets it again.
    const workers = [await worker('g', [], { ATRIUM_TEST_APP_MS: '30000' }), await worker('g', [], { ATRIUM_TEST_APP_MS: '30000' })];
    const batch = host('a', ['batch', 'marker', '--where', 'SeriesInstanceUID=2.25.88004.1.2', '--local', '0', '--expire', '2']);
    expect(await batch.exited, batch.output()).toBe(0);
    await Promise.all(workers.map(stop));
    expect(runs().filter((l) => l.includes('2.25.88004.')), workers.map((w) => w.output()).join('\n---\n')).toHaveLength(1);
  }, 120_000);

  it('a batch with no worker running says so at once, waits, and finishes when a worker starts; the worker logs each job', async () => {
    await importSeries('alone', 1, '2.25.88002');
    const batch = host('a', ['batch', 'marker', '--where', 'SeriesInstanceUID=2.25.88002.1.2', '--local', '0']);
    await waitFor('the batch to say no worker runs', () => batch.output().includes('no worker is running: start `atrium worker` on a host sharing this store; waiting'), 30_000);
    const w = await worker('d', [], { ATRIUM_TEST_APP_MS: '200' });
    expect(await batch.exited, batch.output()).toBe(0);
    await stop(w);
    expect(w.output()).toMatch(/job \d+ started: fixture\.marker\.marker on 2\.25\.88002\.1\.2 \(attempt 1 of 3\)/);
    expect(w.output()).toMatch(/job \d+ completed: fixture\.marker\.marker on 2\.25\.88002\.1\.2, \d+ ms/);
  }, 120_000);

  it('Ctrl-C of a batch, and a second one of a finishing worker, say what is left and what to do', async () => {
    await importSeries('interrupted', 1, '2.25.88003');
    const batch = host('a', ['batch', 'marker', '--where', 'SeriesInstanceUID=2.25.88003.1.2', '--local', '0']);
    await waitFor('the batch to wait', () => batch.output().includes('no worker is running'), 30_000);
    batch.child.kill('SIGINT');
    expect(await batch.exited).toBe(130);
    expect(batch.output()).toMatch(/SIGINT: stopped waiting; 1 job\(s\) not finished \(1 pending, 0 running: \d+\): the workers go on with them; `atrium jobs` follows them, `atrium jobs cancel <id>` stops one/);
    // The job is still queued: a worker takes it; two Ctrl-C while it runs.
    const w = await worker('e', [], { ATRIUM_TEST_APP_MS: '60000' });
    await waitFor('worker e to start the job', () => /job \d+ started: fixture\.marker\.marker on 2\.25\.88003\.1\.2/.test(w.output()), 30_000);
    w.child.kill('SIGINT');
    await waitFor('the worker to finish what it holds', () => w.output().includes('finishing the jobs in hand'), 10_000);
    w.child.kill('SIGINT');
    expect(await w.exited).toBe(130);
    expect(w.output()).toMatch(/SIGINT again: stopped at once; job \d+ left running here: another worker takes it over once the attempt expires \(atrium batch --expire\); atrium jobs follows them, atrium jobs cancel <id> stops one/);
  }, 120_000);
});
