import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostDatabase } from '../../host/src/db/host-database.js';
import { openPostgresDatabase } from '../../host/src/db/postgres/open-postgres-database.js';
import { havePostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';

/** The send log (schema step 11) on PostgreSQL answers as on SQLite (host/src/db/send-log-table.test.ts). */
describe.skipIf(!havePostgres())('send log on PostgreSQL', () => {
  let server: PostgresServer;
  let db: HostDatabase;
  beforeAll(async () => {
    server = await startPostgres();
    db = openPostgresDatabase(await server.createDatabase('sendlog'));
  }, 60_000);
  afterAll(async () => {
    db?.close();
    await server?.stop();
  });

  it('records sends and answers, per instance, the AEs that stored it with the last time; failures are not sends', () => {
    db.sendLog.record([
      { SOPInstanceUID: '1.2.1', ae: 'PACS', at: '2026-01-01T10:00:00.000Z', status: 'success', statusCode: 0, via: 'send' },
      { SOPInstanceUID: '1.2.1', ae: 'PACS', at: '2026-01-02T10:00:00.000Z', status: 'warning', statusCode: 0xb000, via: 'move' },
      { SOPInstanceUID: '1.2.1', ae: 'ARCHIVE', at: '2026-01-01T11:00:00.000Z', status: 'success', statusCode: 0, via: 'get' },
      { SOPInstanceUID: '1.2.2', ae: 'PACS', at: '2026-01-01T10:00:00.000Z', status: 'failure', statusCode: 0xa700, via: 'send' },
    ]);
    const sent = db.sendLog.sentTo(['1.2.1', '1.2.2', '1.2.3']);
    expect([...sent]).toEqual([['1.2.1', [{ ae: 'ARCHIVE', at: '2026-01-01T11:00:00.000Z' }, { ae: 'PACS', at: '2026-01-02T10:00:00.000Z' }]]]);
    expect(db.sendLog.forInstance('1.2.2')).toEqual([{ SOPInstanceUID: '1.2.2', ae: 'PACS', at: '2026-01-01T10:00:00.000Z', status: 'failure', statusCode: 0xa700, via: 'send' }]);
    expect(() => db.sendLog.record([{ SOPInstanceUID: '1.2.1', ae: 'PACS', at: 'x', status: 'sent' as 'success', statusCode: 0, via: 'send' }])).toThrow();
  });
});
