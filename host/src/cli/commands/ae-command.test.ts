import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openWorkstation } from '../../store/open-workstation.js';
import { useCliStore } from '../test-support/cli-harness.js';

const { atrium, store } = useCliStore('atrium-ae-cli-');

describe('atrium ae', () => {
  it('adds, lists (table and JSON), replaces and removes remote AEs', async () => {
    // No store yet: `ae ls` says so and creates nothing (`ae add` would create it).
    const none = await atrium('ae', 'ls');
    expect([none.code, none.err]).toEqual([1, expect.stringContaining('[ATRIUM_ERR_CLI_NO_STORE]')]);
    expect(existsSync(store)).toBe(false);
    openWorkstation(store).close();
    expect((await atrium('ae', 'ls')).out).toBe('(no remote AEs; add one with `atrium ae add`)\n');
    const add = await atrium('ae', 'add', 'ORTHANC', '--host', '127.0.0.1', '--port', '4242', '--alias', 'orth');
    expect([add.code, add.out]).toEqual([0, 'added remote AE ORTHANC at 127.0.0.1:4242 (roles store,query,call), alias orth\n']);
    const ct1 = await atrium('ae', 'add', 'CT1', '--host', 'ct1.local', '--port', '104', '--roles', 'call', '--verify-before-send', 'off');
    expect([ct1.code, ct1.out]).toEqual([0, 'added remote AE CT1 at ct1.local:104 (roles call, no C-ECHO before sending)\n']);
    expect((await atrium('ae', 'ls')).out).toBe(
      [
        'title    alias  host       port  roles             verify',
        '-------  -----  ---------  ----  ----------------  ------',
        'CT1             ct1.local  104   call              off',
        'ORTHANC  orth   127.0.0.1  4242  store,query,call  on',
        '',
      ].join('\n'),
    );
    const replaced = await atrium('--json', 'ae', 'add', 'CT1', '--host', '10.1.1.1', '--port', '11112', '--roles', 'call,store');
    expect(JSON.parse(replaced.out)).toEqual({ title: 'CT1', host: '10.1.1.1', port: 11112, roles: ['store', 'call'] });
    expect(JSON.parse((await atrium('ae', 'ls', '--json')).out)).toEqual([
      { title: 'CT1', host: '10.1.1.1', port: 11112, roles: ['store', 'call'] },
      { title: 'ORTHANC', host: '127.0.0.1', port: 4242, alias: 'orth', roles: ['store', 'query', 'call'] },
    ]);
    expect(await atrium('ae', 'rm', 'orth')).toEqual({ code: 0, out: 'removed remote AE ORTHANC (orth)\n', err: '' });
    expect((await atrium('--json', 'ae', 'ls')).out).toContain('"CT1"');
    expect(JSON.parse((await atrium('--json', 'ae', 'ls')).out)).toHaveLength(1);
  });

  it('says what is wrong', async () => {
    const unknown = await atrium('ae', 'rm', 'NOPE');
    expect([unknown.code, unknown.err]).toEqual([1, expect.stringContaining('Unknown remote AE "NOPE"; known: CT1 [ATRIUM_ERR_AE_UNKNOWN]')]);
    expect((await atrium('ae', 'add', 'X', '--host', 'h')).err).toContain('add needs --host and --port');
    expect((await atrium('ae', 'add', 'X', '--host', 'h', '--port', 'x')).code).toBe(2);
    const badRole = await atrium('ae', 'add', 'X', '--host', 'h', '--port', '1', '--roles', 'store,admin');
    expect([badRole.code, badRole.err]).toEqual([2, expect.stringMatching(/^atrium ae: Bad remote AE roles "admin": is not a role; roles: store, query, call, commit, print \[ATRIUM_ERR_AE_BAD_VALUE\]\nusage: atrium ae add /)]);
    expect((await atrium('ae', 'add', 'X', '--host', 'h', '--port', '1', '--alias', 'CT1')).err).toContain('ATRIUM_ERR_AE_ALIAS_TAKEN');
    expect((await atrium('ae', 'add', '12345678901234567', '--host', 'h', '--port', '1')).err).toContain('at most 16 characters');
    expect((await atrium('ae', 'frob')).code).toBe(2);
    const verify = await atrium('ae', 'add', 'X', '--host', 'h', '--port', '1', '--verify-before-send', 'maybe');
    expect([verify.code, verify.err]).toEqual([2, expect.stringContaining('--verify-before-send must be on or off, not "maybe"')]);
  });

  it('keeps a printer\'s matrix, depth, annotation format and label with its entry, shown by ls; refuses them without role print', async () => {
    const add = await atrium('ae', 'add', 'PRINTER', '--host', '127.0.0.1', '--port', '10400', '--roles', 'print', '--print-matrix', '2048', '--print-bits', '12', '--print-annotation', 'label_1');
    expect([add.code, add.out]).toEqual([0, 'added remote AE PRINTER at 127.0.0.1:10400 (roles print); printer matrix 2048, 12 bit, annotation LABEL_1\n']);
    // A later add changes only what it names.
    expect((await atrium('ae', 'add', 'PRINTER', '--host', '127.0.0.1', '--port', '10400', '--roles', 'print', '--print-label', 'off')).out).toContain('printer matrix 2048, 12 bit, no label');
    expect((await atrium('ae', 'ls')).out).toMatch(/PRINTER +127\.0\.0\.1 +10400 +print +on +matrix 2048, 12 bit, no label/);
    expect(JSON.parse((await atrium('--json', 'ae', 'ls')).out)).toContainEqual({ title: 'PRINTER', host: '127.0.0.1', port: 10400, roles: ['print'], printer: { matrix: 2048, bits: 12, annotationFormat: 'LABEL_1', label: false } });
    const bad = await atrium('ae', 'add', 'PRINTER', '--host', '127.0.0.1', '--port', '10400', '--roles', 'print', '--print-bits', '16');
    expect([bad.code, bad.err]).toEqual([2, expect.stringMatching(/^atrium ae: Bad printer bits "16": allowed 8 or 12 \[ATRIUM_ERR_AE_BAD_VALUE\]\nusage: atrium ae add /)]);
    expect((await atrium('ae', 'add', 'PRINTER', '--host', 'h', '--port', '1', '--roles', 'print', '--print-matrix', '32')).err).toContain('Bad printer matrix "32": allowed a whole number from 64 to 8192, or default');
    expect((await atrium('ae', 'add', 'PACS', '--host', 'h', '--port', '1', '--print-bits', '12')).err).toContain('are settings of a printer: add --roles with print');
  });
});
