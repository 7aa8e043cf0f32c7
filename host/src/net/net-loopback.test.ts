import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { importPaths } from '../importer/import-paths.js';
import { openWorkstation, type Workstation } from '../store/open-workstation.js';
import { RemoteAeTableImpl } from './config/index.js';
import { CommandField } from './dimse/dimse-command.js';
import { outgoingForUids } from './outgoing-for-uids.js';
import { DicomServer } from './scp/dicom-server.js';
import { VERIFICATION_CONTEXT, echo, echoOn } from './scu/echo-scu.js';
import { findOn } from './scu/find-scu.js';
import { openScu, type ScuSettings } from './scu/open-scu.js';
import { qrContext } from './scu/query-scu.js';
import { resolveRetrieve } from './scu/resolve-retrieve.js';
import { retrieveOn } from './scu/retrieve-scu.js';
import { storageProposals, storeInstances } from './scu/store-instances.js';
import { echoService } from './services/echo-service.js';
import { findService } from './services/find-service.js';
import { retrieveService } from './services/retrieve-service.js';
import { storeService } from './services/store-service.js';

/**
 * Atrium against Atrium on loopback: every service of the SCP exercised by our own SCU
 * functions (the DCMTK and Orthanc interop tests referee each side against real peers).
 */
const SAMPLES = ['samples/mr/MR_small.dcm', 'samples/nm/NM1_JPLL.dcm', 'samples/sc/SC_rgb_rle.dcm', 'samples/us/US1_UNCR.dcm'];
const settings = (aeTitle: string): ScuSettings => ({ aeTitle, maxPduLength: 16384, connectTimeoutMs: 3000, associationTimeoutMs: 3000, dimseTimeoutMs: 10_000 });

function startServer(ws: Workstation, aeTitle: string, peers: Record<string, number>, findLimit = 500): DicomServer {
  // The other Atriums may query and retrieve: registered with role "call" at 127.0.0.1.
  const aes = new RemoteAeTableImpl(ws.database.remoteAes);
  for (const title of ['ATRIUM_A', 'ATRIUM_B', 'ATRIUM_C']) aes.add({ title, host: '127.0.0.1', port: 104, roles: ['call'] });
  return new DicomServer({
    aeTitle, port: 0, bindAddress: '127.0.0.1', maxPduLength: 32768, associationTimeoutMs: 3000, idleTimeoutMs: 10_000, maxAssociations: 4,
    acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: false, identifyCaller: (t, a) => aes.identifyCaller(t, a),
    services: [
      echoService(), storeService({ store: ws.store }),
      findService({ index: ws.index, aeTitle, limit: findLimit }),
      retrieveService({ index: ws.index, files: ws.files, scu: settings(aeTitle), destination: (t) => (peers[t] ? { title: t, host: '127.0.0.1', port: peers[t] } : undefined) }),
    ],
  });
}

