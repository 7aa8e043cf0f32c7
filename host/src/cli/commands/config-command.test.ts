import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK_CONFIG } from '../../net/config/network-config.js';
import { NETWORK_SETTING_KEYS } from '../../net/config/network-settings.js';
import { DEFAULT_STORE_SETTINGS, STORE_SETTING_KEYS } from '../../store/store-settings.js';
import { openWorkstation } from '../../store/open-workstation.js';
import { useCliStore } from '../test-support/cli-harness.js';

const { atrium, store } = useCliStore('atrium-config-cli-');

beforeAll(() => openWorkstation(store).close()); // an empty store: `config` lists the defaults

describe('atrium config', () => {
  it('lists every setting with its value and source, sets, gets and unsets', async () => {
    const ls = await atrium('config');
    expect(ls.code).toBe(0);
    const lines = ls.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^key +value +source +description$/);
    expect(lines.slice(2).map((l) => l.split(/ +/)[0])).toEqual(['index', ...NETWORK_SETTING_KEYS, ...STORE_SETTING_KEYS]);
    expect(lines.find((l) => l.startsWith('index '))).toMatch(/index\.sqlite +default +Where the index is/);
    expect(lines.find((l) => l.startsWith('aeTitle '))).toMatch(/^aeTitle +ATRIUM +default +local AE title/);

    expect(await atrium('config', 'set', 'aeTitle', 'WS_7')).toEqual({ code: 0, out: 'aeTitle = WS_7\n', err: '' });
    expect(await atrium('config', 'set', 'dimseTimeoutMs', '90s')).toEqual({ code: 0, out: 'dimseTimeoutMs = 90000\n', err: '' });
    expect((await atrium('config', 'get', 'aeTitle')).out).toBe('WS_7\n');
    expect(JSON.parse((await atrium('--json', 'config', 'get', 'dimseTimeoutMs')).out)).toEqual({ key: 'dimseTimeoutMs', value: 90000, isDefault: false, defaultValue: 60000 });
    expect((await atrium('config', 'ls')).out).toMatch(/\naeTitle +WS_7 +set +/);
    const json = JSON.parse((await atrium('config', 'ls', '--json')).out) as { key: string; value: unknown; isDefault: boolean }[];
    expect(Object.fromEntries(json.map((s) => [s.key, s.value]))).toEqual({ index: join(store, 'index.sqlite'), ...DEFAULT_NETWORK_CONFIG, ...DEFAULT_STORE_SETTINGS, aeTitle: 'WS_7', dimseTimeoutMs: 90000 });
    expect(json.filter((s) => !s.isDefault).map((s) => s.key)).toEqual(['aeTitle', 'dimseTimeoutMs']);

    expect(await atrium('config', 'unset', 'aeTitle')).toEqual({ code: 0, out: 'aeTitle = ATRIUM (default)\n', err: '' });
    expect((await atrium('config', 'get', 'aeTitle')).out).toBe('ATRIUM\n');
  });

  it('sets the store limits, sizes with units, and refuses values out of range', async () => {
    expect(await atrium('config', 'set', 'maxObjectBytes', '40GiB')).toEqual({ code: 0, out: `maxObjectBytes = ${40 * 1024 ** 3}\n`, err: '' });
    expect(await atrium('config', 'set', 'maxElements', '2000000')).toEqual({ code: 0, out: 'maxElements = 2000000\n', err: '' });
    expect((await atrium('config', 'get', 'maxElements')).out).toBe('2000000\n');
    const tooDeep = await atrium('config', 'set', 'maxDepth', '5000');
    // A value typed on the command line that the setting does not take is a usage error (exit 2, the usage line).
    expect([tooDeep.code, tooDeep.err]).toEqual([2, 'atrium config: Bad value for store setting maxDepth: "5000"; allowed: a whole number from 1 to 1024 [ATRIUM_ERR_CONFIG_BAD_VALUE]\nusage: atrium config [ls] | atrium config get <key> | atrium config set <key> <value> | atrium config unset <key>\n']);
    expect((await atrium('config', 'set', 'maxElements', '2MiB')).code).toBe(2);
    expect(await atrium('config', 'unset', 'maxElements')).toEqual({ code: 0, out: 'maxElements = 500000 (default)\n', err: '' });
    await atrium('config', 'unset', 'maxObjectBytes');
  });

  it('index: where the index is; set takes only a postgres:// URL that answers, and leaves the store alone otherwise', async () => {
    expect((await atrium('config', 'get', 'index')).out.trim()).toMatch(/index\.sqlite$/);
    const notUrl = await atrium('config', 'set', 'index', '/tmp/other.sqlite');
    expect([notUrl.code, notUrl.err]).toEqual([2, expect.stringContaining('[ATRIUM_ERR_INDEX_LOCATION]')]);
    // Nothing listens on port 1: refused before store.json is written.
    const unreachable = await atrium('config', 'set', 'index', 'postgres://atrium:secret@127.0.0.1:1/none');
    expect([unreachable.code, unreachable.err]).toEqual([1, expect.stringContaining('[ATRIUM_ERR_INDEX_OPEN]')]);
    expect(unreachable.err).not.toContain('secret');
    // A misspelt scheme is echoed with its password masked, as every other message does (text and JSON).
    const misspelt = await atrium('config', 'set', 'index', 'postgress://atrium:secret@127.0.0.1:5432/atrium');
    expect([misspelt.code, misspelt.err]).toEqual([2, expect.stringContaining('got "postgress://atrium:***@127.0.0.1:5432/atrium" [ATRIUM_ERR_INDEX_LOCATION]')]);
    const misspeltJson = await atrium('--json', 'config', 'set', 'index', 'postgress://atrium:s@cret/x@127.0.0.1/atrium');
    expect(misspeltJson.err).toContain('"value":"postgress://atrium:***@127.0.0.1/atrium"');
    for (const r of [misspelt, misspeltJson]) expect(r.err).not.toMatch(/secret|s@cret/);
    // A port that is not a number or out of range, an IPv6 host left open: refused at once (the driver would try without end).
    for (const bad of ['postgres://qa:secret@127.0.0.1:notaport/atrium', 'postgres://qa:secret@127.0.0.1:99999/atrium', 'postgres://qa:secret@[::1:55432/atrium']) {
      const r = await atrium('config', 'set', 'index', bad);
      expect([r.code, r.err]).toEqual([2, expect.stringContaining('not a valid URL (is the port a number from 0 to 65535, an IPv6 host in [brackets]?)')]);
      expect(r.err).toContain('[ATRIUM_ERR_INDEX_LOCATION]');
      expect(r.err).not.toContain('secret');
    }
    // A password given as a query parameter (libpq's URIs take one) is masked too.
    const inQuery = await atrium('config', 'set', 'index', 'postgres://qa@127.0.0.1:1/none?sslmode=disable&password=secret&sslpassword=secret2');
    expect([inQuery.code, inQuery.err]).toEqual([1, expect.stringContaining('postgres://qa@127.0.0.1:1/none?sslmode=disable&password=***&sslpassword=***')]);
    expect(inQuery.err).not.toContain('secret');
    expect((await atrium('config', 'get', 'index')).out.trim()).toMatch(/index\.sqlite$/);
    expect((await atrium('config', 'unset', 'index')).code).toBe(0);
  });

  it('refuses unknown keys and bad values, naming the key and what is allowed', async () => {
    const unknown = await atrium('config', 'set', 'AETitle', 'X');
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('unknown setting "AETitle" (did you mean aeTitle?); settings: index, aeTitle, port,')]);
    expect(unknown.err).toContain(', validation, stableAge, hostTimeout, maxDepth, maxElements, maxItems, maxInflatedBytes, maxObjectBytes, minFreeBytes');
    expect(unknown.err).toContain('[ATRIUM_ERR_CONFIG_UNKNOWN_KEY]');
    expect((await atrium('config', 'get', 'nope')).err).toContain('ATRIUM_ERR_CONFIG_UNKNOWN_KEY');
    expect(await atrium('config', 'set', 'port', '70000')).toEqual({
      code: 2,
      out: '',
      err: 'atrium config: Bad value for network setting port: 70000 is out of range; allowed: a whole number from 1 to 65535 [ATRIUM_ERR_CONFIG_BAD_VALUE]\nusage: atrium config [ls] | atrium config get <key> | atrium config set <key> <value> | atrium config unset <key>\n',
    });
    expect((await atrium('config', 'get', 'port')).out).toBe('11112\n');
    expect((await atrium('config', 'set', 'port')).code).toBe(2);
    expect((await atrium('config', 'frob')).code).toBe(2);
  });
});
