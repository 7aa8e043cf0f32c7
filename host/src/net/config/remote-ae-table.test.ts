import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostDatabase } from '../../db/host-database.js';
import { openDatabase } from '../../db/open-database.js';
import { canonicalIp, RemoteAeTableImpl, type RemoteAeTable } from './remote-ae-table.js';
import { errorOf } from './test-support/error-of.js';

let idx: HostDatabase;
let table: RemoteAeTable;
beforeEach(() => {
  idx = openDatabase(':memory:');
  table = new RemoteAeTableImpl(idx.remoteAes);
});
afterEach(() => idx.close());

describe('RemoteAeTable', () => {
  it('adds, normalises, lists, finds by alias then title, replaces and removes', () => {
    expect(table.add({ title: ' PACS ', host: ' pacs.example.org ', port: 104, alias: 'main', roles: ['query', 'store', 'query'] })).toEqual({
      title: 'PACS', host: 'pacs.example.org', port: 104, alias: 'main', roles: ['store', 'query'],
    });
    table.add({ title: 'CT1', host: '10.0.0.7', port: 11112, roles: ['call'] });
    expect(table.list()).toEqual([
      { title: 'CT1', host: '10.0.0.7', port: 11112, roles: ['call'] },
      { title: 'PACS', host: 'pacs.example.org', port: 104, alias: 'main', roles: ['store', 'query'] },
    ]);
    expect(table.find('main')?.title).toBe('PACS');
    expect(table.find('PACS   ')?.title).toBe('PACS');
    expect(table.find('pacs')).toBeUndefined(); // titles are case-sensitive
    expect(table.require('CT1').port).toBe(11112);
    // Same title: replaced (the alias goes away when not given again).
    table.add({ title: 'PACS', host: '10.0.0.9', port: 4242, roles: ['store', 'query', 'call'] });
    expect(table.find('PACS')).toEqual({ title: 'PACS', host: '10.0.0.9', port: 4242, roles: ['store', 'query', 'call'] });
    expect(table.find('main')).toBeUndefined();
    expect(table.remove('CT1')).toBe(true);
    expect(table.remove('CT1')).toBe(false);
    expect(table.list().map((a) => a.title)).toEqual(['PACS']);
  });

  it('an alias is looked up before a title', () => {
    table.add({ title: 'A', host: 'h', port: 1, roles: ['store'] });
    table.add({ title: 'B', host: 'h', port: 2, alias: 'bee', roles: ['store'] });
    expect(table.remove('bee')).toBe(true);
    expect(table.find('B')).toBeUndefined();
  });

  it('keeps titles and aliases unique', () => {
    table.add({ title: 'PACS', host: 'h', port: 104, alias: 'main', roles: ['store'] });
    expect(errorOf(() => table.add({ title: 'OTHER', host: 'h', port: 104, alias: 'main', roles: ['store'] }))).toEqual({
      code: 'ATRIUM_ERR_AE_ALIAS_TAKEN',
      message: 'The name "main" already names remote AE PACS (alias main); titles and aliases must be unique',
    });
    expect(errorOf(() => table.add({ title: 'OTHER', host: 'h', port: 104, alias: 'PACS', roles: ['store'] })).code).toBe('ATRIUM_ERR_AE_ALIAS_TAKEN');
    expect(errorOf(() => table.add({ title: 'main', host: 'h', port: 104, roles: ['store'] })).message).toBe(
      'The name "main" already names remote AE PACS (alias main); titles and aliases must be unique',
    );
    // Re-adding PACS with its own alias is fine.
    expect(table.add({ title: 'PACS', host: 'h2', port: 104, alias: 'main', roles: ['store'] }).host).toBe('h2');
    expect(table.list()).toHaveLength(1);
  });

  it('refuses bad values, naming the field', () => {
    const ok = { title: 'X', host: 'h', port: 104, roles: ['store' as const] };
    expect(errorOf(() => table.add({ ...ok, title: 'WAY_TOO_LONG_TITLE' }))).toEqual({
      code: 'ATRIUM_ERR_AE_BAD_VALUE',
      message: 'Bad remote AE title "WAY_TOO_LONG_TITLE": an AE title has at most 16 characters, "WAY_TOO_LONG_TITLE" has 18',
    });
    expect(errorOf(() => table.add({ ...ok, title: 'A\\B' })).code).toBe('ATRIUM_ERR_AE_BAD_VALUE');
    expect(errorOf(() => table.add({ ...ok, host: 'bad host' })).message).toBe('Bad remote AE host "bad host": must be a host name or an IP address');
    expect(errorOf(() => table.add({ ...ok, host: '' })).code).toBe('ATRIUM_ERR_AE_BAD_VALUE');
    expect(errorOf(() => table.add({ ...ok, port: 0 })).message).toBe('Bad remote AE port 0: must be a whole number from 1 to 65535');
    expect(errorOf(() => table.add({ ...ok, port: 1.5 })).code).toBe('ATRIUM_ERR_AE_BAD_VALUE');
    expect(errorOf(() => table.add({ ...ok, alias: ' ' })).message).toBe('Bad remote AE alias " ": must be 1-64 printable characters');
    expect(errorOf(() => table.add({ ...ok, roles: [] })).message).toBe('Bad remote AE roles []: must list at least one of store, query, call');
    expect(errorOf(() => table.add({ ...ok, roles: ['admin' as 'store'] })).message).toBe('Bad remote AE roles "admin": is not a role; roles: store, query, call');
    expect(table.add({ ...ok, host: '::1' }).host).toBe('::1');
    expect(table.add({ ...ok, host: 'node_7.local' }).host).toBe('node_7.local');
  });

  it('require names the known AEs', () => {
    expect(errorOf(() => table.require('PACS'))).toEqual({
      code: 'ATRIUM_ERR_AE_UNKNOWN',
      message: 'Unknown remote AE "PACS"; the AE table is empty (add one with `atrium ae add`)',
    });
    table.add({ title: 'ORTHANC', host: '127.0.0.1', port: 4242, alias: 'orth', roles: ['store'] });
    table.add({ title: 'CT1', host: '127.0.0.1', port: 104, roles: ['store'] });
    expect(errorOf(() => table.require('PACS')).message).toBe('Unknown remote AE "PACS"; known: CT1, ORTHANC (orth)');
  });

  it('identifies a caller by its title and its host together, only with role call', () => {
    table.add({ title: 'CT1', host: '10.0.0.7', port: 104, roles: ['call'] });
    table.add({ title: 'PACS', host: '10.0.0.8', port: 104, roles: ['store', 'query'] });
    table.add({ title: 'LOCAL', host: 'localhost', port: 104, roles: ['call'] });
    table.add({ title: 'V6', host: '2001:DB8::0:1', port: 104, roles: ['call'] });
    const ct1 = table.find('CT1');
    expect(table.identifyCaller('CT1', '10.0.0.7')).toEqual({ registered: ct1, known: true, knownHost: true });
    expect(table.identifyCaller('CT1 ', '::ffff:10.0.0.7')).toEqual({ registered: ct1, known: true, knownHost: true });
    // A registered title from another host is not that AE: the identity is title and host.
    expect(table.identifyCaller('CT1', '127.0.0.1')).toEqual({ registered: ct1, known: false, knownHost: true });
    expect(table.identifyCaller('CT1', '10.0.0.9')).toEqual({ registered: ct1, known: false, knownHost: false });
    expect(table.identifyCaller('PACS', '10.0.0.8')).toEqual({ known: false, knownHost: false });
    expect(table.identifyCaller('ct1', '10.0.0.9')).toEqual({ known: false, knownHost: false });
    expect(table.identifyCaller('LOCAL', '::1')).toMatchObject({ known: true });
    expect(table.identifyCaller('X', '127.0.0.1')).toEqual({ known: false, knownHost: true });
    expect(table.identifyCaller('X', '2001:db8::1')).toEqual({ known: false, knownHost: true });
    expect(table.identifyCaller('V6', '2001:db8::1')).toMatchObject({ known: true });
  });

  it('canonicalIp compares IPv4, IPv4-mapped IPv6 and IPv6 spellings', () => {
    expect(canonicalIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(canonicalIp('::FFFF:7f00:1')).toBe('127.0.0.1');
    expect(canonicalIp('2001:0db8:0000::0001')).toBe('2001:db8::1');
    expect(canonicalIp('fe80::1%eth0')).toBe('fe80::1');
    expect(canonicalIp('10.0.0.1')).toBe('10.0.0.1');
    expect(canonicalIp('pacs')).toBeUndefined();
  });
});
