import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandField } from '../../host/src/net/dimse/dimse-command.js';
import { outgoingForUids } from '../../host/src/net/outgoing-for-uids.js';
import { echoOn, VERIFICATION_CONTEXT } from '../../host/src/net/scu/echo-scu.js';
import { findOn } from '../../host/src/net/scu/find-scu.js';
import { openScu, type RemotePeer } from '../../host/src/net/scu/open-scu.js';
import { qrContext } from '../../host/src/net/scu/query-scu.js';
import { retrieveOn } from '../../host/src/net/scu/retrieve-scu.js';
import { storageProposals, storeInstances } from '../../host/src/net/scu/store-instances.js';
import { storeService } from '../../host/src/net/services/store-service.js';
import { UNCOMPRESSED_SYNTAXES } from '../../host/src/net/syntaxes.js';
import { datasetBytes, fileTransferSyntax, runTool, startDicomServer, storedFile, type DicomServerFixture } from '../support/dicom-server-fixture.js';
import { freePort } from '../support/free-port.js';
import { havePeers, peer, runPeer, runPydicom } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

/**
 * Our SCU against DCMTK SCPs: C-ECHO + C-STOREs on one association to storescp (byte for
 * byte, and converted when storescp accepts only uncompressed syntaxes), C-FIND / C-MOVE
 * (to our own SCP) / C-GET against dcmqrscp.
 */
const ok = havePeers('storescp', 'dcmqrscp', 'dcmqridx', 'echoscu', 'dcmdump', 'gdcmconv', 'pydicom');
const SAMPLES = ['samples/mr/MR_small.dcm', 'samples/us/US1_UNCR.dcm', 'samples/sc/SC_rgb.dcm', 'samples/mr/MR2_J2KI.dcm'];
const uidOf = (file: string, tag: string): string => /\[([^\]]*)\]/.exec(runPeer('dcmdump', ['-q', '-Un', '+P', tag, file]))![1]!.replace(/\0/g, '');

