/**
 * Storage Commitment Push Model, Atrium as SCU, Orthanc 1.10 as SCP (Shimadzu DAR-9500f
 * conformance statement, Storage Commitment SCU):
 * - `atrium send <study> ORTHANC --commit` sends, then requests commitment of what it sent
 *   (N-ACTION, Referenced SOP Sequence); Orthanc reports on an association it opens to our
 *   SCP (role selection), which records each instance as committed under the Transaction
 *   UID; `atrium jobs show` and `atrium ls instances --commitment` show it;
 * - an AE with role `commit` gets commitment requested after every send;
 * - a request naming an instance Orthanc does not have comes back failed for that instance
 *   (Failure Reason 0112, No such object instance), the others committed.
 * - with `deleteCommitted` on, the local copy of each committed instance is deleted and one
 *   Orthanc lacks (failed) stays, index row and file.
 * Needs Orthanc (under CI=true its absence fails) and the CLI built (`npx tsc -b`).
 */
import { existsSync } from 'node:fs';
import { SopClass } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNetworkConfig } from '../../host/src/net/config/index.js';
import { openScu } from '../../host/src/net/scu/open-scu.js';
import { COMMITMENT_CONTEXT, newTransactionUid, requestCommitment } from '../../host/src/net/scu/commitment-scu.js';
import { scuSettings } from '../../host/src/net/jobs/net-jobs.js';
import type { StoreOutcome } from '../../host/src/store/store-outcome.js';
import { havePeers } from '../support/peers.js';
import { readSample } from '../support/samples.js';
import { pollUntil, startOrthancInterop, type OrthancInterop } from './dimse-orthanc-harness.js';

const ok = havePeers('Orthanc');
const STUDY_FILES = ['dicomdir/77654033/CT2/17106', 'dicomdir/77654033/CT2/17136'];
/** Stored here, never sent: Orthanc lacks it. */
const KEPT_FILE = 'sc/SC_rgb.dcm';

