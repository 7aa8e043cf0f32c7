/**
 * `atrium get` (the C-GET SCU) against Orthanc 1.10 and DCMTK's dcmqrscp, on 127.0.0.1: one
 * study holding ten SOP classes — RT Plan, RT Dose, RT Structure Set, Segmentation,
 * Comprehensive SR, 12-lead ECG, CT, MR, XA, SC — in Implicit and Explicit VR, JPEG 2000,
 * JPEG baseline, JPEG lossless and RLE (copies of the bundled samples, moved into one study
 * by dcmodify). Ten classes need 240 presentation contexts: two associations.
 * - Orthanc returns SOP Classes in Study: every instance comes back in the transfer syntax
 *   Orthanc holds it in, data set as Orthanc sends it;
 * - dcmqrscp (with an association profile that accepts these classes in every syntax, and
 *   the SCP role) tells no SOP class and sends each instance on the first context it
 *   accepted for its class: the compressed instances come on the retries, one syntax per
 *   association; every instance comes back, the compressed ones byte for byte;
 * - Orthanc's answer to a C-GET whose instances lack a context — C000 with the Failed SOP
 *   Instance UID List (0008,0058) in the command set — is read, and the association goes on.
 * Needs Orthanc and DCMTK (under CI=true their absence fails).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SopClass, Tag } from '@atrium/sdk';
import { isAtriumError } from '../../host/src/errors/atrium-error.js';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { CommandField } from '../../host/src/net/dimse/dimse-command.js';
import { StoreStatus } from '../../host/src/errors/dimse-statuses.js';
import { VERIFICATION_CONTEXT, echoOn } from '../../host/src/net/scu/echo-scu.js';
import { openScu } from '../../host/src/net/scu/open-scu.js';
import { qrContext } from '../../host/src/net/scu/query-scu.js';
import { retrieveOn } from '../../host/src/net/scu/retrieve-scu.js';
import { STORAGE_SYNTAXES } from '../../host/src/net/syntaxes.js';
import { validateInstance } from '../../host/src/store/validate-instance.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { atrium } from '../e2e/cli-helpers.js';
import { runTool } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { startOrthanc, type OrthancPeer } from '../support/orthanc.js';
import { havePeers, peer, runPeer } from '../support/peers.js';
import { samplePath } from '../support/samples.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { datasetOf } from './dimse-orthanc-harness.js';

const ok = havePeers('Orthanc', 'dcmqrscp', 'dcmqridx', 'dcmodify', 'dcmconv', 'echoscu');
const STUDY = '1.2.826.0.1.3680043.8.498.7204.1';
const SAMPLES = [
  'rt-seg-sr/rtplan.dcm', 'rt-seg-sr/rtdose.dcm', 'rt-seg-sr/rtstruct.dcm', 'rt-seg-sr/liver.dcm', 'rt-seg-sr/test-SR.dcm', 'rt-seg-sr/waveform_ecg.dcm',
  'dicomdir/77654033/CT2/17106', 'mr/MR2_J2KI.dcm', 'xa/gdcm-XA-4frame-jpll.dcm',
  'sc/SC_rgb_jpeg_dcmtk.dcm', 'sc/SC_rgb_rle.dcm', 'nm/NM1_J2KI_edited.dcm', 'nm/NM1_JPLL.dcm',
];
const UNCOMPRESSED = new Set(STORAGE_SYNTAXES.slice(0, 3));

interface Copy { path: string; sop: string; sopClass: string; syntax: string }

/** DCMTK's DIMSE layer (the peers' SCU) sends sequences with explicit lengths: `dcmconv +e` gives those bytes. */
function onTheWire(dir: string, part10: Uint8Array): Uint8Array {
  writeFileSync(join(dir, 'wire-in.dcm'), part10);
  runPeer('dcmconv', ['+e', join(dir, 'wire-in.dcm'), join(dir, 'wire-out.dcm')]);
  return new Uint8Array(readFileSync(join(dir, 'wire-out.dcm')));
}

/**
 * The final line `atrium get` prints for the copies: a C-STORE sub-operation of an object our
 * receive policy stores with warnings is answered B007, so it counts as a warning (and the
 * C-GET ends B000), as PS3.4 C.4.3.3 counts a warning sub-operation.
 */
function expectedGetLine(aet: string, copies: readonly { path: string }[]): RegExp {
  const warned = copies.filter((c) => validateInstance(parseDicom(readFileSync(c.path))).warnings.length > 0).length;
  return new RegExp(`^${aet}: ${copies.length - warned} completed, 0 failed, ${warned} warning \\(status ${warned ? 'B000' : '0000'}, job \\d+\\)\\nstored here: ${copies.length}$`, 'm');
}

