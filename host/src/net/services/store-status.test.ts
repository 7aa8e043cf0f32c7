import { describe, expect, it } from 'vitest';
import { storeStatus } from './store-service.js';

/** C-STORE statuses of refusals (PS3.4 Table B.2-1): the store's resources answer A700, the object's faults A900 / C000. */
describe('storeStatus', () => {
  const refused = (code: string) => storeStatus({ status: 'rejected', code, reason: 'why' });
  it('answers A700 for a full disk, an object over maxObjectBytes and one past a parse limit', () => {
    for (const code of ['ATRIUM_ERR_STORE_DISK_FULL', 'ATRIUM_ERR_STORE_TOO_LARGE', 'ATRIUM_ERR_PARSE_LIMIT']) {
      expect(refused(code)).toEqual({ Status: 0xa700, ErrorComment: `${code}: why` });
    }
  });
  it('keeps A900 for invalid attributes and C000 for unreadable data sets', () => {
    expect(refused('ATRIUM_ERR_VALIDATE_MISSING').Status).toBe(0xa900);
    expect(refused('ATRIUM_ERR_PARSE_TRUNCATED').Status).toBe(0xc000);
  });
});
