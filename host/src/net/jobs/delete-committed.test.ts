/**
 * The deleteCommitted policy on a real store: only instances a recorded report says are
 * committed, under the SOP Class committed, lose their local copy (index row and file);
 * failed, pending, unreported, unnamed or differently classed ones stay.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SopClass } from '@atrium/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../../test/support/temp-dir.js';
import { openWorkstation, type Workstation } from '../../store/open-workstation.js';
import { afterCommitmentReport, deleteCommitted } from './delete-committed.js';

const REPO = join(import.meta.dirname, '../../../..');
const FILES = ['samples/dicomdir/77654033/CT2/17106', 'samples/dicomdir/77654033/CT2/17136', 'samples/dicomdir/77654033/CT2/17166', 'samples/mr/MR_small.dcm'];

let dir: string;
let ws: Workstation;
let stored: { SOPInstanceUID: string; SOPClassUID: string; path: string }[];

beforeEach(() => {
  dir = makeTempDir('atrium-delete-committed-');
  ws = openWorkstation(dir);
  stored = FILES.map((f) => {
    const o = ws.store.receive(readFileSync(join(REPO, f)), `test:${f}`);
    if ('code' in o) throw new Error(o.reason);
    return { SOPInstanceUID: o.SOPInstanceUID, SOPClassUID: o.SOPClassUID, path: o.path };
  });
});
afterEach(() => {
  ws.close();
  removeTempDir(dir);
});

const deps = () => ({ index: ws.index, files: ws.files, commitments: ws.database.commitments });
const isLocal = (i: { SOPInstanceUID: string; path: string }) => ws.index.getInstances({ SOPInstanceUID: i.SOPInstanceUID }).length === 1 && existsSync(ws.files.absolute(i.path));

describe('deleteCommitted', () => {
  it('deletes the committed instances only; failed, pending and differently classed ones stay', () => {
    const [committed, failed, pending, mr] = stored as [typeof stored[0], typeof stored[0], typeof stored[0], typeof stored[0]];
    const c = ws.database.commitments;
    const items = [committed, failed, pending].map((i) => ({ SOPClassUID: i.SOPClassUID, SOPInstanceUID: i.SOPInstanceUID }));
    c.request('2.25.1', 'PACS', undefined, [...items, { SOPClassUID: SopClass.CTImageStorage, SOPInstanceUID: mr.SOPInstanceUID }], '2026-01-01T00:00:00Z');
    expect(deleteCommitted(deps(), '2.25.1')).toEqual([]); // not reported yet
    c.report('2.25.1', [
      { SOPInstanceUID: committed.SOPInstanceUID, result: 'committed' },
      { SOPInstanceUID: failed.SOPInstanceUID, result: 'failed', failureReason: 0x0112 },
      { SOPInstanceUID: mr.SOPInstanceUID, result: 'committed' }, // committed as CT: the local MR is another object
    ], '2026-01-01T00:00:01Z');
    const lines: string[] = [];
    afterCommitmentReport(deps(), () => true, (l) => lines.push(l))({ transactionUid: '2.25.1', results: [{ result: 'committed' }, { result: 'failed' }, { result: 'committed' }] }, 'PACS');
    expect(lines).toEqual(['storage commitment report from PACS for 2.25.1: 2 committed, 1 failed', 'deleteCommitted: 1 committed instance(s) of 2.25.1 deleted locally']);
    expect([committed, failed, pending, mr].map(isLocal)).toEqual([false, true, true, true]);
    expect(deleteCommitted(deps(), '2.25.404')).toEqual([]); // unknown transaction
  });

  it('does nothing when the policy is off', () => {
    const [one] = stored as [typeof stored[0]];
    ws.database.commitments.request('2.25.2', 'PACS', undefined, [{ SOPClassUID: one.SOPClassUID, SOPInstanceUID: one.SOPInstanceUID }], '2026-01-01T00:00:00Z');
    ws.database.commitments.report('2.25.2', [{ SOPInstanceUID: one.SOPInstanceUID, result: 'committed' }], '2026-01-01T00:00:01Z');
    const lines: string[] = [];
    afterCommitmentReport(deps(), () => false, (l) => lines.push(l))({ transactionUid: '2.25.2', results: [{ result: 'committed' }] }, 'PACS');
    expect(lines).toHaveLength(1);
    expect(isLocal(one)).toBe(true);
  });
});
