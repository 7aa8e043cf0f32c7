import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { atrium } from '../e2e/cli-helpers.js';
import { encodeDataset, FIXTURE_EXPLICIT_LE, minimalInstance, part10 } from '../support/dicom-fixture.js';
import { runTool } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { waitUntil, type HostProcess } from '../support/host-process.js';
import { havePeers } from '../support/peers.js';
import { havePostgres } from '../support/postgres-server.js';
import { usePostgresStore } from '../support/postgres-store.js';
import { REPO_ROOT } from '../support/samples.js';

/**
 * A PostgreSQL restart under running hosts: `atrium serve` and `atrium worker` (real
 * processes) on a store indexed on a private PostgreSQL server, which is stopped (fast
 * shutdown, as `pg_ctl -m fast stop`) and started again. Both processes live through it (their
 * heartbeats and the series-completion timer fail meanwhile, reported, not thrown); a C-STORE
 * during the outage is refused with a failure status; after it, without restarting Atrium,
 * a C-STORE is stored and `atrium ls` finds it, and a batch sent to the workers only is run by
 * the worker that lived through the outage. Needs the CLI built (`npx tsc -b`).
 */
const ok = havePostgres() && havePeers('storescu');
const ATRIUM = join(REPO_ROOT, 'host', 'bin', 'atrium.js');
const SC = '1.2.840.10008.5.1.4.1.1.7';

describe.skipIf(!ok)('hosts outlive a PostgreSQL restart', () => {
  const cluster = usePostgresStore(ATRIUM, 'atrium-pg-outage-', 'outage');
  const host = cluster.host;
  const waitFor = waitUntil;
  const alive = (h: HostProcess): boolean => h.child.exitCode === null && h.child.signalCode === null;
  /** One Secondary Capture instance (its own study and series) as a Part 10 file. */
  const instance = (root: string): string => {
    const file = join(cluster.dir, 'send', `${root}.dcm`);
    writeFileSync(file, part10(encodeDataset(minimalInstance(root), FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: SC, sopInstanceUID: `${root}.3` }));
    return file;
  };
  const storedSops = async (): Promise<string[]> => {
    const r = await atrium('--store', cluster.store, '--json', 'ls', 'instances');
    expect(r.code, r.err).toBe(0);
    return (JSON.parse(r.out) as { SOPInstanceUID: string }[]).map((i) => i.SOPInstanceUID);
  };

  beforeAll(async () => {
    mkdirSync(join(cluster.dir, 'send'));
    for (const argv of [['stableAge', '2'], ['hostTimeout', '6']]) {
      const set = await atrium('--store', cluster.store, 'config', 'set', ...argv);
      expect(set.code, set.err).toBe(0);
    }
  }, 60_000);

  it('atrium serve and atrium worker keep running; C-STORE fails while it is down; after it, without restarting Atrium, C-STORE works and the worker runs a batch job', async () => {
    const port = await freePort();
    const serve = host('a', ['serve', '--port', String(port), '--aet', 'ATRIUM']);
    const worker = host('b', ['worker']);
    await waitFor('serve to listen', () => serve.output().includes('listening on'), 60_000);
    await waitFor('the worker to start', () => worker.output().includes('SIGINT or SIGTERM stops'), 60_000);
    const send = (file: string): ReturnType<typeof runTool> => runTool('storescu', ['-v', '-aec', 'ATRIUM', '127.0.0.1', String(port), file], { timeoutMs: 60_000 });

    const before = await send(instance('2.25.55001'));
    expect(before.code, before.output).toBe(0);
    // Down while the series-completion timer (2 s) is pending and heartbeats run every second.
    await cluster.server.halt();
    const during = await send(instance('2.25.55002'));
    expect(during.output, `${during.output}\nserve:\n${serve.output().slice(-3000)}`).toMatch(/Received Store Response \(Refused: OutOfResources\)/);
    await new Promise((r) => setTimeout(r, 10_000));
    expect([alive(serve), alive(worker)], `serve:\n${serve.output().slice(-2000)}\nworker:\n${worker.output().slice(-2000)}`).toEqual([true, true]);
    expect(serve.output()).toMatch(/ATRIUM_WARN_BACKGROUND.*(heartbeat|series completion).*\[ATRIUM_ERR_INDEX_UNAVAILABLE\]/);

    await cluster.server.restart();
    const after = await send(instance('2.25.55003'));
    expect(after.code, `${after.output}\nserve:\n${serve.output().slice(-2000)}`).toBe(0);
    expect(after.output).toMatch(/Received Store Response \((Success|Warning)/);
    const sops = await storedSops();
    expect(sops).toContain('2.25.55001.3');
    expect(sops).toContain('2.25.55003.3');
    expect(sops).not.toContain('2.25.55002.3');
    expect([alive(serve), alive(worker)]).toEqual([true, true]);

    // A batch sent to the workers only (--local 0): the worker that lived through the outage runs its job.
    const batch = host('c', ['--json', 'batch', 'series-summary', '--where', 'SeriesInstanceUID=2.25.55003.2', '--local', '0']);
    const batched = await Promise.race([batch.exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 90_000))]);
    if (batched === 'late') batch.child.kill('SIGINT');
    expect(batched, `batch:\n${batch.output().slice(-2000)}\nworker:\n${worker.output().slice(-3000)}`).toBe(0);
    expect((JSON.parse(batch.output().slice(batch.output().indexOf('{'))) as { jobs: { state: string }[] }).jobs.map((j) => j.state)).toEqual(['completed']);
    expect(worker.output()).toMatch(/job \d+ completed: [\w.-]*series-summary on 2\.25\.55003\.2, \d+ ms/);
    const derived = await atrium('--store', cluster.store, '--json', 'ls', 'series', '--study', '2.25.55003.1');
    expect(derived.code, derived.err).toBe(0);
    expect((JSON.parse(derived.out) as { SeriesInstanceUID: string }[]).map((x) => x.SeriesInstanceUID).filter((uid) => uid !== '2.25.55003.2'), derived.out).toHaveLength(1);

    for (const h of [serve, worker]) process.kill(h.child.pid!, 'SIGTERM');
    expect(await serve.exited, serve.output().slice(-2000)).toBe(0);
    expect(await worker.exited, worker.output().slice(-2000)).toBe(0);
  }, 180_000);
});
