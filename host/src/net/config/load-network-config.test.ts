import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { openDatabase } from '../../db/open-database.js';
import { sqliteOf } from '../../db/test-support/sqlite-of.js';
import { listNetworkSettings, loadNetworkConfig, setNetworkSetting, unsetNetworkSetting } from './load-network-config.js';
import { DEFAULT_NETWORK_CONFIG } from './network-config.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAtriumError(e) ? e.code : String(e);
  }
  return undefined;
}

describe('loadNetworkConfig', () => {
  it('overlays stored settings on the defaults, and unset restores the default', () => {
    const idx = openDatabase(':memory:');
    expect(loadNetworkConfig(idx.settings)).toEqual(DEFAULT_NETWORK_CONFIG);
    expect(setNetworkSetting(idx.settings, 'aeTitle', ' WS1 ')).toEqual({ ...DEFAULT_NETWORK_CONFIG, aeTitle: 'WS1' });
    setNetworkSetting(idx.settings, 'idleTimeoutMs', '5s');
    setNetworkSetting(idx.settings, 'acceptUnknownCallingAe', 'off');
    setNetworkSetting(idx.settings, 'maxPduLength', '0');
    expect(sqliteOf(idx.index).prepare('SELECT key, value FROM setting ORDER BY key').all()).toEqual([
      { key: 'network.acceptUnknownCallingAe', value: 'false' },
      { key: 'network.aeTitle', value: 'WS1' },
      { key: 'network.idleTimeoutMs', value: '5000' },
      { key: 'network.maxPduLength', value: '0' },
    ]);
    expect(loadNetworkConfig(idx.settings)).toEqual({ ...DEFAULT_NETWORK_CONFIG, aeTitle: 'WS1', idleTimeoutMs: 5000, acceptUnknownCallingAe: false, maxPduLength: 0 });
    const listed = listNetworkSettings(idx.settings);
    expect(listed.find((s) => s.key === 'aeTitle')).toEqual({ key: 'aeTitle', value: 'WS1', isDefault: false, defaultValue: 'ATRIUM' });
    expect(listed.find((s) => s.key === 'port')).toEqual({ key: 'port', value: 11112, isDefault: true, defaultValue: 11112 });
    expect(unsetNetworkSetting(idx.settings, 'aeTitle').aeTitle).toBe('ATRIUM');
    // A refused value leaves the stored one untouched.
    expect(codeOf(() => setNetworkSetting(idx.settings, 'idleTimeoutMs', '-1'))).toBe('ATRIUM_ERR_CONFIG_BAD_VALUE');
    expect(codeOf(() => setNetworkSetting(idx.settings, 'nope', '1'))).toBe('ATRIUM_ERR_CONFIG_UNKNOWN_KEY');
    expect(codeOf(() => unsetNetworkSetting(idx.settings, 'nope'))).toBe('ATRIUM_ERR_CONFIG_UNKNOWN_KEY');
    expect(loadNetworkConfig(idx.settings).idleTimeoutMs).toBe(5000);
    idx.close();
  });

  it('ignores settings it does not know and reports a stored value that became invalid', () => {
    const idx = openDatabase(':memory:');
    sqliteOf(idx.index).prepare('INSERT INTO setting (key, value) VALUES (?, ?), (?, ?)').run('network.fromTheFuture', 'x', 'other.thing', 'y');
    expect(loadNetworkConfig(idx.settings)).toEqual(DEFAULT_NETWORK_CONFIG);
    sqliteOf(idx.index).prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('network.port', '99999');
    try {
      loadNetworkConfig(idx.settings);
      expect.unreachable();
    } catch (e) {
      expect(isAtriumError(e, 'ATRIUM_ERR_CONFIG_BAD_VALUE')).toBe(true);
      expect((e as Error).message).toBe(
        'Bad value for network setting port: 99999 is out of range; allowed: a whole number from 1 to 65535 (stored in the index as "99999"; fix it with `atrium config set port <value>` or `atrium config unset port`)',
      );
    }
    expect(unsetNetworkSetting(idx.settings, 'port').port).toBe(11112);
    idx.close();
  });
});
