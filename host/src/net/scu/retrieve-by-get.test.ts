import { readFileSync } from 'node:fs';
import { SopClass, Tag } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetBytes } from '../../../../test/support/dicom-server-fixture.js';
import { makeTempDir, removeTempDir } from '../../../../test/support/temp-dir.js';
import { stringElement } from '../../io/element-factory.js';
import { parseDicom } from '../../io/parse-part10.js';
import { writePart10 } from '../../io/write-part10.js';
import { openWorkstation, type Workstation } from '../../store/open-workstation.js';
import { RemoteAeTableImpl } from '../config/index.js';
import { CommandField } from '../dimse/dimse-command.js';
import { DicomServer, type ServerEvent } from '../scp/dicom-server.js';
import { findService } from '../services/find-service.js';
import { retrieveService } from '../services/retrieve-service.js';
import { storeService } from '../services/store-service.js';
import { listInstances, planRetrieve, withFind } from './get-plan.js';
import type { ScuSettings } from './open-scu.js';
import { retrieveByGet } from './retrieve-by-get.js';

/**
 * The C-GET SCU against Atrium's own SCP: a study of eight SOP classes (RT Plan, RT Dose,
 * Segmentation, Comprehensive SR, 12-lead ECG, MR, US, SC in RLE and JPEG lossless) needs
 * two associations; the classes come from an image-level C-FIND (this SCP has no SOP
 * Classes in Study), each association asks for the instances of its classes, and every
 * instance arrives as stored. (The interop suite referees the same against Orthanc and dcmqrscp.)
 */
const STUDY = '1.2.826.0.1.3680043.8.498.7204.2';
const SAMPLES = ['rt-seg-sr/rtplan.dcm', 'rt-seg-sr/rtdose.dcm', 'rt-seg-sr/liver.dcm', 'rt-seg-sr/test-SR.dcm', 'rt-seg-sr/waveform_ecg.dcm', 'mr/MR_small.dcm', 'us/US1_UNCR.dcm', 'sc/SC_rgb_rle.dcm', 'nm/NM1_JPLL.dcm'];
const settings: ScuSettings = { aeTitle: 'ATRIUM_GET', maxPduLength: 65536, connectTimeoutMs: 3000, associationTimeoutMs: 3000, dimseTimeoutMs: 10_000 };

describe('retrieveByGet from an Atrium SCP', () => {
  let dirB: string, dirC: string, b: Workstation, c: Workstation, server: DicomServer, port: number;
  const events: ServerEvent[] = [];

  beforeAll(async () => {
    dirB = makeTempDir('net-get-b-');
    dirC = makeTempDir('net-get-c-');
    b = openWorkstation(dirB);
    c = openWorkstation(dirC);
    // The samples moved into one study (identity and demographics made the same).
    const same = new Map([[Tag.StudyInstanceUID, stringElement(Tag.StudyInstanceUID, 'UI', STUDY)], [Tag.PatientID, stringElement(Tag.PatientID, 'LO', 'GET-MIXED')], [Tag.PatientName, stringElement(Tag.PatientName, 'PN', 'Get^Mixed')]]);
    for (const rel of SAMPLES) {
      const file = parseDicom(readFileSync(`samples/${rel}`));
      const outcome = b.store.receive(writePart10({ ...file, dataset: file.dataset.with(same) }), `test:${rel}`);
      expect('code' in outcome ? outcome.reason : undefined, rel).toBeUndefined();
    }
    const aes = new RemoteAeTableImpl(b.database.remoteAes);
    aes.add({ title: 'ATRIUM_GET', host: '127.0.0.1', port: 104, roles: ['call'] });
    server = new DicomServer({
      aeTitle: 'ATRIUM_B', port: 0, bindAddress: '127.0.0.1', maxPduLength: 32768, associationTimeoutMs: 3000, idleTimeoutMs: 10_000, maxAssociations: 4,
      acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: false, identifyCaller: (t, a) => aes.identifyCaller(t, a),
      // The storage service too: a C-GET SCP accepts the storage contexts its sub-operations use.
      services: [storeService({ store: b.store }), findService({ index: b.index, aeTitle: 'ATRIUM_B', limit: 0 }), retrieveService({ index: b.index, files: b.files, scu: settings, destination: () => undefined })],
      onEvent: (e) => events.push(e),
    });
    port = await server.listen();
  });
  afterAll(async () => {
    await server.close(500);
    b.close();
    c.close();
    removeTempDir(dirB);
    removeTempDir(dirC);
  });

  it('retrieves a study of eight classes over two associations, each instance as stored', async () => {
    const peer = { title: 'ATRIUM_B', host: '127.0.0.1', port };
    const { request, plan } = await planRetrieve(settings, peer, { uid: STUDY });
    expect(request).toEqual({ level: 'STUDY', keys: { StudyInstanceUID: STUDY } });
    expect(plan.classes).toHaveLength(8);
    expect(plan.classes).toEqual(expect.arrayContaining([SopClass.RTPlanStorage, SopClass.TwelveLeadECGWaveformStorage, SopClass.SegmentationStorage]));
    const store = storeService({ store: c.store });
    const before = events.filter((e) => e.type === 'associated').length;
    const result = await retrieveByGet(request, {
      settings, peer, plan, store: store.handlers[CommandField.CStoreRq]!,
      listInstances: async () => (await withFind(settings, peer, (connection) => listInstances(connection, request))) ?? undefined,
    });
    expect(result).toEqual({ status: 0, remaining: 0, completed: SAMPLES.length, failed: 0, warning: 0, failedSOPInstanceUIDs: [] });
    expect(events.filter((e) => e.type === 'associated').length - before).toBe(2);
    const theirs = b.index.getInstances({ StudyInstanceUID: STUDY });
    expect(theirs).toHaveLength(SAMPLES.length);
    for (const i of theirs) {
      const mine = c.index.getInstance(i.series.SeriesInstanceUID, i.instance.SOPInstanceUID);
      expect(mine?.instance.TransferSyntaxUID, i.instance.SOPClassUID).toBe(i.instance.TransferSyntaxUID);
      expect(datasetBytes(c.files.read(mine!.file.path)).equals(datasetBytes(b.files.read(i.file.path))), i.instance.SOPClassUID).toBe(true);
    }
  });

  it('reports every listed instance failed, with its UID, when the peer accepts none of the storage contexts', async () => {
    const noStorage = new DicomServer({
      aeTitle: 'ATRIUM_B', port: 0, bindAddress: '127.0.0.1', maxPduLength: 32768, associationTimeoutMs: 3000, idleTimeoutMs: 10_000, maxAssociations: 4,
      acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: true,
      services: [findService({ index: b.index, aeTitle: 'ATRIUM_B', limit: 0 }), retrieveService({ index: b.index, files: b.files, scu: settings, destination: () => undefined })],
    });
    const peer = { title: 'ATRIUM_B', host: '127.0.0.1', port: await noStorage.listen() };
    try {
      const { request, plan } = await planRetrieve(settings, peer, { uid: STUDY });
      const store = storeService({ store: c.store });
      const result = await retrieveByGet(request, { settings, peer, plan, store: store.handlers[CommandField.CStoreRq]!, listInstances: async () => undefined });
      expect(result).toMatchObject({ status: 0xa702, completed: 0, failed: SAMPLES.length });
      expect([...result.failedSOPInstanceUIDs].sort()).toEqual(b.index.getInstances({ StudyInstanceUID: STUDY }).map((i) => i.instance.SOPInstanceUID).sort());
    } finally {
      await noStorage.close(200);
    }
  });
});
