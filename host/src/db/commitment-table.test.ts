import { describe, expect, it } from 'vitest';
import { hostId } from '../core/host-id.js';
import { openDatabase } from './open-database.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';

describe('CommitmentTable', () => {
  it('records a request with every instance pending, then the report per instance', () => {
    const db = openDatabase(':memory:');
    const t = db.commitments;
    t.request('2.25.1', 'PACS', 7, [{ SOPClassUID: CT, SOPInstanceUID: '1.2.3.1' }, { SOPClassUID: CT, SOPInstanceUID: '1.2.3.2' }], '2026-01-01T00:00:00.000Z', 'host-a');
    expect(t.get('2.25.1')).toMatchObject({ ae: 'PACS', jobId: 7, state: 'requested', items: [{ result: 'pending' }, { result: 'pending' }] });
    expect(t.report('2.25.1', [{ SOPInstanceUID: '1.2.3.1', result: 'committed' }, { SOPInstanceUID: '1.2.3.2', result: 'failed', failureReason: 0x0112 }, { SOPInstanceUID: '9.9', result: 'committed' }], '2026-01-01T00:01:00.000Z')).toBe(true);
    expect(t.get('2.25.1')).toEqual({
      transactionUid: '2.25.1', ae: 'PACS', jobId: 7, ownerHost: 'host-a', state: 'reported', requestedAt: '2026-01-01T00:00:00.000Z', reportedAt: '2026-01-01T00:01:00.000Z',
      items: [{ SOPClassUID: CT, SOPInstanceUID: '1.2.3.1', result: 'committed' }, { SOPClassUID: CT, SOPInstanceUID: '1.2.3.2', result: 'failed', failureReason: 0x0112 }],
    });
    expect(t.forJob(7).map((r) => r.transactionUid)).toEqual(['2.25.1']);
    db.close();
  });

  it('a report for a Transaction UID never requested writes nothing; a removed request is gone', () => {
    const db = openDatabase(':memory:');
    const t = db.commitments;
    expect(t.report('2.25.404', [{ SOPInstanceUID: '1.2.3.1', result: 'committed' }], '2026-01-01T00:00:00.000Z')).toBe(false);
    t.request('2.25.2', 'PACS', undefined, [{ SOPClassUID: CT, SOPInstanceUID: '1.2.3.1' }], '2026-01-01T00:00:00.000Z');
    expect(t.get('2.25.2')?.ownerHost).toBe(hostId()); // by default, this host's
    t.remove('2.25.2');
    expect(t.get('2.25.2')).toBeUndefined();
    expect(t.latestFor(['1.2.3.1']).size).toBe(0);
    db.close();
  });

  it('latestFor gives each instance its newest request', () => {
    const db = openDatabase(':memory:');
    const t = db.commitments;
    t.request('2.25.3', 'A', undefined, [{ SOPClassUID: CT, SOPInstanceUID: '1.2.3.1' }], '2026-01-01T00:00:00.000Z');
    t.report('2.25.3', [{ SOPInstanceUID: '1.2.3.1', result: 'failed', failureReason: 0x0110 }], '2026-01-01T00:00:01.000Z');
    t.request('2.25.4', 'B', undefined, [{ SOPClassUID: CT, SOPInstanceUID: '1.2.3.1' }], '2026-01-02T00:00:00.000Z');
    expect(t.latestFor(['1.2.3.1', '1.2.3.9'])).toEqual(new Map([['1.2.3.1', { ae: 'B', transactionUid: '2.25.4', result: 'pending', at: '2026-01-02T00:00:00.000Z' }]]));
    db.close();
  });
});
