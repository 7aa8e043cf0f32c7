import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { networkConformanceStatement } from '../network-conformance.js';
import { DEFAULT_NETWORK_CONFIG } from './network-config.js';
import { parseNetworkSetting } from './network-settings.js';

describe('findLimitAnswer (C-FIND SCP past findLimit)', () => {
  it('is refuse (A700) by default, success (the Canon GCA-9300R behaviour) on request, nothing else', () => {
    expect(DEFAULT_NETWORK_CONFIG.findLimitAnswer).toBe('refuse');
    expect(parseNetworkSetting('findLimitAnswer', ' SUCCESS ')).toBe('success');
    let error: unknown;
    try {
      parseNetworkSetting('findLimitAnswer', 'truncate');
    } catch (e) {
      error = e;
    }
    expect(isAtriumError(error) && error.code).toBe('ATRIUM_ERR_CONFIG_BAD_VALUE');
    expect(networkConformanceStatement(DEFAULT_NETWORK_CONFIG)).toContain('| C-FIND SCP past the limit | the first matches, then A700 | findLimitAnswer |');
    expect(networkConformanceStatement({ ...DEFAULT_NETWORK_CONFIG, findLimitAnswer: 'success' })).toContain('| C-FIND SCP past the limit | the first matches, then Success (Canon GCA-9300R) | findLimitAnswer |');
  });
});
