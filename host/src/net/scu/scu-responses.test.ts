import { Tag } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { CommandField, NO_DATA_SET, encodeCommand, type DimseCommand } from '../dimse/dimse-command.js';
import { FindStatus, GetStatus } from '../../errors/dimse-statuses.js';
import { encodeIdentifier } from '../services/query-identifier.js';
import { scriptedScp, type ScriptedMessage, type ScriptedScp } from '../test-support/scripted-scp.js';
import { VERIFICATION_CONTEXT, echoOn } from './echo-scu.js';
import { findOn } from './find-scu.js';
import { openScu, type ScuSession } from './open-scu.js';
import { qrContext } from './query-scu.js';
import { retrieveOn } from './retrieve-scu.js';

/**
 * Our SCU against responses as real peers send them: all at once (no C-CANCEL after the
 * final C-FIND response), or with status detail in the command set (Orthanc's Failed SOP
 * Instance UID List (0008,0058)) — read, and the association goes on.
 */
const IMPLICIT_LE = '1.2.840.10008.1.2';
const settings = { aeTitle: 'ATRIUM', maxPduLength: 16384, connectTimeoutMs: 3000, associationTimeoutMs: 3000, dimseTimeoutMs: 5000 };

const response = (request: DimseCommand, fields: Partial<DimseCommand> & { Status: number }): DimseCommand => ({
  CommandField: (request.CommandField | 0x8000) & 0xffff, CommandDataSetType: NO_DATA_SET, MessageIDBeingRespondedTo: request.MessageID ?? request.MessageIDBeingRespondedTo ?? 0,
  ...(request.AffectedSOPClassUID ? { AffectedSOPClassUID: request.AffectedSOPClassUID } : {}), ...fields,
});
const match = (i: number): ScriptedMessage['dataset'] => Buffer.from(encodeIdentifier(new Map([['QueryRetrieveLevel', 'IMAGE'], ['SOPInstanceUID', `1.2.3.${i}`]]), IMPLICIT_LE));

/** Three pending matches; the final response with them, or (`finalOnCancel`) only as the answer to a C-CANCEL. */
function findScript(finalOnCancel: boolean) {
  return (request: DimseCommand): ScriptedMessage[] => {
    if (request.CommandField === CommandField.CCancelRq) return [{ command: { ...response({ ...request, CommandField: CommandField.CFindRq, AffectedSOPClassUID: qrContext('STUDY', 'Find').abstractSyntax }, { Status: FindStatus.Cancel.code }) } }];
    if (request.CommandField === CommandField.CEchoRq) return [{ command: response(request, { Status: FindStatus.Success.code }) }];
    const pending = [1, 2, 3].map((i) => ({ command: { ...response(request, { Status: FindStatus.Pending.code }), CommandDataSetType: 0 }, dataset: match(i) }));
    return finalOnCancel ? pending : [...pending, { command: response(request, { Status: FindStatus.Success.code }) }];
  };
}

describe('SCU: responses as peers send them', () => {
  const peers: ScriptedScp[] = [];
  const sessions: ScuSession[] = [];
  const open = async (peer: ScriptedScp): Promise<ScuSession> => {
    const s = await openScu(settings, { title: 'PEER', host: '127.0.0.1', port: peer.port }, [qrContext('STUDY', 'Find'), qrContext('STUDY', 'Get'), VERIFICATION_CONTEXT]);
    sessions.push(s);
    return s;
  };
  let eager: ScriptedScp;
  let lazy: ScriptedScp;
  beforeAll(async () => {
    eager = await scriptedScp(findScript(false));
    lazy = await scriptedScp(findScript(true));
    peers.push(eager, lazy);
  });
  afterAll(async () => {
    for (const s of sessions) await s.close().catch(() => undefined);
    for (const p of peers) await p.close();
  });

  it('sends no C-CANCEL once the final C-FIND response is in, at the limit or under it', async () => {
    const s = await open(eager);
    const exact = await findOn(s.connection, { level: 'IMAGE', keys: { SOPInstanceUID: '' } }, 3);
    expect(exact).toMatchObject({ status: 0, truncated: false, cancelled: false });
    expect(exact.matches.map((m) => m.SOPInstanceUID)).toEqual(['1.2.3.1', '1.2.3.2', '1.2.3.3']);
    const under = await findOn(s.connection, { level: 'IMAGE', keys: { SOPInstanceUID: '' } }, 2);
    expect(under).toMatchObject({ status: 0, truncated: true, cancelled: false });
    expect(under.matches).toHaveLength(2);
    await echoOn(s.connection);
    expect(eager.received.map((c) => c.CommandField)).toEqual([CommandField.CFindRq, CommandField.CFindRq, CommandField.CEchoRq]);
  });

  it('sends C-CANCEL at the limit while the query is outstanding, and reads the FE00', async () => {
    const s = await open(lazy);
    const cut = await findOn(s.connection, { level: 'IMAGE', keys: { SOPInstanceUID: '' } }, 2);
    expect(cut).toMatchObject({ status: FindStatus.Cancel.code, truncated: true, cancelled: true });
    expect(lazy.received.map((c) => c.CommandField)).toEqual([CommandField.CFindRq, CommandField.CCancelRq]);
    expect(lazy.received[1]!.MessageIDBeingRespondedTo).toBe(lazy.received[0]!.MessageID);
  });

  it('reads a C-GET failure whose command set carries (0008,0058), and the association goes on', async () => {
    const failed = ['1.2.3.4', '1.2.3.5'];
    const peer = await scriptedScp((request) => {
      if (request.CommandField === CommandField.CEchoRq) return [{ command: response(request, { Status: FindStatus.Success.code }) }];
      // Orthanc 1.10: the failed list follows the command elements, outside group 0000.
      const uids = Buffer.from(`${failed.join('\\')}\0`, 'latin1');
      const element = Buffer.alloc(8);
      element.writeUInt16LE(Tag.FailedSOPInstanceUIDList >>> 16, 0);
      element.writeUInt16LE(Tag.FailedSOPInstanceUIDList & 0xffff, 2);
      element.writeUInt32LE(uids.length, 4);
      const command = encodeCommand(response(request, { Status: GetStatus.OutOfResourcesSubOperations.code, NumberOfCompletedSuboperations: 0, NumberOfFailedSuboperations: 2, NumberOfWarningSuboperations: 0 }));
      return [{ command: Buffer.concat([command, element, uids]) }];
    });
    peers.push(peer);
    const s = await open(peer);
    const error = await retrieveOn(s.connection, { level: 'STUDY', keys: { StudyInstanceUID: '1.2.3' } }, {}).then(() => undefined, (e: unknown) => e);
    expect(isAtriumError(error, 'ATRIUM_ERR_NET_REMOTE_FAILED'), String(error)).toBe(true);
    expect((error as Error).message).toBe('C-GET at PEER failed with status A702 (0 completed, 2 failed, 0 warning)');
    expect((error as { details: Record<string, unknown> }).details.result).toEqual({ status: 0xa702, remaining: 0, completed: 0, failed: 2, warning: 0, failedSOPInstanceUIDs: failed });
    expect(s.connection.association.open).toBe(true);
    await echoOn(s.connection);
  });
});
