import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { MoveStatus } from '../../errors/dimse-statuses.js';
import { NO_DATA_SET, type DimseCommand } from '../dimse/dimse-command.js';
import { scriptedScp, type ScriptedScp } from '../test-support/scripted-scp.js';
import { openScu } from './open-scu.js';
import { qrContext } from './query-scu.js';
import { retrieveOn } from './retrieve-scu.js';

/**
 * MOVE-SCU retries as the Canon GCA-9300R conformance statement's Table 4-35 says: A701, A702,
 * A801, A900, Cxxx and a cancel the peer made on its own end the attempt as retryable (the job
 * runs again, a minute later by default); C-GET keeps the general rule (out of resources only).
 */
const settings = { aeTitle: 'ATRIUM', maxPduLength: 16384, connectTimeoutMs: 3000, associationTimeoutMs: 3000, dimseTimeoutMs: 5000 };

describe('C-MOVE final statuses that are retried (GCA-9300R Table 4-35)', () => {
  let status = 0;
  let failed = 0;
  let peer: ScriptedScp;
  beforeAll(async () => {
    peer = await scriptedScp((request: DimseCommand) => [{
      command: { CommandField: (request.CommandField | 0x8000) & 0xffff, CommandDataSetType: NO_DATA_SET, MessageIDBeingRespondedTo: request.MessageID ?? 0, AffectedSOPClassUID: request.AffectedSOPClassUID ?? '', Status: status, NumberOfCompletedSuboperations: 1, NumberOfFailedSuboperations: failed, NumberOfWarningSuboperations: 0 },
    }]);
  });
  afterAll(async () => {
    await peer.close();
  });

  async function outcome(s: number, op: 'Move' | 'Get'): Promise<'result' | 'retryable' | 'final'> {
    status = s;
    const session = await openScu(settings, { title: 'PEER', host: '127.0.0.1', port: peer.port }, [qrContext('STUDY', op)]);
    try {
      await retrieveOn(session.connection, { level: 'STUDY', keys: { StudyInstanceUID: '1.2.3' } }, op === 'Move' ? { destination: 'ATRIUM' } : {});
      return 'result';
    } catch (e) {
      if (!isAtriumError(e)) throw e;
      return e.details.retryable === true ? 'retryable' : 'final';
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  it('retries A701, A702, A801, A900, Cxxx and an unrequested FE00 for C-MOVE; C-GET retries out of resources only', async () => {
    for (const s of [MoveStatus.OutOfResourcesMatches.code, MoveStatus.OutOfResourcesSubOperations.code, MoveStatus.MoveDestinationUnknown.code, MoveStatus.IdentifierDoesNotMatchSopClass.code, 0xc001, MoveStatus.Cancel.code]) {
      expect(await outcome(s, 'Move'), s.toString(16)).toBe('retryable');
    }
    expect(await outcome(0xc001, 'Get')).toBe('final');
    expect(await outcome(MoveStatus.IdentifierDoesNotMatchSopClass.code, 'Get')).toBe('final');
    expect(await outcome(MoveStatus.OutOfResourcesSubOperations.code, 'Get')).toBe('retryable');
    expect(await outcome(MoveStatus.Success.code, 'Move')).toBe('result');
  });

  it('retries B000 when sub-operations failed ("One or more Failures"), not when they only warned', async () => {
    failed = 2;
    expect(await outcome(MoveStatus.SubOperationsWarning.code, 'Move')).toBe('retryable');
    expect(await outcome(MoveStatus.SubOperationsWarning.code, 'Get')).toBe('result');
    failed = 0;
    expect(await outcome(MoveStatus.SubOperationsWarning.code, 'Move')).toBe('result');
  });
});
