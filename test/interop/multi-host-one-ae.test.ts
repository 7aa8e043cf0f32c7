import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { encodeDataset, FIXTURE_EXPLICIT_LE, minimalInstance, part10 } from '../support/dicom-fixture.js';
import { runTool } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { startOrthanc, type OrthancPeer } from '../support/orthanc.js';
import { havePeers } from '../support/peers.js';
import { havePostgres } from '../support/postgres-server.js';
import { usePostgresStore } from '../support/postgres-store.js';
import { waitForLine, waitUntil, type HostProcess } from '../support/host-process.js';
import { REPO_ROOT } from '../support/samples.js';

/**
 * One AE title for a cluster: two `atrium serve` processes acting as hosts a and b
 * (`ATRIUM_HOST_ID`) on one store (shared files, one PostgreSQL index), both answering as
 * ATRIUM. Instances received by host b are moved by host a (C-MOVE, DCMTK movescu) to Orthanc,
 * a destination in the shared AE table. Host a sends with storage commitment to Orthanc, whose
 * N-EVENT-REPORT goes to host b (the address Orthanc has for ATRIUM): host b records it in the
 * shared table, and host a's send, still waiting, sees it there and ends "reported".
 */
const ok = havePostgres() && havePeers('storescu', 'movescu', 'Orthanc');
const ATRIUM = join(REPO_ROOT, 'host', 'bin', 'atrium.js');
const SC = '1.2.840.10008.5.1.4.1.1.7';
/** commitmentWaitMs of the cluster: host a's send waits at most this long for the report. */
const WAIT_MS = 30_000;

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

describe.skipIf(!ok)('one AE title for two hosts (shared files, one PostgreSQL)', () => {
  const cluster = usePostgresStore(ATRIUM, 'atrium-one-ae-', 'cluster');
  let orthanc: OrthancPeer;
  const ports: number[] = [];
  const serving: HostProcess[] = [];
  const study = '2.25.66001.1';

  /** An `atrium` command of host `host`, to its end. */
  const cli = (host: string, ...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [ATRIUM, '--store', cluster.store, ...args], { env: { ...process.env, ATRIUM_HOST_ID: host }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.once('exit', (code) => resolve({ code, out, err }));
    });
  const serve = (host: string, port: number): HostProcess => cluster.host(host, ['serve', '--port', String(port)]);
  const waitFor = waitUntil;
  const expectOk = (r: Run, what: string): void => expect(r.code, `${what}: ${r.err}${r.out}`).toBe(0);

  beforeAll(async () => {
    expectOk(await cli('a', 'config', 'set', 'aeTitle', 'ATRIUM'), 'config set aeTitle');
    expectOk(await cli('a', 'config', 'set', 'commitmentWaitMs', String(WAIT_MS)), 'config set commitmentWaitMs');
    ports.push(await freePort(), await freePort());
    orthanc = await startOrthanc({ modalities: { atrium: { aet: 'ATRIUM', host: '127.0.0.1', port: ports[1]! } } });
    expectOk(await cli('a', 'ae', 'add', orthanc.aet, '--host', '127.0.0.1', '--port', String(orthanc.dicomPort)), 'ae add');
    // The AE that asks for the C-MOVE (a viewer; movescu here): registered once, for every host.
    expectOk(await cli('a', 'ae', 'add', 'VIEWER', '--host', '127.0.0.1', '--port', String(await freePort()), '--roles', 'call'), 'ae add VIEWER');
    serving.push(serve('a', ports[0]!), serve('b', ports[1]!));
    await waitForLine('both hosts to listen', serving, 'listening on', 60_000);
    // Three instances of one study, received by host b only.
    const files = [1, 2, 3].map((i) => {
      const root = `2.25.66001.${i}`;
      const uidRoot = new Map([[Tag.StudyInstanceUID, { tag: Tag.StudyInstanceUID, vr: 'UI', value: `${study}\0` }]]);
      const file = join(cluster.dir, `${i}.dcm`);
      mkdirSync(cluster.dir, { recursive: true });
      writeFileSync(file, part10(encodeDataset(minimalInstance(root, uidRoot), FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: SC, sopInstanceUID: `${root}.3` }));
      return file;
    });
    const sent = await runTool('storescu', ['-aec', 'ATRIUM', '127.0.0.1', String(ports[1]), ...files], { timeoutMs: 60_000 });
    expect(sent.code, sent.output).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await orthanc?.stop();
  });

  it('host a answers a C-MOVE of what host b received and sends it to the destination', async () => {
    const moved = await runTool('movescu', ['-S', '-aet', 'VIEWER', '-aec', 'ATRIUM', '-aem', orthanc.aet, '-k', 'QueryRetrieveLevel=STUDY', '-k', `StudyInstanceUID=${study}`, '127.0.0.1', String(ports[0])], { timeoutMs: 60_000 });
    expect(moved.code, `${moved.output}\n--- host a:\n${serving[0]!.output().slice(-2000)}`).toBe(0);
    const instances = await orthanc.rest<string[]>('GET', '/instances');
    expect(instances).toHaveLength(3);
  }, 90_000);

  it("a storage commitment report received by host b reaches host a's waiting send through the shared table", async () => {
    const t0 = Date.now();
    const run = await cli('a', '--json', 'send', study, orthanc.aet, '--commit');
    const elapsed = Date.now() - t0;
    expectOk(run, 'send --commit');
    const { commitment } = JSON.parse(run.out) as { commitment: { transactionUid: string; state: string; committed: number; pending: number } };
    expect(commitment).toMatchObject({ state: 'reported', committed: 3, pending: 0 });
    expect(elapsed).toBeLessThan(WAIT_MS); // it saw the report, and did not wait out commitmentWaitMs
    await waitFor("host b's log of the report", () => serving[1]!.output().includes(commitment.transactionUid), 10_000);
    expect(serving[1]!.output()).toContain(`for ${commitment.transactionUid} (a request of host a, recorded for it): 3 committed, 0 failed`);
    expect(serving[0]!.output()).not.toContain(commitment.transactionUid);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT owner_host, state FROM commitment WHERE transaction_uid = $1', [commitment.transactionUid]);
      expect(rows).toEqual([{ owner_host: 'a', state: 'reported' }]);
    } finally {
      await client.end();
    }
  }, 120_000);
});
