import { describe, expect, it } from 'vitest';
import type { AtriumErrorCode } from '../../errors/codes.js';
import { storeStatus } from './store-service.js';

/** C-STORE statuses of refusals (PS3.4 Table B.2-1): the store's resources answer A700, the object's faults A900 / C000. */
describe('storeStatus', () => {
  const refused = (code: AtriumErrorCode) => storeStatus({ status: 'rejected', code, reason: 'why' });
  it('answers A700 for a full disk, an object over maxObjectBytes and one past a parse limit', () => {
    for (const code of ['ATRIUM_ERR_STORE_DISK_FULL', 'ATRIUM_ERR_STORE_TOO_LARGE', 'ATRIUM_ERR_PARSE_LIMIT'] as const) {
      expect(refused(code)).toEqual({ Status: 0xa700, ErrorComment: `${code}: why` });
    }
  });
  it('keeps A900 for invalid attributes and the request, C000 for unreadable data sets and anything not mapped', () => {
    for (const code of ['ATRIUM_ERR_VALIDATE_MISSING', 'ATRIUM_ERR_VALIDATE_BAD_UID', 'ATRIUM_ERR_STORE_SOP_MISMATCH', 'ATRIUM_ERR_STORE_BAD_AFFECTED_UID'] as const) {
      expect(refused(code).Status).toBe(0xa900);
    }
    expect(refused('ATRIUM_ERR_PARSE_TRUNCATED').Status).toBe(0xc000);
    expect(refused('ATRIUM_ERR_INDEX_DUPLICATE_SERIES').Status).toBe(0xc000);
    // A code mapped to another service's status (C-FIND's A900) is not a C-STORE status: C000.
    expect(refused('ATRIUM_ERR_NET_BAD_IDENTIFIER').Status).toBe(0xc000);
    expect(refused('ATRIUM_ERR_JOB_FAILED').Status).toBe(0xc000);
  });
});
