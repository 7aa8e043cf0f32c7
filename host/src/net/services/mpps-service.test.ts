import { SopClass, TransferSyntax } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostDatabase } from '../../db/host-database.js';
import { openDatabase } from '../../db/open-database.js';
import type { AttributeList } from '../dimse/attribute-list.js';
import { normalizedRequest, type NormalizedResponse } from '../dimse/normalized-request.js';
import { DicomServer } from '../scp/dicom-server.js';
import { mppsCreateAttributes, mppsFinalAttributes, performedSeries } from '../scu/mpps-attributes.js';
import { openScu, type ScuSession } from '../scu/open-scu.js';
import { STORED_MR as MR } from '../test-support/stored-mr.js';
import { mppsService } from './mpps-service.js';

const START = new Date(2026, 0, 2, 3, 4, 5);
const create = (): AttributeList => mppsCreateAttributes(MR, { aeTitle: 'ATRIUM', stepId: 'PPS-1', start: START });

/** The MPPS SCP's state rules (PS3.4 §F.7), through our SCU on 127.0.0.1. */
describe('MPPS SCP', () => {
  let db: HostDatabase;
  let server: DicomServer;
  let session: ScuSession;
  const log: string[] = [];
  beforeAll(async () => {
    db = openDatabase(':memory:');
    server = new DicomServer({
      aeTitle: 'RIS', port: 0, bindAddress: '127.0.0.1', maxPduLength: 16384, associationTimeoutMs: 3000, idleTimeoutMs: 10_000, maxAssociations: 2,
      acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: false, services: [mppsService({ steps: db.mpps, log: (l) => log.push(l) })],
    });
    const port = await server.listen();
    session = await openScu({ aeTitle: 'MODALITY', maxPduLength: 16384, connectTimeoutMs: 3000, associationTimeoutMs: 3000, dimseTimeoutMs: 10_000 }, { title: 'RIS', host: '127.0.0.1', port },
      [{ abstractSyntax: SopClass.ModalityPerformedProcedureStep, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian] }]);
  });
  afterAll(async () => {
    await session.close();
    await server.close(1000);
    db.close();
  });

  const context = () => [...session.connection.association.contexts.values()][0]!;
  const nCreate = (instance: string, attributes: AttributeList): Promise<NormalizedResponse> => normalizedRequest(session.connection, context(), { op: 'N-CREATE', sopClass: SopClass.ModalityPerformedProcedureStep, instance, attributes });
  const nSet = (instance: string, modifications: AttributeList): Promise<NormalizedResponse> => normalizedRequest(session.connection, context(), { op: 'N-SET', sopClass: SopClass.ModalityPerformedProcedureStep, instance, modifications });
  const outcome = (r: NormalizedResponse) => [r.status.toString(16).padStart(4, '0'), r.command.ErrorComment ?? ''];

  it('N-CREATE IN PROGRESS, N-SET COMPLETED with the performed series; then no more N-SET (0110, Error ID A710)', async () => {
    expect(outcome(await nCreate('1.2.3.1', create()))).toEqual(['0000', '']);
    expect(db.mpps.get('1.2.3.1', 'received')).toMatchObject({ ae: 'MODALITY', status: 'IN PROGRESS' });
    expect(outcome(await nSet('1.2.3.1', { PerformedProcedureStepDescription: 'still going' }))).toEqual(['0000', '']);
    const done = mppsFinalAttributes('COMPLETED', new Date(2026, 0, 2, 4, 0, 0), performedSeries([MR], 'ATRIUM'));
    expect(outcome(await nSet('1.2.3.1', done))).toEqual(['0000', '']);
    const stored = db.mpps.get('1.2.3.1', 'received')!;
    expect(stored.status).toBe('COMPLETED');
    expect(JSON.parse(stored.attributes)).toMatchObject({ PerformedProcedureStepDescription: 'still going', PerformedProcedureStepEndTime: '040000', PerformedSeriesSequence: [{ SeriesInstanceUID: MR.series.SeriesInstanceUID, ReferencedImageSequence: [{ ReferencedSOPInstanceUID: MR.instance.SOPInstanceUID }] }] });
    const again = await nSet('1.2.3.1', { ...done, PerformedProcedureStepStatus: 'DISCONTINUED' });
    expect([...outcome(again), again.command.ErrorID]).toEqual(['0110', 'The step is COMPLETED: it may no longer be updated', 0xa710]);
    expect(db.mpps.get('1.2.3.1', 'received')!.status).toBe('COMPLETED');
    expect(log).toEqual(['MPPS 1.2.3.1 created IN PROGRESS by MODALITY', 'MPPS 1.2.3.1 set IN PROGRESS by MODALITY', 'MPPS 1.2.3.1 set COMPLETED by MODALITY']);
  });

  it('N-CREATE refusals: duplicate 0111, Type 1 absent 0120 or empty 0121, Type 2 absent 0120, not IN PROGRESS 0106, no Study Instance UID 0121', async () => {
    expect(outcome(await nCreate('1.2.3.1', create()))[0]).toBe('0111');
    const { PerformedProcedureStepID: _id, ...noId } = create();
    expect(outcome(await nCreate('1.2.3.2', noId))).toEqual(['0120', 'PerformedProcedureStepID missing: Type 1 in N-CREATE']);
    expect(outcome(await nCreate('1.2.3.2', { ...create(), Modality: '' }))).toEqual(['0121', 'Modality empty: Type 1 in N-CREATE']);
    const { PatientID: _pid, ...noPatientId } = create();
    expect(outcome(await nCreate('1.2.3.2', noPatientId))).toEqual(['0120', 'PatientID missing: Type 2 in N-CREATE']);
    expect(outcome(await nCreate('1.2.3.2', { ...create(), PerformedProcedureStepStatus: 'COMPLETED' }))[0]).toBe('0106');
    expect(outcome(await nCreate('1.2.3.2', { ...create(), ScheduledStepAttributesSequence: [{ AccessionNumber: 'A' }] }))[0]).toBe('0121');
    expect(db.mpps.get('1.2.3.2', 'received')).toBeUndefined();
  });

  it('N-SET refusals: unknown step 0112, an attribute N-SET may not change 0106, COMPLETED without end or performed series 0121', async () => {
    expect(outcome(await nSet('9.9.9', { PerformedProcedureStepStatus: 'COMPLETED' }))[0]).toBe('0112');
    expect(outcome(await nCreate('1.2.3.3', create()))[0]).toBe('0000');
    expect(outcome(await nSet('1.2.3.3', { PatientID: 'OTHER' }))).toEqual(['0106', 'PatientID may not be changed by N-SET']);
    expect(outcome(await nSet('1.2.3.3', { PerformedProcedureStepStatus: 'COMPLETED' }))[0]).toBe('0121');
    expect(outcome(await nSet('1.2.3.3', mppsFinalAttributes('COMPLETED', START, [])))).toEqual(['0121', 'PerformedSeriesSequence empty: COMPLETED needs one item or more']);
    expect(outcome(await nSet('1.2.3.3', mppsFinalAttributes('DISCONTINUED', START, [])))[0]).toBe('0000');
    expect(db.mpps.get('1.2.3.3', 'received')!.status).toBe('DISCONTINUED');
  });
});
