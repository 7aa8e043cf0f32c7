import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { havePeers, peer } from '../../../../test/support/peers.js';
import { isAtriumError } from '../../errors/atrium-error.js';
import { decodePdu } from '../ul/decode-pdu.js';
import { encodeAssociateAc } from '../ul/encode-pdu.js';
import { DICOM_APPLICATION_CONTEXT, PduType, type AssociateRq, type PData } from '../ul/pdu.js';
import { PduFramer } from '../ul/pdu-framer.js';
import { CommandField, decodeCommand, encodeCommand, NO_DATA_SET, type DimseCommand } from './dimse-command.js';
import { Tag } from '@atrium/sdk';

/** C-ECHO-RQ, Message ID 1, as PS3.7 §9.3.5.1 / §E.1 lay it out in Implicit VR Little Endian. */
const ECHO_RQ = Buffer.concat([
  Buffer.from([0, 0, 0, 0, 4, 0, 0, 0, 56, 0, 0, 0]), // (0000,0000) UL 56
  Buffer.from([0, 0, 2, 0, 18, 0, 0, 0]), Buffer.from('1.2.840.10008.1.1\0', 'latin1'), // (0000,0002) UI
  Buffer.from([0, 0, 0, 1, 2, 0, 0, 0, 0x30, 0]), // (0000,0100) US 0030
  Buffer.from([0, 0, 0x10, 1, 2, 0, 0, 0, 1, 0]), // (0000,0110) US 1
  Buffer.from([0, 0, 0, 8, 2, 0, 0, 0, 1, 1]), // (0000,0800) US 0101
]);

/** Accepts one association from echoscu and returns the command set of its C-ECHO-RQ. */
async function captureDcmtkEcho(): Promise<Buffer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const captured = new Promise<Buffer>((resolve, reject) => {
    server.on('connection', (socket: Socket) => {
      const framer = new PduFramer(0);
      socket.on('error', () => undefined);
      socket.on('data', (chunk: Buffer) => {
        try {
          for (const raw of framer.push(chunk)) {
            const pdu = decodePdu(raw.type, raw.body);
            if (pdu.type === PduType.AssociateRq) {
              const rq = pdu as AssociateRq;
              socket.write(encodeAssociateAc({
                type: PduType.AssociateAc, protocolVersion: 1, calledAeTitle: rq.calledAeTitle, callingAeTitle: rq.callingAeTitle, applicationContext: DICOM_APPLICATION_CONTEXT,
                contexts: rq.contexts.map((c) => ({ id: c.id, result: 0, transferSyntax: '1.2.840.10008.1.2' })),
                userInformation: { maxPduLength: 16384, implementationClassUid: '1.2.3', roleSelections: [] },
              }));
            } else if (pdu.type === PduType.PData) {
              resolve(Buffer.concat((pdu as PData).pdvs.filter((v) => v.command).map((v) => v.data)));
              socket.destroy();
            }
          }
        } catch (e) {
          reject(e as Error);
        }
      });
    });
  });
  const child = spawn(peer('echoscu')!, ['-aec', 'ANY', '127.0.0.1', String(port)], { stdio: 'ignore' });
  try {
    return await Promise.race([captured, new Promise<Buffer>((_, reject) => setTimeout(() => reject(new Error('no C-ECHO-RQ from echoscu')), 10_000))]);
  } finally {
    if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
    server.close();
  }
}

