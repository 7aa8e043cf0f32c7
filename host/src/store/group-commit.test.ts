import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AtriumError } from '../errors/atrium-error.js';
import { GroupCommit } from './group-commit.js';

describe('GroupCommit', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempFd = (): number => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-group-'));
    dirs.push(dir);
    return openSync(join(dir, 'f'), 'w');
  };

  it('a transaction that cannot begin (the index unreachable) fails every file of the group: none is left waiting', async () => {
    const down = new AtriumError('ATRIUM_ERR_INDEX_UNAVAILABLE', 'the index is unreachable', {});
    const group = new GroupCommit(() => {
      throw down;
    });
    let admitted = 0;
    const entry = { fd: tempFd(), admit: () => ((admitted += 1), { value: 'stored' }), failed: () => 'failed' };
    const outcomes = await Promise.allSettled([group.durable(entry), group.durable({ ...entry, fd: tempFd() })]);
    expect(outcomes).toEqual([{ status: 'rejected', reason: down }, { status: 'rejected', reason: down }]);
    expect(admitted).toBe(0);
  });
});
