import { SopClass, Tag, TransferSyntax } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { havePeers, runPydicom } from '../../../../test/support/peers.js';
import { NActionStatus, NCreateStatus, NGetStatus, statusCategory } from '../../errors/dimse-statuses.js';
import { DicomServer, type ScpService } from '../scp/dicom-server.js';
import { openScu, type ScuSession } from '../scu/open-scu.js';

import { decodeAttributes, encodeAttributes, type AttributeList } from './attribute-list.js';
import { CommandField, decodeCommand, encodeCommand, type DimseCommand } from './dimse-command.js';
import { normalizedCommand, normalizedRequest, requireSuccess, type NormalizedRequest } from './normalized-request.js';

const PRINTER = SopClass.Printer;
const EXPLICIT_VR_LE = TransferSyntax.ExplicitVRLittleEndian;
const IMPLICIT_VR_LE = TransferSyntax.ImplicitVRLittleEndian;
const INSTANCE = '1.2.826.0.1.3680043.8.498.1';

/** One request of each DIMSE-N service (PS3.7 §10.1). */
const REQUESTS: readonly NormalizedRequest[] = [
  { op: 'N-GET', sopClass: PRINTER, instance: INSTANCE, attributes: [Tag.PrinterStatus, Tag.PrinterStatusInfo] },
  { op: 'N-SET', sopClass: SopClass.ModalityPerformedProcedureStep, instance: INSTANCE, modifications: {} },
  { op: 'N-ACTION', sopClass: SopClass.StorageCommitmentPushModel, instance: INSTANCE, actionTypeId: 1 },
  { op: 'N-CREATE', sopClass: SopClass.BasicFilmSession },
  { op: 'N-CREATE', sopClass: SopClass.ModalityPerformedProcedureStep, instance: INSTANCE },
  { op: 'N-DELETE', sopClass: SopClass.BasicFilmSession, instance: INSTANCE },
  { op: 'N-EVENT-REPORT', sopClass: SopClass.StorageCommitmentPushModel, instance: INSTANCE, eventTypeId: 2 },
];

/** pydicom writes each command set (keyword → value) in Implicit VR Little Endian with its group length. */
const PYDICOM_COMMANDS = `
import json, sys
from pydicom.dataset import Dataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset
out = []
for cmd in json.loads(sys.argv[1]):
    ds = Dataset()
    for k, v in cmd.items():
        setattr(ds, k, v)
    fp = DicomBytesIO(); fp.is_little_endian = True; fp.is_implicit_VR = True
    write_dataset(fp, ds)
    body = fp.getvalue()
    g = Dataset(); g.CommandGroupLength = len(body)
    fp2 = DicomBytesIO(); fp2.is_little_endian = True; fp2.is_implicit_VR = True
    write_dataset(fp2, g)
    out.append((fp2.getvalue() + body).hex())
print(json.dumps(out))
`;

/** pydicom writes a Storage Commitment Action Information (PS3.4 Table J.3-1) in both little endian syntaxes. */
const PYDICOM_ACTION_INFO = `
import json, sys
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset
ds = Dataset()
ds.TransactionUID = '1.2.3.4.5'
items = []
for cls, inst in [('1.2.840.10008.5.1.4.1.1.2', '1.2.3.4.5.6'), ('1.2.840.10008.5.1.4.1.1.4', '1.2.3.4.5.77')]:
    i = Dataset(); i.ReferencedSOPClassUID = cls; i.ReferencedSOPInstanceUID = inst; items.append(i)
ds.ReferencedSOPSequence = Sequence(items)
out = []
for implicit in (True, False):
    fp = DicomBytesIO(); fp.is_little_endian = True; fp.is_implicit_VR = implicit
    write_dataset(fp, ds)
    out.append(fp.getvalue().hex())
print(json.dumps(out))
`;

const ACTION_INFO: AttributeList = {
  TransactionUID: '1.2.3.4.5',
  ReferencedSOPSequence: [
    { ReferencedSOPClassUID: SopClass.CTImageStorage, ReferencedSOPInstanceUID: '1.2.3.4.5.6' },
    { ReferencedSOPClassUID: SopClass.MRImageStorage, ReferencedSOPInstanceUID: '1.2.3.4.5.77' },
  ],
};