describe.skipIf(!ok)('Storage Commitment SCU against Orthanc', () => {
  let node: OrthancInterop;
  const stored: StoreOutcome[] = [];
  beforeAll(async () => {
    node = await startOrthancInterop();
    for (const name of [...STUDY_FILES, 'mr/MR_small.dcm']) stored.push(node.ws.store.receive(readSample(name), `test:${name}`));
    stored.push(node.ws.store.receive(readSample(KEPT_FILE), `test:${KEPT_FILE}`)); // never sent to Orthanc
    for (const o of stored) if ('code' in o) throw new Error(o.reason);
    // The report comes on another association: the sending one does not wait for it.
    const set = await node.cli('config', 'set', 'commitmentWaitMs', '0');
    expect(set.code, set.err).toBe(0);
  });
  afterAll(async () => {
    await node?.stop();
  });

  const uids = (o: StoreOutcome) => o as Extract<StoreOutcome, { SOPInstanceUID: string; StudyInstanceUID: string }>;

  it('atrium send --commit: every sent instance committed, in jobs show and ls --commitment', async () => {
    const study = uids(stored[0]!).StudyInstanceUID;
    const run = await node.cli('--json', 'send', study, 'ORTHANC', '--commit');
    expect(run.code, run.err).toBe(0);
    const result = JSON.parse(run.out) as { job: number; completed: number; commitment: { transactionUid: string; pending: number } };
    expect(result.completed).toBe(2);
    expect(result.commitment.transactionUid).toMatch(/^2\.25\.[1-9][0-9]*$/);
    const record = await pollUntil('the commitment report', 20_000, () => {
      const r = node.ws.database.commitments.get(result.commitment.transactionUid);
      return r?.state === 'reported' ? r : undefined;
    });
    expect(record.ae).toBe('ORTHANC');
    expect(record.items.map((i) => [i.SOPInstanceUID, i.result]).sort()).toEqual(stored.slice(0, 2).map((o) => [uids(o).SOPInstanceUID, 'committed']).sort());

    const show = await node.cli('jobs', 'show', String(result.job));
    expect(show.code, show.err).toBe(0);
    expect(JSON.parse(show.out)).toMatchObject({ commitments: [{ transactionUid: result.commitment.transactionUid, state: 'reported' }] });
    const ls = await node.cli('ls', 'instances', '--study', study, '--commitment');
    expect(ls.code, ls.err).toBe(0);
    expect(ls.out.match(/committed by ORTHANC/g)).toHaveLength(2);
  });

  it('an AE with role commit: a plain send requests commitment too', async () => {
    const add = await node.cli('ae', 'add', 'ORTHANC', '--host', '127.0.0.1', '--port', String(node.orthanc.dicomPort), '--roles', 'store,query,call,commit');
    expect(add.code, add.err).toBe(0);
    const mr = uids(stored[2]!).SOPInstanceUID;
    const run = await node.cli('--json', 'send', mr, 'ORTHANC');
    expect(run.code, run.err).toBe(0);
    const { commitment } = JSON.parse(run.out) as { commitment: { transactionUid: string } };
    const record = await pollUntil('the commitment report', 20_000, () => {
      const r = node.ws.database.commitments.get(commitment.transactionUid);
      return r?.state === 'reported' ? r : undefined;
    });
    expect(record.items).toEqual([expect.objectContaining({ SOPInstanceUID: mr, result: 'committed' })]);
  });

  it('a request naming an instance Orthanc does not have: that instance failed (0112), the others committed', async () => {
    const config = loadNetworkConfig(node.ws.database.settings);
    const held = { SOPClassUID: SopClass.MRImageStorage, SOPInstanceUID: uids(stored[2]!).SOPInstanceUID };
    const missing = { SOPClassUID: SopClass.CTImageStorage, SOPInstanceUID: '1.2.826.0.1.3680043.8.498.999999' };
    const transactionUid = newTransactionUid();
    node.ws.database.commitments.request(transactionUid, 'ORTHANC', undefined, [held, missing], new Date().toISOString());
    const session = await openScu(scuSettings(config), { title: 'ORTHANC', host: '127.0.0.1', port: node.orthanc.dicomPort }, [COMMITMENT_CONTEXT]);
    try {
      await requestCommitment(session.connection, transactionUid, [held, missing]);
    } finally {
      await session.close();
    }
    const record = await pollUntil('the commitment report', 20_000, () => {
      const r = node.ws.database.commitments.get(transactionUid);
      return r?.state === 'reported' ? r : undefined;
    });
    expect(record.items).toEqual([
      { ...held, result: 'committed' },
      { ...missing, result: 'failed', failureReason: 0x0112 },
    ]);
    const ls = await node.cli('ls', 'instances', '--sop', held.SOPInstanceUID, '--commitment');
    expect(ls.out).toMatch(/committed by ORTHANC/);
  });

  it('deleteCommitted: the committed instance\'s local copy is deleted, the one Orthanc lacks (failed) stays', async () => {
    expect((await node.cli('config', 'set', 'deleteCommitted', 'true')).code).toBe(0);
    try {
      const config = loadNetworkConfig(node.ws.database.settings);
      const held = uids(stored[2]!); // sent to Orthanc in the test of role commit
      const kept = uids(stored[3]!);
      const items = [held, kept].map((o) => ({ SOPClassUID: (o as { SOPClassUID: string }).SOPClassUID, SOPInstanceUID: o.SOPInstanceUID }));
      const local = (uid: string) => node.ws.index.getInstances({ SOPInstanceUID: uid });
      const [heldPath, keptPath] = [local(held.SOPInstanceUID)[0]!.file.path, local(kept.SOPInstanceUID)[0]!.file.path];
      const transactionUid = newTransactionUid();
      node.ws.database.commitments.request(transactionUid, 'ORTHANC', undefined, items, new Date().toISOString());
      const session = await openScu(scuSettings(config), { title: 'ORTHANC', host: '127.0.0.1', port: node.orthanc.dicomPort }, [COMMITMENT_CONTEXT]);
      try {
        await requestCommitment(session.connection, transactionUid, items);
      } finally {
        await session.close();
      }
      const record = await pollUntil('the commitment report', 20_000, () => {
        const r = node.ws.database.commitments.get(transactionUid);
        return r?.state === 'reported' ? r : undefined;
      });
      expect(record.items.map((i) => [i.SOPInstanceUID, i.result])).toEqual([[held.SOPInstanceUID, 'committed'], [kept.SOPInstanceUID, 'failed']]);
      expect(local(held.SOPInstanceUID)).toEqual([]);
      expect(existsSync(node.ws.files.absolute(heldPath))).toBe(false);
      expect(local(kept.SOPInstanceUID)).toHaveLength(1);
      expect(existsSync(node.ws.files.absolute(keptPath))).toBe(true);
    } finally {
      await node.cli('config', 'unset', 'deleteCommitted');
    }
  });
});