describe.skipIf(!ok)('atrium get: a study of ten SOP classes and six transfer syntaxes from Orthanc and dcmqrscp', () => {
  let dir: string;
  let copies: Copy[];
  let orthanc: OrthancPeer;
  let qrscp: ChildProcess | undefined;
  let qrLog = '';
  let qrPort = 0;

  /** `atrium get <ae> STUDY` into a fresh store; the store's instances by SOP Instance UID. */
  async function getInto(store: string, ae: string, port: number): Promise<{ out: string; code: number; stored: Map<string, { syntax: string; bytes: Uint8Array }> }> {
    expect((await atrium('--store', store, 'ae', 'add', ae, '--host', '127.0.0.1', '--port', String(port))).code).toBe(0);
    const run = await atrium('--store', store, 'get', ae, STUDY);
    const ws = openWorkstation(store);
    try {
      const stored = new Map(ws.index.getInstances({ StudyInstanceUID: STUDY }).map((i) => [i.instance.SOPInstanceUID, { syntax: i.instance.TransferSyntaxUID ?? '', bytes: ws.files.read(i.file.path) }]));
      return { out: run.out + run.err, code: run.code, stored };
    } finally {
      ws.close();
    }
  }

  beforeAll(async () => {
    dir = makeTempDir('atrium-get-scu-');
    mkdirSync(join(dir, 'study'));
    copies = SAMPLES.map((rel, i) => {
      const path = join(dir, 'study', `${i}.dcm`);
      copyFileSync(samplePath(rel), path);
      runPeer('dcmodify', ['-nb', '-m', `(0020,000d)=${STUDY}`, '-m', '(0010,0020)=MIXED-CLASSES', '-m', '(0010,0010)=Mixed^Classes', path]);
      const file = parseDicom(readFileSync(path), { headerOnly: true });
      return { path, sop: file.dataset.string(Tag.SOPInstanceUID)!, sopClass: file.dataset.string(Tag.SOPClassUID)!, syntax: file.meta!.string(Tag.TransferSyntaxUID)! };
    });
    expect(new Set(copies.map((c) => c.sopClass)).size).toBe(10);

    orthanc = await startOrthanc({ modalities: { atrium: { aet: 'ATRIUM', host: '127.0.0.1', port: await freePort() } } });
    for (const c of copies) await orthanc.upload(new Uint8Array(readFileSync(c.path)));

    // dcmqrscp with a negotiation profile: these classes in every syntax we store, the SCP role for C-GET.
    const classes = [...new Set(copies.map((c) => c.sopClass))];
    const qr = ['1.2.840.10008.5.1.4.1.2.2.1', '1.2.840.10008.5.1.4.1.2.2.3', '1.2.840.10008.1.1'];
    writeFileSync(join(dir, 'profile.cfg'), [
      '[[TransferSyntaxes]]', '[Stored]', ...STORAGE_SYNTAXES.map((t, i) => `TransferSyntax${i + 1} = ${t}`),
      '[Plain]', 'TransferSyntax1 = 1.2.840.10008.1.2.1', 'TransferSyntax2 = 1.2.840.10008.1.2',
      '[[PresentationContexts]]', '[Contexts]', ...[...qr.map((u) => `${u}\\Plain`), ...classes.map((u) => `${u}\\Stored`)].map((p, i) => `PresentationContext${i + 1} = ${p}`),
      '[[SCPSCURoleSelection]]', '[Roles]', ...classes.map((u, i) => `Role${i + 1} = ${u}\\SCP`),
      '[[Profiles]]', '[GetProfile]', 'PresentationContexts = Contexts', 'SCPSCURoleSelection = Roles', '',
    ].join('\n'));
    qrPort = await freePort();
    const db = join(dir, 'qrdb');
    mkdirSync(db);
    writeFileSync(join(dir, 'dcmqrscp.cfg'), [
      `NetworkTCPPort = ${qrPort}`, 'MaxPDUSize = 16384', 'MaxAssociations = 16', 'HostTable BEGIN', 'HostTable END', 'VendorTable BEGIN', 'VendorTable END',
      'AETable BEGIN', `QRSCP ${db} RW (200, 1024mb) ANY`, 'AETable END', '',
    ].join('\n'));
    const loaded = copies.map((c, i) => {
      const to = join(db, `f${i}.dcm`);
      copyFileSync(c.path, to);
      return to;
    });
    runPeer('dcmqridx', [db, ...loaded]);
    qrscp = spawn(peer('dcmqrscp')!, ['-c', join(dir, 'dcmqrscp.cfg'), '-xf', join(dir, 'profile.cfg'), 'GetProfile', 'GetProfile', '-ll', 'info'], { env: { ...process.env, TCP_NODELAY: '1' } });
    qrscp.stdout!.on('data', (d: Buffer) => (qrLog += d.toString()));
    qrscp.stderr!.on('data', (d: Buffer) => (qrLog += d.toString()));
    for (let i = 0; i < 50; i++) {
      if ((await runTool('echoscu', ['-aec', 'QRSCP', '127.0.0.1', String(qrPort)])).code === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);
  afterAll(async () => {
    if (qrscp?.pid && qrscp.exitCode === null) process.kill(qrscp.pid, 'SIGKILL');
    await orthanc?.stop();
    removeTempDir(dir);
  });

  it('from Orthanc: every instance, in the syntax Orthanc holds it in, data set as sent', async () => {
    const got = await getInto(join(dir, 'from-orthanc'), orthanc.aet, orthanc.dicomPort);
    expect(got.code, got.out).toBe(0);
    expect(got.out).toMatch(expectedGetLine('ORTHANC', copies));
    expect([...got.stored.keys()].sort()).toEqual(copies.map((c) => c.sop).sort());
    for (const c of copies) {
      const mine = got.stored.get(c.sop)!;
      expect(mine.syntax, c.path).toBe(c.syntax);
      const [found] = await orthanc.rest<{ ID: string }[]>('POST', '/tools/lookup', c.sop);
      const theirs = await orthanc.rest<Uint8Array>('GET', `/instances/${found!.ID}/file`);
      expect(Buffer.from(datasetOf(mine.bytes)).equals(Buffer.from(datasetOf(onTheWire(dir, theirs)))), c.path).toBe(true);
    }
  });

  it('reads Orthanc\'s failure response carrying (0008,0058) in its command set, and the association goes on', async () => {
    const mr = copies.find((c) => c.sopClass === SopClass.MRImageStorage)!;
    const session = await openScu({ aeTitle: 'ATRIUM', maxPduLength: 65536, connectTimeoutMs: 5000, associationTimeoutMs: 5000, dimseTimeoutMs: 20_000 },
      { title: orthanc.aet, host: '127.0.0.1', port: orthanc.dicomPort },
      [qrContext('STUDY', 'Get'), VERIFICATION_CONTEXT, { abstractSyntax: mr.sopClass, transferSyntaxes: [mr.syntax] }],
      { roleSelections: [{ sopClassUid: mr.sopClass, scuRole: false, scpRole: true }], handlers: { [CommandField.CStoreRq]: (request, responder) => responder.respond({ Status: StoreStatus.Success.code, AffectedSOPInstanceUID: request.command.AffectedSOPInstanceUID ?? '' }) } });
    try {
      // Only the MR's class is proposed: Orthanc stops at the first other instance and fails the C-GET.
      const error = await retrieveOn(session.connection, { level: 'STUDY', keys: { StudyInstanceUID: STUDY } }, {}).then(() => undefined, (e: unknown) => e);
      expect(isAtriumError(error, 'ATRIUM_ERR_NET_REMOTE_FAILED'), String(error)).toBe(true);
      const result = (error as { details: { result: { failed: number; failedSOPInstanceUIDs: string[] } } }).details.result;
      expect(result.failed).toBeGreaterThanOrEqual(1);
      expect(result.failedSOPInstanceUIDs.length).toBeGreaterThanOrEqual(1);
      expect(result.failedSOPInstanceUIDs.every((uid) => copies.some((c) => c.sop === uid && c.sopClass !== mr.sopClass))).toBe(true);
      expect(session.connection.association.open).toBe(true);
      await echoOn(session.connection);
    } finally {
      await session.close();
    }
  });

  it('from dcmqrscp: every instance, over several associations; compressed ones byte for byte', async () => {
    const before = qrLog.match(/Association Received/g)?.length ?? 0;
    const got = await getInto(join(dir, 'from-dcmqrscp'), 'QRSCP', qrPort);
    expect(got.code, got.out).toBe(0);
    expect(got.out).toMatch(expectedGetLine('QRSCP', copies));
    expect([...got.stored.keys()].sort()).toEqual(copies.map((c) => c.sop).sort());
    // C-FIND, two associations for every storage class uncompressed, then retries one compressed syntax at a time.
    expect((qrLog.match(/Association Received/g)?.length ?? 0) - before).toBeGreaterThanOrEqual(5);
    for (const c of copies) {
      const mine = got.stored.get(c.sop)!;
      if (UNCOMPRESSED.has(c.syntax)) {
        // dcmqrscp sends on the first context accepted for the class: uncompressed, Explicit VR.
        expect(UNCOMPRESSED.has(mine.syntax), c.path).toBe(true);
        continue;
      }
      expect(mine.syntax, c.path).toBe(c.syntax);
      expect(Buffer.from(parseDicom(mine.bytes).dataset.get(Tag.PixelData)!.value).equals(Buffer.from(parseDicom(readFileSync(c.path)).dataset.get(Tag.PixelData)!.value)), c.path).toBe(true);
    }
  }, 120_000);
});
