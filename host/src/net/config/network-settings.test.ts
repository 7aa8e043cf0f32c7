import { describe, expect, it } from 'vitest';
import { aeTitleProblem } from './ae-title.js';
import { DEFAULT_NETWORK_CONFIG } from './network-config.js';
import { NETWORK_SETTING_KEYS, parseNetworkSetting } from './network-settings.js';
import { errorOf } from './test-support/error-of.js';

describe('network settings', () => {
  it('has a parser for every field of the defaults, and the seed defaults', () => {
    expect(NETWORK_SETTING_KEYS).toEqual(Object.keys(DEFAULT_NETWORK_CONFIG));
    expect(DEFAULT_NETWORK_CONFIG).toMatchObject({ aeTitle: 'ATRIUM', port: 11112, maxPduLength: 65536, findLimit: 500, findScuLimit: 100, storeRetries: 5, moveRetries: 3, moveRetryDelayMs: 60000 });
    // Every default survives its own parser (String() is the stored text form).
    for (const key of NETWORK_SETTING_KEYS) expect(parseNetworkSetting(key, String(DEFAULT_NETWORK_CONFIG[key]))).toEqual(DEFAULT_NETWORK_CONFIG[key]);
  });

  it('parses AE titles as PS3.5 AE values', () => {
    expect(parseNetworkSetting('aeTitle', '  STORE_SCP ')).toBe('STORE_SCP');
    expect(parseNetworkSetting('aeTitle', 'ABCDEFGHIJKLMNOP')).toBe('ABCDEFGHIJKLMNOP');
    expect(parseNetworkSetting('aeTitle', 'a b')).toBe('a b');
    expect(aeTitleProblem('ABCDEFGHIJKLMNOPQ')).toBe('an AE title has at most 16 characters, "ABCDEFGHIJKLMNOPQ" has 17');
    expect(aeTitleProblem('    ')).toBe('an AE title must not be empty or all spaces');
    expect(aeTitleProblem('A\\B')).toBe('an AE title must not contain a backslash');
    expect(aeTitleProblem('A\tB')).toBe('an AE title holds printable ASCII characters only, not "\\t" (U+0009)');
    expect(aeTitleProblem('CAFÉ')).toBe('an AE title holds printable ASCII characters only, not "É" (U+00C9)');
    const e = errorOf(() => parseNetworkSetting('aeTitle', ''));
    expect(e).toEqual({
      code: 'ATRIUM_ERR_CONFIG_BAD_VALUE',
      message: 'Bad value for network setting aeTitle: an AE title must not be empty or all spaces; allowed: 1-16 printable ASCII characters, no backslash, not all spaces',
    });
  });

  it('parses numbers within bounds, with 0 only where it means unlimited', () => {
    expect(parseNetworkSetting('port', '104')).toBe(104);
    expect(parseNetworkSetting('maxPduLength', '0')).toBe(0);
    expect(parseNetworkSetting('maxPduLength', '4096')).toBe(4096);
    expect(parseNetworkSetting('maxPduLength', '4294967295')).toBe(4294967295);
    expect(parseNetworkSetting('findLimit', '0')).toBe(0);
    expect(parseNetworkSetting('storeRetries', '0')).toBe(0);
    expect(errorOf(() => parseNetworkSetting('maxPduLength', '4095')).message).toBe(
      'Bad value for network setting maxPduLength: 4095 is out of range; allowed: a whole number from 4096 to 4294967295, or 0 (unlimited)',
    );
    expect(errorOf(() => parseNetworkSetting('maxPduLength', '4294967296')).code).toBe('ATRIUM_ERR_CONFIG_BAD_VALUE');
    expect(errorOf(() => parseNetworkSetting('maxPduSendLength', '0')).code).toBe('ATRIUM_ERR_CONFIG_BAD_VALUE');
    expect(errorOf(() => parseNetworkSetting('port', '0')).message).toBe('Bad value for network setting port: 0 is out of range; allowed: a whole number from 1 to 65535');
    expect(errorOf(() => parseNetworkSetting('port', '65536')).code).toBe('ATRIUM_ERR_CONFIG_BAD_VALUE');
    for (const junk of ['-1', '1.5', '1e3', '', 'ten', '0x10']) expect(errorOf(() => parseNetworkSetting('maxAssociations', junk)).code).toBe('ATRIUM_ERR_CONFIG_BAD_VALUE');
    expect(errorOf(() => parseNetworkSetting('maxAssociations', '0')).code).toBe('ATRIUM_ERR_CONFIG_BAD_VALUE');
  });

  it('parses durations in ms or with a unit', () => {
    expect(parseNetworkSetting('associationTimeoutMs', '500')).toBe(500);
    expect(parseNetworkSetting('associationTimeoutMs', '30s')).toBe(30000);
    expect(parseNetworkSetting('idleTimeoutMs', '2m')).toBe(120000);
    expect(parseNetworkSetting('dimseTimeoutMs', '1h')).toBe(3600000);
    expect(parseNetworkSetting('dimseTimeoutMs', '0')).toBe(0);
    expect(parseNetworkSetting('moveRetryDelayMs', '0')).toBe(0);
    expect(errorOf(() => parseNetworkSetting('associationTimeoutMs', '0')).message).toBe(
      'Bad value for network setting associationTimeoutMs: 0 ms is out of range; allowed: milliseconds from 100 to 86400000 (units ms, s, m, h accepted, e.g. 30s)',
    );
    expect(errorOf(() => parseNetworkSetting('connectTimeoutMs', '11m')).code).toBe('ATRIUM_ERR_CONFIG_BAD_VALUE');
    expect(errorOf(() => parseNetworkSetting('idleTimeoutMs', '5 days')).message).toContain('"5 days" is not a duration');
  });

  it('parses booleans and addresses', () => {
    expect(['true', 'YES', 'on', '1'].map((t) => parseNetworkSetting('acceptUnknownHosts', t))).toEqual([true, true, true, true]);
    expect(['false', 'No', 'OFF', '0'].map((t) => parseNetworkSetting('acceptUnknownCallingAe', t))).toEqual([false, false, false, false]);
    expect(errorOf(() => parseNetworkSetting('acceptUnknownHosts', 'maybe')).message).toBe(
      'Bad value for network setting acceptUnknownHosts: "maybe" is not a boolean; allowed: true or false (also yes/no, on/off, 1/0)',
    );
    expect(parseNetworkSetting('bindAddress', '127.0.0.1')).toBe('127.0.0.1');
    expect(parseNetworkSetting('bindAddress', '::')).toBe('::');
    expect(parseNetworkSetting('bindAddress', 'localhost')).toBe('localhost');
    expect(errorOf(() => parseNetworkSetting('bindAddress', '256.0.0.1')).code).toBe('ATRIUM_ERR_CONFIG_BAD_VALUE');
  });

  it('names the known keys for an unknown one', () => {
    const e = errorOf(() => parseNetworkSetting('AETitle', 'X'));
    expect(e.code).toBe('ATRIUM_ERR_CONFIG_UNKNOWN_KEY');
    expect(e.message).toBe(`Unknown network setting "AETitle"; settings: ${NETWORK_SETTING_KEYS.join(', ')}`);
    expect(errorOf(() => parseNetworkSetting('toString', 'X')).code).toBe('ATRIUM_ERR_CONFIG_UNKNOWN_KEY');
  });
});
