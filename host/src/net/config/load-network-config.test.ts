import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { openIndex } from '../../db/open-index.js';
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
    const idx = openIndex(':memory:');
    expect(loadNetworkConfig(idx.db)).toEqual(DEFAULT_NETWORK_CONFIG);
    expect(setNetworkSetting(idx.db, 'aeTitle', ' WS1 ')).toEqual({ ...DEFAULT_NETWORK_CONFIG, aeTitle: 'WS1' });
    setNetworkSetting(idx.db, 'idleTimeoutMs', '5s');
    setNetworkSetting(idx.db, 'acceptUnknownCallingAe', 'off');
    setNetworkSetting(idx.db, 'maxPduLength', '0');
    expect(idx.db.prepare('SELECT key, value FROM setting ORDER BY key').all()).toEqual([
      { key: 'network.acceptUnknownCallingAe', value: 'false' },
      { key: 'network.aeTitle', value: 'WS1' },
      { key: 'network.idleTimeoutMs', value: '5000' },
      { key: 'network.maxPduLength', value: '0' },
    ]);
    expect(loadNetworkConfig(idx.db)).toEqual({ ...DEFAULT_NETWORK_CONFIG, aeTitle: 'WS1', idleTimeoutMs: 5000, acceptUnknownCallingAe: false, maxPduLength: 0 });
    const listed = listNetworkSettings(idx.db);
    expect(listed.find((s) => s.key === 'aeTitle')).toEqual({ key: 'aeTitle', value: 'WS1', isDefault: false, defaultValue: 'ATRIUM' });
    expect(listed.find((s) => s.key === 'port')).toEqual({ key: 'port', value: 11112, isDefault: true, defaultValue: 11112 });
    expect(unsetNetworkSetting(idx.db, 'aeTitle').aeTitle).toBe('ATRIUM');
    // A refused value leaves the stored one untouched.
    expect(codeOf(() => setNetworkSetting(idx.db, 'idleTimeoutMs', '-1'))).toBe('ATRIUM_ERR_CONFIG_BAD_VALUE');
    expect(codeOf(() => setNetworkSetting(idx.db, 'nope', '1'))).toBe('ATRIUM_ERR_CONFIG_UNKNOWN_KEY');
    expect(codeOf(() => unsetNetworkSetting(idx.db, 'nope'))).toBe('ATRIUM_ERR_CONFIG_UNKNOWN_KEY');
    expect(loadNetworkConfig(idx.db).idleTimeoutMs).toBe(5000);
    idx.close();
  });

  it('ignores settings it does not know and reports a stored value that became invalid', () => {
    const idx = openIndex(':memory:');
    idx.db.prepare('INSERT INTO setting (key, value) VALUES (?, ?), (?, ?)').run('network.fromTheFuture', 'x', 'other.thing', 'y');
    expect(loadNetworkConfig(idx.db)).toEqual(DEFAULT_NETWORK_CONFIG);
    idx.db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('network.port', '99999');
    try {
      loadNetworkConfig(idx.db);
      expect.unreachable();
    } catch (e) {
      expect(isAtriumError(e, 'ATRIUM_ERR_CONFIG_BAD_VALUE')).toBe(true);
      expect((e as Error).message).toBe(
        'Bad value for network setting port: 99999 is out of range; allowed: a whole number from 1 to 65535 (stored in the index as "99999"; fix it with `atrium config set port <value>` or `atrium config unset port`)',
      );
    }
    expect(unsetNetworkSetting(idx.db, 'port').port).toBe(11112);
    idx.close();
  });
});