describe('Atrium SCU ↔ Atrium SCP on 127.0.0.1', () => {
  let dirA: string, dirB: string, a: Workstation, b: Workstation, serverA: DicomServer, serverB: DicomServer;
  const peers: Record<string, number> = {};
  let portB = 0;

  beforeAll(async () => {
    dirA = makeTempDir('net-a-');
    dirB = makeTempDir('net-b-');
    a = openWorkstation(dirA);
    b = openWorkstation(dirB);
    await importPaths(a.store, SAMPLES);
    serverA = startServer(a, 'ATRIUM_A', peers, 0); // 0: no limit
    serverB = startServer(b, 'ATRIUM_B', peers, 2);
    peers.ATRIUM_A = await serverA.listen();
    portB = await serverB.listen();
    peers.ATRIUM_B = portB;
  });
  afterAll(async () => {
    await serverA.close(1000);
    await serverB.close(1000);
    a.close();
    b.close();
    removeTempDir(dirA);
    removeTempDir(dirB);
  });

  it('C-ECHO, then C-STORE of every sample on one association, stored byte for byte (dataset) in the other store', async () => {
    const r = await echo(settings('ATRIUM_A'), { title: 'ATRIUM_B', host: '127.0.0.1', port: portB });
    expect(r.ms).toBeGreaterThan(0);
    const instances = outgoingForUids(a.index, a.files, a.index.getInstances({}).map((i) => i.instance.SOPInstanceUID));
    const session = await openScu(settings('ATRIUM_A'), { title: 'ATRIUM_B', host: '127.0.0.1', port: portB }, storageProposals(instances, [VERIFICATION_CONTEXT]));
    await echoOn(session.connection);
    const report = await storeInstances(session.connection, instances, { stopOnFailure: true });
    await session.close();
    expect(report).toMatchObject({ completed: SAMPLES.length, failed: 0, warning: 0 });
    for (const i of a.index.getInstances({})) {
      const there = b.index.getInstance(i.series.SeriesInstanceUID, i.instance.SOPInstanceUID);
      expect(there?.instance.TransferSyntaxUID).toBe(i.instance.TransferSyntaxUID);
      const mine = readFileSync(join(dirA, i.file.path));
      const theirs = readFileSync(join(dirB, there!.file.path));
      const after = (bytes: Buffer): Buffer => bytes.subarray(144 + bytes.readUInt32LE(140));
      expect(after(theirs).equals(after(mine))).toBe(true);
    }
  });

  it('C-FIND at every level, the limit (A700) and C-CANCEL past the SCU limit', async () => {
    const session = await openScu(settings('ATRIUM_A'), { title: 'ATRIUM_B', host: '127.0.0.1', port: portB }, [qrContext('STUDY', 'Find'), qrContext('PATIENT', 'Find')]);
    const studies = await findOn(session.connection, { level: 'STUDY', keys: { StudyInstanceUID: '', PatientName: '', ModalitiesInStudy: 'MR' } }, 100);
    expect(studies.matches).toHaveLength(1);
    expect(studies.matches[0]!.ModalitiesInStudy).toContain('MR');
    const patients = await findOn(session.connection, { level: 'PATIENT', keys: { PatientID: '', PatientName: '*' } }, 100).catch((e: Error) => e);
    // B's limit is 2: more than 2 patients → the pending responses, then A700.
    expect(patients).toBeInstanceOf(Error);
    expect((patients as Error).message).toMatch(/A700.*More than 2 matches/);
    const cut = await findOn(session.connection, { level: 'IMAGE', keys: { StudyInstanceUID: studies.matches[0]!.StudyInstanceUID!, SOPInstanceUID: '' } }, 1);
    expect(cut.matches).toHaveLength(1);
    await session.close();
    // findLimit 0 at A and maxResults 0 here: no limit on either side, every instance comes back.
    const toA = await openScu(settings('ATRIUM_B'), { title: 'ATRIUM_A', host: '127.0.0.1', port: peers.ATRIUM_A! }, [qrContext('STUDY', 'Find')]);
    const all = await findOn(toA.connection, { level: 'IMAGE', keys: { SOPInstanceUID: '' } }, 0).catch((e: Error) => e);
    await toA.close();
    expect(all).not.toBeInstanceOf(Error);
    expect((all as Awaited<ReturnType<typeof findOn>>).matches).toHaveLength(a.index.getInstances({}).length);
  });

  it('C-MOVE from B to A and C-GET from B into a third store, found by UID', async () => {
    const target = a.index.getInstances({}).find((i) => i.instance.SOPClassUID === '1.2.840.10008.5.1.4.1.1.7')!;
    const series = target.series.SeriesInstanceUID;
    const n = a.index.getInstances({ SeriesInstanceUID: series }).length;
    a.index.removeSeries(series);
    expect(a.index.getInstances({ SeriesInstanceUID: series })).toHaveLength(0);
    const session = await openScu(settings('ATRIUM_A'), { title: 'ATRIUM_B', host: '127.0.0.1', port: portB }, [qrContext('STUDY', 'Move'), qrContext('STUDY', 'Find')]);
    const request = await resolveRetrieve(session.connection, series);
    expect(request.level).toBe('SERIES');
    const progress: number[] = [];
    const moved = await retrieveOn(session.connection, request, { destination: 'ATRIUM_A', onProgress: (c) => progress.push(c.completed) });
    expect(moved).toMatchObject({ status: 0, completed: n, failed: 0 });
    expect(progress).toHaveLength(n - 1); // a Pending response after each sub-operation but the last
    expect(a.index.getInstances({ SeriesInstanceUID: series })).toHaveLength(n);
    const unknown = await retrieveOn(session.connection, request, { destination: 'NOBODY' }).catch((e: Error) => e);
    expect((unknown as Error).message).toMatch(/A801/);
    await session.close();

    const dirC = makeTempDir('net-c-');
    const c = openWorkstation(dirC);
    try {
      const store = storeService({ store: c.store });
      const sc = '1.2.840.10008.5.1.4.1.1.7';
      const get = await openScu(settings('ATRIUM_C'), { title: 'ATRIUM_B', host: '127.0.0.1', port: portB },
        [qrContext('STUDY', 'Get'), { abstractSyntax: sc, transferSyntaxes: ['1.2.840.10008.1.2.5', '1.2.840.10008.1.2.1'] }],
        { roleSelections: [{ sopClassUid: sc, scuRole: false, scpRole: true }], handlers: { [CommandField.CStoreRq]: store.handlers[CommandField.CStoreRq]! } });
      const got = await retrieveOn(get.connection, request, {});
      await get.close();
      expect(got).toMatchObject({ status: 0, completed: n, failed: 0 });
      expect(c.index.getInstances({ SeriesInstanceUID: series })).toHaveLength(n);
    } finally {
      c.close();
      removeTempDir(dirC);
    }
  });
});
