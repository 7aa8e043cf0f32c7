/**
 * C-ECHO before C-STORE, per remote AE (TigerView conformance statement: a Verification before
 * each Storage association), with `atrium send`:
 * - to DCMTK's storescp, the association of a send starts with a C-ECHO; with
 *   `--verify-before-send off` it carries the C-STORE alone;
 * - to a peer that answers the C-ECHO with a failure, the send job fails with the echo's
 *   reason and nothing is sent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeneralStatus } from '../../host/src/errors/dimse-statuses.js';
import { CommandField, NO_DATA_SET, type DimseCommand } from '../../host/src/net/dimse/dimse-command.js';
import { scriptedScp, type ScriptedScp } from '../../host/src/net/test-support/scripted-scp.js';
import { atrium } from '../e2e/cli-helpers.js';
import { runTool } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { havePeers, peer } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

const ok = havePeers('storescp', 'echoscu');
const SAMPLE = 'samples/mr/MR_small.dcm';
const MR_SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';

describe.skipIf(!ok)('verifyBeforeSend (TigerView: C-ECHO before C-STORE)', () => {
  let store: string;
  let storescp: ChildProcess | undefined;
  let scripted: ScriptedScp;
  let log = '';
  let port = 0;
  const cli = (...args: string[]): ReturnType<typeof atrium> => atrium('--store', store, ...args);

  beforeAll(async () => {
    store = makeTempDir('atrium-verify-');
    port = await freePort();
    storescp = spawn(peer('storescp')!, ['-v', '-aet', 'STORESCP', '-od', makeTempDir('atrium-verify-scp-'), String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    storescp.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    storescp.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    for (let i = 0; i < 50 && (await runTool('echoscu', ['-aec', 'STORESCP', '127.0.0.1', String(port)])).code !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    // A peer that answers C-ECHO with 0211 (Unrecognized Operation) and C-STORE with Success.
    scripted = await scriptedScp((request: DimseCommand) => [{
      command: {
        CommandField: (request.CommandField | 0x8000) & 0xffff, CommandDataSetType: NO_DATA_SET, MessageIDBeingRespondedTo: request.MessageID ?? 0,
        AffectedSOPClassUID: request.AffectedSOPClassUID ?? '', ...(request.AffectedSOPInstanceUID ? { AffectedSOPInstanceUID: request.AffectedSOPInstanceUID } : {}),
        Status: request.CommandField === CommandField.CEchoRq ? GeneralStatus.UnrecognizedOperation.code : GeneralStatus.Success.code,
      },
    }]);
    expect((await cli('import', SAMPLE)).code).toBe(0);
  }, 30_000);
  afterAll(async () => {
    if (storescp?.pid !== undefined && storescp.exitCode === null) process.kill(storescp.pid, 'SIGTERM');
    await scripted?.close();
    removeTempDir(store);
  });

  it('to storescp: a C-ECHO then the C-STORE on the association of the send; none with --verify-before-send off', async () => {
    expect((await cli('ae', 'add', 'STORESCP', '--host', '127.0.0.1', '--port', String(port), '--roles', 'store')).code).toBe(0);
    log = '';
    const on = await cli('send', MR_SOP, 'STORESCP');
    expect(on.code, on.err + on.out).toBe(0);
    expect(log.indexOf('Received Echo Request')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('Received Echo Request')).toBeLessThan(log.indexOf('Received Store Request'));

    const off = await cli('ae', 'add', 'STORESCP', '--host', '127.0.0.1', '--port', String(port), '--roles', 'store', '--verify-before-send', 'off');
    expect(off.out).toContain('no C-ECHO before sending');
    expect((await cli('ae', 'ls')).out).toMatch(/STORESCP.*off/);
    log = '';
    const sent = await cli('send', MR_SOP, 'STORESCP');
    expect(sent.code, sent.err + sent.out).toBe(0);
    expect(log).toContain('Received Store Request');
    expect(log).not.toContain('Received Echo Request');
  });

  it('a failed C-ECHO fails the send job with the echo\'s status, nothing sent; with it off the send goes through', async () => {
    expect((await cli('ae', 'add', 'NOECHO', '--host', '127.0.0.1', '--port', String(scripted.port), '--roles', 'store')).code).toBe(0);
    const failed = await cli('--json', 'send', MR_SOP, 'NOECHO');
    expect(failed.code).toBe(1);
    const job = (JSON.parse(failed.out) as { job: { state: string; attempts: number; error: { code: string; message: string } } }).job;
    expect(job).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'ATRIUM_ERR_NET_VERIFY_FAILED' } });
    expect(job.error.message).toMatch(/C-ECHO before sending to NOECHO failed, nothing sent: C-ECHO to NOECHO answered status 0211 \(atrium ae add NOECHO .* --verify-before-send off skips it\)/);
    expect(scripted.received.map((c) => c.CommandField)).toEqual([CommandField.CEchoRq]);

    expect((await cli('ae', 'add', 'NOECHO', '--host', '127.0.0.1', '--port', String(scripted.port), '--roles', 'store', '--verify-before-send', 'off')).code).toBe(0);
    const sent = await cli('send', MR_SOP, 'NOECHO');
    expect(sent.code, sent.err + sent.out).toBe(0);
    expect(scripted.received.map((c) => c.CommandField)).toEqual([CommandField.CEchoRq, CommandField.CStoreRq]);
  });
});