describe('DIMSE-N command sets (PS3.7 §10.1, Annex E)', () => {
  const full = (r: NormalizedRequest, i: number): DimseCommand => ({ ...normalizedCommand(r), MessageID: i + 1, CommandDataSetType: r.op === 'N-SET' ? 0x0001 : 0x0101 });

  it('each request carries the UIDs PS3.7 Tables 10.1-1…10.1-6 name: Requested for N-GET/SET/ACTION/DELETE, Affected for N-CREATE/N-EVENT-REPORT', () => {
    const fields = REQUESTS.map((r) => normalizedCommand(r));
    expect(fields.map((c) => c.CommandField)).toEqual([0x0110, 0x0120, 0x0130, 0x0140, 0x0140, 0x0150, 0x0100]);
    expect(fields[0]).toMatchObject({ RequestedSOPClassUID: PRINTER, RequestedSOPInstanceUID: INSTANCE, AttributeIdentifierList: [Tag.PrinterStatus, Tag.PrinterStatusInfo] });
    expect(fields[2]).toMatchObject({ ActionTypeID: 1, RequestedSOPInstanceUID: INSTANCE });
    expect(fields[3]).not.toHaveProperty('AffectedSOPInstanceUID'); // the SCP assigns it (PS3.7 §10.1.5.1.3)
    expect(fields[6]).toMatchObject({ AffectedSOPClassUID: SopClass.StorageCommitmentPushModel, AffectedSOPInstanceUID: INSTANCE, EventTypeID: 2 });
    for (const c of fields) expect(decodeCommand(encodeCommand({ ...c, CommandDataSetType: 0x0101 }))).toEqual({ ...c, CommandDataSetType: 0x0101 });
  });

  it.runIf(havePeers('pydicom'))('encode byte for byte as pydicom encodes the same command sets', () => {
    const commands = REQUESTS.map(full);
    const theirs = JSON.parse(runPydicom(PYDICOM_COMMANDS, [JSON.stringify(commands)])) as string[];
    commands.forEach((c, i) => expect(encodeCommand(c).toString('hex'), `${REQUESTS[i]!.op}`).toBe(theirs[i]));
  });

  it.runIf(havePeers('pydicom'))('an attribute list with a sequence encodes as pydicom encodes it, in Implicit and Explicit VR Little Endian, and decodes back', () => {
    const [implicit, explicit] = JSON.parse(runPydicom(PYDICOM_ACTION_INFO)) as [string, string];
    expect(Buffer.from(encodeAttributes(ACTION_INFO, IMPLICIT_VR_LE)).toString('hex')).toBe(implicit);
    expect(Buffer.from(encodeAttributes(ACTION_INFO, EXPLICIT_VR_LE)).toString('hex')).toBe(explicit);
    expect(decodeAttributes(Buffer.from(explicit, 'hex'), EXPLICIT_VR_LE)).toEqual(ACTION_INFO);
  });

  it('a keyword that is not in the dictionary is refused with a coded error naming it', () => {
    expect(() => encodeAttributes({ TransactionUid: '1.2' }, IMPLICIT_VR_LE)).toThrow(/TransactionUid/);
  });
});

