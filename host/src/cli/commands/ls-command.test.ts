import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import { useCliStore } from '../test-support/cli-harness.js';

/** `atrium ls` only reads: it opens the index read-only and leaves the store as it found it. */
describe('atrium ls writes nothing', () => {
  const { atrium, store } = useCliStore('atrium-ls-read-only-');
  const index = (): string => join(store, 'index.sqlite');
  beforeAll(async () => {
    const r = await atrium('import', 'samples/mr');
    expect(r.code, r.err).toBe(0);
  });

  it('lists with and without filters, the index file byte for byte unchanged and no heartbeat left or written', async () => {
    const before = readFileSync(index());
    const studies = await atrium('--json', 'ls', 'studies');
    expect(studies.code, studies.err).toBe(0);
    expect(JSON.parse(studies.out)).not.toEqual([]);
    const filtered = await atrium('--json', 'ls', 'series', '--modality', 'MR', '--key', 'SeriesNumber=*');
    expect(filtered.code, filtered.err).toBe(0);
    expect(JSON.parse(filtered.out).length).toBeGreaterThan(0);
    expect((await atrium('ls', 'instances', '--commitment', '--limit', '1')).code).toBe(0);
    expect(readFileSync(index()).equals(before)).toBe(true);
    const database = openDatabase(index());
    // No heartbeat but the one of the connection opened just now.
    expect(database.heartbeats.list().map((h) => h.pid)).toEqual([process.pid]);
    database.close();
  });

  it('still refuses a misspelt key (the key checks are loaded for a filter)', async () => {
    const r = await atrium('ls', 'studies', '--key', 'PatientNam=X');
    expect(r.code).toBe(2);
    expect(r.err).toContain('did you mean PatientName?');
  });
});