describe('dimse-command', () => {
  it('encodes a C-ECHO-RQ byte for byte as PS3.7 lays it out, and decodes it back', () => {
    const cmd: DimseCommand = { CommandField: CommandField.CEchoRq, CommandDataSetType: NO_DATA_SET, MessageID: 1, AffectedSOPClassUID: '1.2.840.10008.1.1' };
    expect(encodeCommand(cmd)).toEqual(ECHO_RQ);
    expect(decodeCommand(ECHO_RQ)).toEqual(cmd);
  });

  it('round-trips every kind of element (UI, US, AE, LO, AT) with padding removed', () => {
    const cmd: DimseCommand = {
      CommandField: CommandField.CMoveRsp, CommandDataSetType: NO_DATA_SET, MessageIDBeingRespondedTo: 7, AffectedSOPClassUID: '1.2.840.10008.5.1.4.1.2.2.2',
      MoveDestination: 'STORESCP', Status: 0xa801, OffendingElement: [Tag.PatientName, Tag.StudyInstanceUID], ErrorComment: 'odd', ErrorID: 3,
      NumberOfRemainingSuboperations: 1, NumberOfCompletedSuboperations: 2, NumberOfFailedSuboperations: 3, NumberOfWarningSuboperations: 4,
      MoveOriginatorApplicationEntityTitle: 'FINDSCU', MoveOriginatorMessageID: 9, Priority: 2, AffectedSOPInstanceUID: '1.2.3',
    };
    const bytes = encodeCommand(cmd);
    expect(bytes.length % 2).toBe(0);
    expect(bytes.readUInt32LE(8)).toBe(bytes.length - 12);
    expect(decodeCommand(bytes)).toEqual(cmd);
  });

  it('refuses malformed command sets with ATRIUM_ERR_NET_MALFORMED_DIMSE and the offset', () => {
    const fail = (b: Buffer): unknown => {
      try {
        decodeCommand(b);
      } catch (e) {
        if (isAtriumError(e)) return { code: e.code, offset: e.details.offset };
        throw e;
      }
      return undefined;
    };
    expect(fail(ECHO_RQ.subarray(0, ECHO_RQ.length - 3))).toEqual({ code: 'ATRIUM_ERR_NET_MALFORMED_DIMSE', offset: 58 });
    expect(fail(ECHO_RQ.subarray(0, 48))).toEqual({ code: 'ATRIUM_ERR_NET_MALFORMED_DIMSE', offset: 0 }); // no Command Data Set Type
    const overlong = Buffer.concat([ECHO_RQ, Buffer.from([0x08, 0, 0x58, 0, 0xff, 0, 0, 0])]);
    expect(fail(overlong)).toEqual({ code: 'ATRIUM_ERR_NET_MALFORMED_DIMSE', offset: ECHO_RQ.length });
  });

  it('reads a failure response whose command set carries an element of another group (Orthanc: Failed SOP Instance UID List)', () => {
    // Orthanc 1.10's C-GET-RSP when sub-operations failed: the status detail (0008,0058) follows the command elements.
    const command: DimseCommand = {
      CommandField: CommandField.CGetRsp, CommandDataSetType: NO_DATA_SET, MessageIDBeingRespondedTo: 3, AffectedSOPClassUID: '1.2.840.10008.5.1.4.1.2.2.3',
      Status: 0xa702, NumberOfCompletedSuboperations: 1, NumberOfFailedSuboperations: 2, NumberOfWarningSuboperations: 0,
    };
    const uids = Buffer.from('1.2.3.4\\1.2.3.5\0', 'latin1');
    const failedList = Buffer.alloc(8);
    failedList.writeUInt16LE(0x0008, 0);
    failedList.writeUInt16LE(0x0058, 2);
    failedList.writeUInt32LE(uids.length, 4);
    const decoded = decodeCommand(Buffer.concat([encodeCommand(command), failedList, uids]));
    expect(decoded).toMatchObject(command);
    expect(Buffer.from(decoded.statusDetail!.get(Tag.FailedSOPInstanceUIDList)!).toString('latin1')).toBe('1.2.3.4\\1.2.3.5\0');
  });

  it.skipIf(!havePeers('echoscu'))('decodes the C-ECHO-RQ DCMTK echoscu sends, and re-encodes it to the same bytes', async () => {
    const bytes = await captureDcmtkEcho();
    const cmd = decodeCommand(bytes);
    expect(cmd).toMatchObject({ CommandField: CommandField.CEchoRq, CommandDataSetType: NO_DATA_SET, AffectedSOPClassUID: '1.2.840.10008.1.1' });
    expect(encodeCommand(cmd)).toEqual(bytes);
  });
});