describe('DIMSE-N between Atrium SCU and Atrium SCP on 127.0.0.1', () => {
  let server: DicomServer;
  let session: ScuSession;
  const received: DimseCommand[] = [];
  const events: { command: DimseCommand; info: AttributeList | undefined }[] = [];

  /** A test SCP of one SOP class: answers each N-service, and reports an event on the same association after N-ACTION. */
  const service: ScpService = {
    syntaxes: new Map([[SopClass.StorageCommitmentPushModel, new Set([EXPLICIT_VR_LE, IMPLICIT_VR_LE])]]),
    handlers: Object.fromEntries([CommandField.NGetRq, CommandField.NSetRq, CommandField.NActionRq, CommandField.NCreateRq, CommandField.NDeleteRq].map((field) => [field, async (request, responder) => {
      received.push(request.command);
      const ts = request.context.transferSyntax;
      if (field === CommandField.NGetRq) return responder.respond({ Status: NGetStatus.Success.code }, encodeAttributes({ PrinterStatus: 'NORMAL' }, ts));
      if (field === CommandField.NCreateRq) return responder.respond({ Status: NCreateStatus.Success.code, AffectedSOPInstanceUID: '1.2.3.99' });
      if (field === CommandField.NDeleteRq) return responder.respond({ Status: NGetStatus.NoSuchSopInstance.code, ErrorComment: 'nothing there' });
      await responder.respond({ Status: NActionStatus.Success.code });
      if (field === CommandField.NActionRq) {
        const info = decodeAttributes(request.dataset!, ts);
        const context = request.context;
        await normalizedRequest(responder.connection, context, { op: 'N-EVENT-REPORT', sopClass: SopClass.StorageCommitmentPushModel, instance: INSTANCE, eventTypeId: 1, information: info });
      }
    }])) as ScpService['handlers'],
  };

  beforeAll(async () => {
    server = new DicomServer({
      aeTitle: 'NSCP', port: 0, bindAddress: '127.0.0.1', maxPduLength: 16384, associationTimeoutMs: 3000, idleTimeoutMs: 10_000, maxAssociations: 2,
      acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: false, services: [service],
    });
    const port = await server.listen();
    session = await openScu({ aeTitle: 'NSCU', maxPduLength: 16384, connectTimeoutMs: 3000, associationTimeoutMs: 3000, dimseTimeoutMs: 10_000 }, { title: 'NSCP', host: '127.0.0.1', port },
      [{ abstractSyntax: SopClass.StorageCommitmentPushModel, transferSyntaxes: [EXPLICIT_VR_LE] }], {
        handlers: {
          [CommandField.NEventReportRq]: async (request, responder) => {
            events.push({ command: request.command, info: request.dataset ? decodeAttributes(request.dataset, request.context.transferSyntax) : undefined });
            await responder.respond({ Status: 0 });
          },
        },
      });
  });
  afterAll(async () => {
    await session.close();
    await server.close(1000);
  });

  it('N-GET returns the attributes; the response names the SOP class and instance of the request', async () => {
    const context = [...session.connection.association.contexts.values()][0]!;
    const r = await normalizedRequest(session.connection, context, { op: 'N-GET', sopClass: SopClass.StorageCommitmentPushModel, instance: INSTANCE, attributes: [Tag.PrinterStatus] });
    expect(r.status).toBe(0);
    expect(r.attributes).toEqual({ PrinterStatus: 'NORMAL' });
    expect(r.command).toMatchObject({ CommandField: CommandField.NGetRsp, AffectedSOPClassUID: SopClass.StorageCommitmentPushModel, AffectedSOPInstanceUID: INSTANCE });
    expect(received.at(-1)).toMatchObject({ AttributeIdentifierList: [Tag.PrinterStatus] });
  });

  it('N-CREATE without an instance UID gets the one the SCP assigns; N-SET carries its modifications', async () => {
    const context = [...session.connection.association.contexts.values()][0]!;
    const created = await normalizedRequest(session.connection, context, { op: 'N-CREATE', sopClass: SopClass.StorageCommitmentPushModel, attributes: { PatientID: 'P1' } });
    expect(created.command).toMatchObject({ CommandField: CommandField.NCreateRsp, AffectedSOPInstanceUID: '1.2.3.99' });
    const set = await normalizedRequest(session.connection, context, { op: 'N-SET', sopClass: SopClass.StorageCommitmentPushModel, instance: '1.2.3.99', modifications: { PatientName: 'Yamada^Taro' } });
    expect(set.command.CommandField).toBe(CommandField.NSetRsp);
    expect(received.at(-1)).toMatchObject({ CommandField: CommandField.NSetRq, RequestedSOPInstanceUID: '1.2.3.99' });
  });

  it('N-ACTION is answered, then the SCP sends N-EVENT-REPORT on the same association and the SCU handler gets it', async () => {
    const context = [...session.connection.association.contexts.values()][0]!;
    const r = await normalizedRequest(session.connection, context, { op: 'N-ACTION', sopClass: SopClass.StorageCommitmentPushModel, instance: INSTANCE, actionTypeId: 1, information: ACTION_INFO });
    expect(r.status).toBe(0);
    for (let i = 0; i < 100 && events.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toHaveLength(1);
    expect(events[0]!.command).toMatchObject({ CommandField: CommandField.NEventReportRq, EventTypeID: 1, AffectedSOPInstanceUID: INSTANCE });
    expect(events[0]!.info).toEqual(ACTION_INFO);
  });

  it('a failure status is returned, and requireSuccess turns it into a coded error with the status and comment', async () => {
    const context = [...session.connection.association.contexts.values()][0]!;
    const r = await normalizedRequest(session.connection, context, { op: 'N-DELETE', sopClass: SopClass.StorageCommitmentPushModel, instance: INSTANCE });
    expect(statusCategory(r.status)).toBe('failure');
    expect(() => requireSuccess(r, 'N-DELETE of the film session')).toThrow(/N-DELETE of the film session failed: status 0112: nothing there/);
  });
});
