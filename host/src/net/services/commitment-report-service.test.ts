import { SopClass, TransferSyntax } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import type { HostDatabase } from '../../db/host-database.js';
import { DicomServer } from '../scp/dicom-server.js';
import { openScu, type ScuSession } from '../scu/open-scu.js';
import type { AttributeList } from '../dimse/attribute-list.js';
import { normalizedRequest } from '../dimse/normalized-request.js';
import { STORAGE_COMMITMENT_INSTANCE } from '../scu/commitment-scu.js';
import { commitmentReportService } from './commitment-report-service.js';

const CT = SopClass.CTImageStorage;

/** Our SCP receiving storage commitment reports from a peer acting as SCP (role selection), e.g. Orthanc calling back. */
describe('storage commitment reports received by our SCP', () => {
  let db: HostDatabase;
  let server: DicomServer;
  let session: ScuSession;
  const reports: string[] = [];

  beforeAll(async () => {
    db = openDatabase(':memory:');
    server = new DicomServer({
      aeTitle: 'ATRIUM', port: 0, bindAddress: '127.0.0.1', maxPduLength: 16384, associationTimeoutMs: 3000, idleTimeoutMs: 10_000, maxAssociations: 2,
      acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: false,
      services: [commitmentReportService({ commitments: db.commitments, onReport: (r, from) => reports.push(`${from} ${r.transactionUid}`) })],
    });
    const port = await server.listen();
    session = await openScu({ aeTitle: 'PACS', maxPduLength: 16384, connectTimeoutMs: 3000, associationTimeoutMs: 3000, dimseTimeoutMs: 10_000 }, { title: 'ATRIUM', host: '127.0.0.1', port },
      [{ abstractSyntax: SopClass.StorageCommitmentPushModel, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian] }],
      { roleSelections: [{ sopClassUid: SopClass.StorageCommitmentPushModel, scuRole: false, scpRole: true }] });
  });
  afterAll(async () => {
    await session.close();
    await server.close(1000);
    db.close();
  });

  const report = (eventTypeId: number, information: AttributeList) =>
    normalizedRequest(session.connection, [...session.connection.association.contexts.values()][0]!, { op: 'N-EVENT-REPORT', sopClass: SopClass.StorageCommitmentPushModel, instance: STORAGE_COMMITMENT_INSTANCE, eventTypeId, information });

  it('accepts the SCP role the peer proposes, records committed and failed instances, answers Success', async () => {
    expect(session.connection.association.contexts.size).toBe(1);
    db.commitments.request('2.25.10', 'PACS', undefined, [{ SOPClassUID: CT, SOPInstanceUID: '1.2.3.1' }, { SOPClassUID: CT, SOPInstanceUID: '1.2.3.2' }], '2026-01-01T00:00:00.000Z');
    const r = await report(2, {
      TransactionUID: '2.25.10',
      ReferencedSOPSequence: [{ ReferencedSOPClassUID: CT, ReferencedSOPInstanceUID: '1.2.3.1' }],
      FailedSOPSequence: [{ ReferencedSOPClassUID: CT, ReferencedSOPInstanceUID: '1.2.3.2', FailureReason: 0x0112 }],
    });
    expect(r.status).toBe(0);
    expect(db.commitments.get('2.25.10')?.items.map((i) => [i.SOPInstanceUID, i.result, i.failureReason])).toEqual([['1.2.3.1', 'committed', undefined], ['1.2.3.2', 'failed', 0x0112]]);
    expect(reports).toEqual(['PACS 2.25.10']);
  });

  it('a Transaction UID we never sent: 0115 naming it; an unknown event type: 0113; no Transaction UID: 0110 — nothing recorded', async () => {
    const unknown = await report(1, { TransactionUID: '2.25.404', ReferencedSOPSequence: [] });
    expect([unknown.status, unknown.command.ErrorComment]).toEqual([0x0115, 'Unknown Transaction UID 2.25.404']);
    expect((await report(3, { TransactionUID: '2.25.10' })).status).toBe(0x0113);
    expect((await report(1, { ReferencedSOPSequence: [] })).status).toBe(0x0110);
    expect(reports).toHaveLength(1);
  });
});
