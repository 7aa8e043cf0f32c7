import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atrium } from '../e2e/cli-helpers.js';
import { encodeDataset, FIXTURE_EXPLICIT_LE, minimalInstance, part10 } from '../support/dicom-fixture.js';
import { havePostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

/**
 * A store that holds series in its SQLite index pointed at PostgreSQL (a private server started
 * here): `atrium config set index` warns that nothing is copied, with what each index holds, the
 * difference, and the command that indexes the stored files into the new index; `atrium
 * reconcile --full` then does, and `atrium ls` shows what it showed before the switch. A switch
 * to another PostgreSQL database and back to SQLite (`atrium config unset index`) warn the same
 * way, or that the index left could not be read when its server is down; a switch to an index
 * that holds as much warns of nothing.
 */
const ok = havePostgres();
const SC = '1.2.840.10008.5.1.4.1.1.7';

describe.skipIf(!ok)('switching a SQLite store to PostgreSQL and back', () => {
  let dir: string;
  let server: PostgresServer;

  beforeAll(async () => {
    dir = makeTempDir('atrium-pg-switch-');
    server = await startPostgres();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) removeTempDir(dir);
  });

  it('warns what stays in index.sqlite; reconcile --full indexes the stored files into the new index', async () => {
    const store = join(dir, 'store');
    const input = join(dir, 'input');
    mkdirSync(input);
    // Three studies of one series and one instance each.
    const roots = ['2.25.66001', '2.25.66002', '2.25.66003'];
    for (const root of roots) {
      writeFileSync(join(input, `${root}.dcm`), part10(encodeDataset(minimalInstance(root), FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: SC, sopInstanceUID: `${root}.3` }));
    }
    const imported = await atrium('--store', store, 'import', input);
    expect(imported.code, imported.err).toBe(0);
    const ls = async (): Promise<string> => {
      const r = await atrium('--store', store, '--json', 'ls', 'instances');
      expect(r.code, r.err).toBe(0);
      return r.out;
    };
    const before = await ls();
    expect(JSON.parse(before)).toHaveLength(3);

    const url = await server.createDatabase('switched');
    const set = await atrium('--store', store, 'config', 'set', 'index', url);
    expect(set.code, set.err).toBe(0);
    const sqlite = join(store, 'index.sqlite');
    const tail = (to: string): string => `nothing is copied from one index to the other (nor the settings and AE table kept in it); to index the stored files into ${to}, run: atrium reconcile --full [ATRIUM_WARN_INDEX_NOT_COPIED]\n`;
    const pg = `the PostgreSQL index ${url}`;
    expect(set.err).toBe(`atrium config: warning: ${sqlite} holds 3 study(ies), 3 series, 3 instance(s), ${pg} 0 study(ies), 0 series, 0 instance(s): at least 3 study(ies), 3 series, 3 instance(s) will not be shown; ${tail(pg)}`);
    expect(JSON.parse(await ls())).toEqual([]);

    const reconciled = await atrium('--store', store, '--json', 'reconcile', '--full');
    expect(reconciled.code, reconciled.err).toBe(0);
    expect((JSON.parse(reconciled.out) as { full: { recovered: string[] } }).full.recovered).toHaveLength(3);
    expect(await ls()).toBe(before);

    // Set again (the same URL): nothing to warn about.
    const again = await atrium('--store', store, 'config', 'set', 'index', url);
    expect([again.code, again.err]).toEqual([0, '']);
    // To another PostgreSQL database (empty): warned like any other switch; then back, after nothing was added there.
    const other = await server.createDatabase('other');
    const moved = await atrium('--store', store, 'config', 'set', 'index', other);
    expect(moved.code, moved.err).toBe(0);
    expect(moved.err).toBe(`atrium config: warning: ${pg} holds 3 study(ies), 3 series, 3 instance(s), the PostgreSQL index ${other} 0 study(ies), 0 series, 0 instance(s): at least 3 study(ies), 3 series, 3 instance(s) will not be shown; ${tail(`the PostgreSQL index ${other}`)}`);
    const returned = await atrium('--store', store, 'config', 'set', 'index', url);
    expect([returned.code, returned.err]).toEqual([0, '']);

    // One more study imported into PostgreSQL, then back to SQLite: index.sqlite shows its three of before the switch.
    const more = join(dir, 'more');
    mkdirSync(more);
    writeFileSync(join(more, '2.25.66004.dcm'), part10(encodeDataset(minimalInstance('2.25.66004'), FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: SC, sopInstanceUID: '2.25.66004.3' }));
    expect((await atrium('--store', store, 'import', more)).code).toBe(0);
    const back = await atrium('--store', store, 'config', 'unset', 'index');
    expect(back.code, back.err).toBe(0);
    expect(back.err).toBe(`atrium config: warning: ${pg} holds 4 study(ies), 4 series, 4 instance(s), ${sqlite} 3 study(ies), 3 series, 3 instance(s): at least 1 study(ies), 1 series, 1 instance(s) will not be shown; ${tail(sqlite)}`);
    expect(JSON.parse(await ls())).toHaveLength(3);
    const recovered = await atrium('--store', store, '--json', 'reconcile', '--full');
    expect(recovered.code, recovered.err).toBe(0);
    expect(JSON.parse(await ls())).toHaveLength(4);
    // Both indexes now hold the same: switching either way warns of nothing.
    for (const args of [['set', 'index', url], ['unset', 'index']]) {
      const r = await atrium('--store', store, 'config', ...args);
      expect([r.code, r.err]).toEqual([0, '']);
    }
  }, 120_000);

  it('back to SQLite while PostgreSQL is down: switches all the same, and says it could not count', async () => {
    const store = join(dir, 'store-down');
    const url = await server.createDatabase('down');
    expect((await atrium('--store', store, 'config', 'set', 'index', url)).code).toBe(0);
    await server.halt();
    const back = await atrium('--store', store, '--json', 'config', 'unset', 'index');
    expect(back.code, back.err).toBe(0);
    expect((JSON.parse(back.out) as { isDefault: boolean }).isDefault).toBe(true);
    const { warning } = JSON.parse(back.err) as { warning: { code: string; message: string; details: { reachable: boolean } } };
    expect(warning.code).toBe('ATRIUM_WARN_INDEX_NOT_COPIED');
    expect(warning.details.reachable).toBe(false);
    expect(warning.message).toMatch(new RegExp(`^the PostgreSQL index ${url.replace(/[.]/g, '\\.')} is not reachable \\(.*ECONNREFUSED.*\\), so what it holds is not known; .*index\\.sqlite holds 0 study\\(ies\\), 0 series, 0 instance\\(s\\); nothing is copied from one index to the other .*; to index the stored files into .*index\\.sqlite, run: atrium reconcile --full$`));
  }, 60_000);
});
