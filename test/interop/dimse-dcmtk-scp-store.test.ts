import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetBytes, fileTransferSyntax, runTool, startDicomServer, storedFile, type DicomServerFixture, type ToolRun } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { havePeers, peer, runPeer } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

/**
 * Our SCP (in-process, all services) against DCMTK's echoscu and storescu: association
 * policy, C-STORE byte for byte in the proposed syntax, the Type 1 rejection (A900).
 */
const ok = havePeers('echoscu', 'storescu', 'storescp', 'dcmdump', 'dcmcjpls', 'gdcmconv', 'dcmodify');
const PLAIN = ['samples/mr/MR_small.dcm', 'samples/us/US1_UNCR.dcm', 'samples/sc/SC_rgb.dcm', 'samples/dx-cr/dx_image.dcm', 'samples/nm/NM_GATED_planar_16slots.dcm'];

function sopInstanceUid(file: string): string {
  return /\[([^\]]*)\]/.exec(runPeer('dcmdump', ['-q', '+P', '0008,0018', file]))![1]!.replace(/\0/g, '');
}

describe.skipIf(!ok)('our SCP vs DCMTK SCUs: echo and store', () => {
  let dir: string;
  let fx: DicomServerFixture;
  const target = (): string[] => ['-aet', 'DCMTK_SCU', '-aec', fx.aeTitle, '127.0.0.1', String(fx.port)];

  /** DCMTK storescp in bit-preserving mode (+B): the referee for the bytes storescu puts on the wire. */
  let referee: ChildProcess | undefined;
  let refereePort = 0;
  const refereeDir = (): string => join(dir, 'referee');
  /** The data set storescp received for an instance (storescu re-encodes: padding, odd lengths). */
  const refereeDataset = (uid: string): Buffer => {
    const name = readdirSync(refereeDir()).find((f) => f.endsWith(`.${uid}`));
    if (!name) throw new Error(`storescp did not receive ${uid}`);
    return datasetBytes(join(refereeDir(), name));
  };
  /** storescu with `args` to DCMTK's storescp (the referee), then to us. */
  const sendBoth = async (args: string[], files: string[]): Promise<ToolRun> => {
    const ref = await runTool('storescu', [...args, '-aet', 'DCMTK_SCU', '-aec', 'REFEREE', '127.0.0.1', String(refereePort), ...files]);
    expect(ref.code, ref.output).toBe(0);
    return runTool('storescu', ['-v', ...args, ...target(), ...files]);
  };

  beforeAll(async () => {
    dir = makeTempDir('atrium-dimse-store-');
    mkdirSync(refereeDir());
    fx = await startDicomServer(join(dir, 'store'));
    refereePort = await freePort();
    referee = spawn(peer('storescp')!, ['-aet', 'REFEREE', '+B', '+xa', '-od', refereeDir(), String(refereePort)], { stdio: 'ignore', env: { ...process.env, TCP_NODELAY: '1' } });
    for (let i = 0; i < 50; i++) {
      if ((await runTool('echoscu', ['-aec', 'REFEREE', '127.0.0.1', String(refereePort)])).code === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    if (referee?.pid) process.kill(referee.pid, 'SIGKILL');
    await fx?.stop();
    removeTempDir(dir);
  });

  it('answers echoscu, and rejects a wrong called AE title as "Called AE Title Not Recognized"', async () => {
    const good = await runTool('echoscu', ['-v', ...target()]);
    expect(good.code, good.output).toBe(0);
    expect(good.output).toMatch(/Received Echo Response \(Success\)/);
    const bad = await runTool('echoscu', ['-aet', 'DCMTK_SCU', '-aec', 'NOT_US', '127.0.0.1', String(fx.port)]);
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/Called AE Title Not Recognized/i);
    expect(fx.events.some((e) => e.type === 'rejected' && /called AE title "NOT_US"/.test(e.why))).toBe(true);
  });

  it('stores a handful of instances sent on one association, data sets byte for byte', async () => {
    const before = fx.events.filter((e) => e.type === 'associated').length;
    const run = await sendBoth([], PLAIN);
    expect(run.code, run.output).toBe(0);
    expect(fx.events.filter((e) => e.type === 'associated').length - before).toBe(1);
    for (const file of PLAIN) {
      const stored = storedFile(fx.ws, sopInstanceUid(file));
      expect(stored, file).toBeDefined();
      expect(fileTransferSyntax(stored!)).toBe(fileTransferSyntax(file));
      expect(datasetBytes(stored!).equals(refereeDataset(sopInstanceUid(file))), file).toBe(true);
    }
  });

  it('stores compressed instances in the proposed syntax byte for byte (-xw J2K, -xv J2K lossless, -xt JPEG-LS)', async () => {
    const j2kLossless = join(dir, 'j2k-lossless.dcm');
    const jls = join(dir, 'jls.dcm');
    // Distinct SOP Instance UIDs so each is a new instance of a series of its own.
    runPeer('gdcmconv', ['--j2k', 'samples/us/US1_UNCR.dcm', j2kLossless]);
    runPeer('dcmodify', ['-nb', '-gin', '-gse', '-gst', j2kLossless]);
    runPeer('dcmcjpls', ['samples/sc/SC_rgb.dcm', jls]);
    runPeer('dcmodify', ['-nb', '-gin', '-gse', '-gst', jls]);
    const cases: [string, string, string][] = [
      ['-xw', 'samples/mr/MR2_J2KI.dcm', '1.2.840.10008.1.2.4.91'],
      ['-xv', j2kLossless, '1.2.840.10008.1.2.4.90'],
      ['-xt', jls, '1.2.840.10008.1.2.4.80'],
    ];
    for (const [option, file, ts] of cases) {
      expect(fileTransferSyntax(file)).toBe(ts);
      const run = await sendBoth([option], [file]);
      expect(run.code, `${option}: ${run.output}`).toBe(0);
      const stored = storedFile(fx.ws, sopInstanceUid(file));
      expect(stored, file).toBeDefined();
      expect(fileTransferSyntax(stored!)).toBe(ts);
      expect(datasetBytes(stored!).equals(refereeDataset(sopInstanceUid(file))), file).toBe(true);
    }
  });

  it('answers a Type 1 violation (no StudyInstanceUID) with A900 and a comment, keeping the bytes in quarantine', async () => {
    const bad = join(dir, 'no-study-uid.dcm');
    copyFileSync('samples/mr/MR_small.dcm', bad);
    runPeer('dcmodify', ['-nb', '-gin', '-ea', '(0020,000d)', bad]);
    const run = await sendBoth(['-d'], [bad]);
    expect(run.output).toMatch(/0xa900/i);
    expect(run.output).toMatch(/\(0000,0902\) LO \[[^\]]*StudyInstanceUID/);
    const uid = sopInstanceUid(bad);
    expect(storedFile(fx.ws, uid)).toBeUndefined();
    const outcome = fx.stored.find((o) => 'code' in o && o.SOPInstanceUID === uid);
    expect(outcome && 'code' in outcome ? outcome.code : undefined).toBe('ATRIUM_ERR_VALIDATE_MISSING');
    const path = (outcome && 'quarantinePath' in outcome ? outcome.quarantinePath : undefined) ?? '';
    expect(datasetBytes(fx.ws.files.read(path)).equals(refereeDataset(sopInstanceUid(bad)))).toBe(true);
  });
});
