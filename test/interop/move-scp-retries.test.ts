/**
 * C-MOVE SCP sub-operations retried before the final response (Canon GCA-9300R conformance
 * statement §4.2.6.4.1.3.5: failures are retried per destination), with DCMTK's movescu as the
 * caller and storescp as the destination: a destination that is not yet listening when the move
 * starts receives the instances once it is (0000); without retries the move ends A702; a
 * destination that answers a C-STORE A700 once gets that instance again on a new association.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreStatus } from '../../host/src/errors/dimse-statuses.js';
import { CommandField, NO_DATA_SET, type DimseCommand } from '../../host/src/net/dimse/dimse-command.js';
import { scriptedScp, type ScriptedScp } from '../../host/src/net/test-support/scripted-scp.js';
import { runTool, startDicomServer, type DicomServerFixture } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { havePeers, peer } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

const ok = havePeers('movescu', 'storescp', 'echoscu');
const SAMPLE = 'samples/mr/MR_small.dcm';

describe.skipIf(!ok)('C-MOVE SCP: failed sub-operations retried before A702 (GCA-9300R §4.2.6.4.1.3.5)', () => {
  let dir: string;
  let port = 0;
  let retrying: DicomServerFixture;
  let once: DicomServerFixture;
  let storescp: ChildProcess | undefined;
  let ids = { study: '', series: '', sop: '' };
  const move = (fx: DicomServerFixture): ReturnType<typeof runTool> => runTool('movescu', ['-d', '-S', '-aet', 'DCMTK_SCU', '-aem', 'LATE', '-k', 'QueryRetrieveLevel=SERIES',
    '-k', `StudyInstanceUID=${ids.study}`, '-k', `SeriesInstanceUID=${ids.series}`, '-aec', fx.aeTitle, '127.0.0.1', String(fx.port)], { timeoutMs: 30_000 });
  const finalStatus = (output: string): string | undefined => [...output.matchAll(/DIMSE Status\s*: (0x[0-9a-f]{4})/g)].map((m) => m[1]).at(-1);

  beforeAll(async () => {
    dir = makeTempDir('atrium-move-retries-');
    port = await freePort();
    const destinations = { LATE: { host: '127.0.0.1', port } };
    retrying = await startDicomServer(join(dir, 'retrying'), { callers: ['DCMTK_SCU'], destinations, moveScpRetries: { rounds: 4, delayMs: 800 } });
    once = await startDicomServer(join(dir, 'once'), { callers: ['DCMTK_SCU'], destinations });
    for (const fx of [retrying, once]) {
      const outcome = fx.ws.store.receive(readFileSync(SAMPLE), 'test');
      if ('code' in outcome) throw new Error(outcome.reason);
      ids = { study: outcome.StudyInstanceUID, series: outcome.SeriesInstanceUID, sop: outcome.SOPInstanceUID };
    }
  }, 30_000);
  afterAll(async () => {
    if (storescp?.pid !== undefined && storescp.exitCode === null) process.kill(storescp.pid, 'SIGTERM');
    await retrying?.stop();
    await once?.stop();
    removeTempDir(dir);
  });

  it('without retries: the destination is down, A702 at once', async () => {
    const run = await move(once);
    expect(finalStatus(run.output), run.output).toBe('0xa702');
  });

  it('with retries: the destination comes up after the first attempt failed, the series arrives, 0000', async () => {
    const started = Date.now();
    const running = move(retrying);
    await new Promise((r) => setTimeout(r, 400));
    const out = join(dir, 'storescp');
    mkdirSync(out);
    storescp = spawn(peer('storescp')!, ['-aet', 'LATE', '-od', out, String(port)], { stdio: 'ignore' });
    const run = await running;
    expect(finalStatus(run.output), run.output).toBe('0x0000');
    expect(readdirSync(out).some((f) => f.endsWith(ids.sop))).toBe(true);
    // At least one round waited for its delay: the first association was refused.
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    // The caller heard of the retry: a Pending response with the instance still to do, before Success.
    expect(run.output).toMatch(/Remaining Suboperations\s*: 1[^]*?DIMSE Status\s*: 0xff00[^]*DIMSE Status\s*: 0x0000/);
  }, 40_000);

  it('a C-STORE answered A700 is sent again on a new association before the final response', async () => {
    // A destination that is out of resources for the first C-STORE of each instance only.
    const seen = new Set<string>();
    const flaky: ScriptedScp = await scriptedScp((request: DimseCommand) => {
      const uid = request.AffectedSOPInstanceUID ?? '';
      const first = request.CommandField === CommandField.CStoreRq && !seen.has(uid);
      seen.add(uid);
      return [{ command: { CommandField: (request.CommandField | 0x8000) & 0xffff, CommandDataSetType: NO_DATA_SET, MessageIDBeingRespondedTo: request.MessageID ?? 0, AffectedSOPClassUID: request.AffectedSOPClassUID ?? '', AffectedSOPInstanceUID: uid, Status: first ? StoreStatus.OutOfResources.code : StoreStatus.Success.code } }];
    });
    const fx = await startDicomServer(join(dir, 'flaky'), { callers: ['DCMTK_SCU'], destinations: { LATE: { host: '127.0.0.1', port: flaky.port } }, moveScpRetries: { rounds: 1, delayMs: 100 } });
    try {
      expect('code' in fx.ws.store.receive(readFileSync(SAMPLE), 'test')).toBe(false);
      const run = await move(fx);
      expect(finalStatus(run.output), run.output).toBe('0x0000');
      expect(flaky.received.filter((c) => c.CommandField === CommandField.CStoreRq).map((c) => c.AffectedSOPInstanceUID)).toEqual([ids.sop, ids.sop]);
    } finally {
      await fx.stop();
      await flaky.close();
    }
  });
});
