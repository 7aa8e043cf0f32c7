import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostDatabase } from './host-database.js';
import { openDatabase } from './open-database.js';

describe('send log', () => {
  let db: HostDatabase;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => db.close());

  it('answers, per instance, the AEs that stored it with the last time; failures and unknown instances are not "sent"', () => {
    db.sendLog.record([
      { SOPInstanceUID: '1.2.1', ae: 'PACS', at: '2026-01-01T10:00:00.000Z', status: 'success', statusCode: 0, via: 'send' },
      { SOPInstanceUID: '1.2.1', ae: 'PACS', at: '2026-01-02T10:00:00.000Z', status: 'warning', statusCode: 0xb000, via: 'move' },
      { SOPInstanceUID: '1.2.1', ae: 'ARCHIVE', at: '2026-01-01T11:00:00.000Z', status: 'success', statusCode: 0, via: 'get' },
      { SOPInstanceUID: '1.2.2', ae: 'PACS', at: '2026-01-01T10:00:00.000Z', status: 'failure', statusCode: 0xa700, via: 'send' },
    ]);
    const sent = db.sendLog.sentTo(['1.2.1', '1.2.2', '1.2.3']);
    expect([...sent.keys()]).toEqual(['1.2.1']);
    expect(sent.get('1.2.1')).toEqual([{ ae: 'ARCHIVE', at: '2026-01-01T11:00:00.000Z' }, { ae: 'PACS', at: '2026-01-02T10:00:00.000Z' }]);
    expect(db.sendLog.forInstance('1.2.2')).toEqual([{ SOPInstanceUID: '1.2.2', ae: 'PACS', at: '2026-01-01T10:00:00.000Z', status: 'failure', statusCode: 0xa700, via: 'send' }]);
  });

  it('refuses a status outside the three outcomes (the table is checked)', () => {
    expect(() => db.sendLog.record([{ SOPInstanceUID: '1.2.1', ae: 'PACS', at: 'x', status: 'sent' as 'success', statusCode: 0, via: 'send' }])).toThrow();
  });
});