/** Spawns a DCMTK SCP, collects its output, waits until echoscu gets an answer from it. */
async function startScp(tool: string, args: string[], aeTitle: string, port: number, cwd?: string): Promise<{ child: ChildProcess; output: () => string }> {
  let output = '';
  const child = spawn(peer(tool)!, args, { env: { ...process.env, TCP_NODELAY: '1' }, ...(cwd ? { cwd } : {}) });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 50; i++) {
    if ((await runTool('echoscu', ['-aec', aeTitle, '127.0.0.1', String(port)])).code === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

describe.skipIf(!ok)('our SCU vs DCMTK storescp and dcmqrscp', () => {
  let dir: string;
  let fx: DicomServerFixture;
  const children: ChildProcess[] = [];
  let storescp: RemotePeer;
  let storescpLog: () => string;
  let qr: RemotePeer;

  beforeAll(async () => {
    dir = makeTempDir('atrium-dimse-scu-');
    fx = await startDicomServer(join(dir, 'store'));
    for (const f of SAMPLES) expect('code' in fx.ws.store.receive(readFileSync(f), 'test')).toBe(false);
    // storescp with its defaults: uncompressed transfer syntaxes only (+x=), bit preserving.
    storescp = { title: 'STORESCP', host: '127.0.0.1', port: await freePort() };
    mkdirSync(join(dir, 'storescp'));
    const s = await startScp('storescp', ['-v', '-aet', storescp.title, '+B', '-od', join(dir, 'storescp'), String(storescp.port)], storescp.title, storescp.port);
    children.push(s.child);
    storescpLog = s.output;
    // dcmqrscp (forking mode) with our fixture server as move destination; data loaded with dcmqridx.
    qr = { title: 'QRSCP', host: '127.0.0.1', port: await freePort() };
    const db = join(dir, 'qrdb');
    mkdirSync(db);
    writeFileSync(join(dir, 'dcmqrscp.cfg'), [
      `NetworkTCPPort = ${qr.port}`, 'MaxPDUSize = 16384', 'MaxAssociations = 16',
      'HostTable BEGIN', `atrium = (${fx.aeTitle}, 127.0.0.1, ${fx.port})`, 'HostTable END',
      'VendorTable BEGIN', 'VendorTable END',
      'AETable BEGIN', `${qr.title} ${db} RW (200, 1024mb) ANY`, 'AETable END', '',
    ].join('\n'));
    const loaded = ['samples/nm/NM_GATED_planar_16slots.dcm', 'samples/dx-cr/RG1_J2KI.dcm', 'samples/nm/UNIFORMIDAD_1.dcm'].map((f, i) => {
      const to = join(db, `f${i}.dcm`);
      copyFileSync(f, to);
      return to;
    });
    runPeer('dcmqridx', [db, ...loaded]);
    const q = await startScp('dcmqrscp', ['-c', join(dir, 'dcmqrscp.cfg')], qr.title, qr.port);
    children.push(q.child);
  }, 30_000);
  afterAll(async () => {
    for (const c of children) if (c.pid && c.exitCode === null) process.kill(c.pid, 'SIGKILL');
    await fx?.stop();
    removeTempDir(dir);
  });

  it('C-ECHO then many C-STOREs on one association to storescp; uncompressed byte for byte, J2K converted to the same pixels', async () => {
    const associationsBefore = storescpLog().match(/Association Received/g)?.length ?? 0;
    const instances = outgoingForUids(fx.ws.index, fx.ws.files, SAMPLES.map((f) => uidOf(f, '0008,0018')));
    const session = await openScu(fx.scu, storescp, [VERIFICATION_CONTEXT, ...storageProposals(instances)]);
    await echoOn(session.connection);
    const report = await storeInstances(session.connection, instances);
    await session.close();
    expect(report).toMatchObject({ completed: SAMPLES.length, failed: 0, warning: 0 });
    expect(storescpLog().match(/Association Received/g)?.length).toBe(associationsBefore + 1);
    expect(storescpLog()).toMatch(/Received Echo Request/);
    const received = readdirSync(join(dir, 'storescp'));
    for (const file of SAMPLES) {
      const uid = uidOf(file, '0008,0018');
      const name = received.find((n) => n.endsWith(uid));
      expect(name, file).toBeDefined();
      const path = join(dir, 'storescp', name!);
      if (UNCOMPRESSED_SYNTAXES.includes(fileTransferSyntax(file))) {
        expect(datasetBytes(path).equals(datasetBytes(storedFile(fx.ws, uid)!)), file).toBe(true);
      } else {
        expect(UNCOMPRESSED_SYNTAXES).toContain(fileTransferSyntax(path));
        // Referee: GDCM decodes the original; pydicom compares the pixel values.
        const raw = join(dir, 'raw.dcm');
        runPeer('gdcmconv', ['--raw', file, raw]);
        const same = runPydicom('import sys, pydicom\na, b = (pydicom.dcmread(p) for p in sys.argv[1:3])\nprint((a.pixel_array == b.pixel_array).all() and a.pixel_array.shape == b.pixel_array.shape)', [raw, path]);
        expect(same.trim(), file).toBe('True');
      }
    }
  });

  it('C-FIND, C-MOVE to ourselves and C-GET against dcmqrscp', async () => {
    const nm = 'samples/nm/NM_GATED_planar_16slots.dcm';
    const cr = 'samples/dx-cr/RG1_J2KI.dcm';
    const nm2 = 'samples/nm/UNIFORMIDAD_1.dcm';
    const find = await openScu(fx.scu, qr, [qrContext('STUDY', 'Find')]);
    const found = await findOn(find.connection, { level: 'STUDY', keys: { StudyInstanceUID: '', PatientID: '' } }, 100);
    await find.close();
    expect(found.status).toBe(0);
    expect(found.matches.map((m) => m.StudyInstanceUID).sort()).toEqual([nm, cr, nm2].map((f) => uidOf(f, '0020,000d')).sort());

    const move = await openScu(fx.scu, qr, [qrContext('STUDY', 'Move')]);
    const moved = await retrieveOn(move.connection, { level: 'STUDY', keys: { StudyInstanceUID: uidOf(nm, '0020,000d') } }, { destination: fx.aeTitle });
    await move.close();
    expect(moved).toMatchObject({ status: 0, completed: 1, failed: 0 });
    expect(storedFile(fx.ws, uidOf(nm, '0008,0018'))).toBeDefined();

    const stored: string[] = [];
    const store = storeService({ store: fx.ws.store, onStored: (o) => 'code' in o || stored.push(o.SOPInstanceUID) });
    const sopClass = uidOf(nm2, '0008,0016');
    const get = await openScu(fx.scu, qr, [qrContext('STUDY', 'Get'), { abstractSyntax: sopClass, transferSyntaxes: [...UNCOMPRESSED_SYNTAXES] }], {
      roleSelections: [{ sopClassUid: sopClass, scuRole: false, scpRole: true }],
      handlers: { [CommandField.CStoreRq]: store.handlers[CommandField.CStoreRq]! },
    });
    const got = await retrieveOn(get.connection, { level: 'STUDY', keys: { StudyInstanceUID: uidOf(nm2, '0020,000d') } }, {});
    await get.close();
    expect(got).toMatchObject({ status: 0, completed: 1, failed: 0 });
    expect(stored).toEqual([uidOf(nm2, '0008,0018')]);
    // dcmqrscp re-encodes what it sends (sequence lengths, trailing padding): compare element by element.
    // Sequence/item length encoding (explicit vs undefined) is normalized; values are not.
    const elements = (path: string): string[] => runPeer('dcmdump', ['-q', path]).split('\n')
      .map((l) => l.trim()).filter((l) => /^\(/.test(l) && !/^\((0002|fffc),/.test(l))
      .map((l) => l.replace(/#.*$/, '').replace(/\((Sequence|Item) with (explicit|undefined) length/, '($1').replace(/ for re-encod(\.|ing)/, '').replace(/\s+/g, ' ').trim());
    const copy = join(dir, 'got.dcm');
    writeFileSync(copy, storedFile(fx.ws, stored[0]!)!);
    expect(elements(copy)).toEqual(elements(nm2));
  });
});
