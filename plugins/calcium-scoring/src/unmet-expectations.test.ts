import { describe, expect, it } from 'vitest';
import { calciumSeries } from './test-support/calcium-series.js';
import { unmetExpectations } from './unmet-expectations.js';

describe('unmetExpectations', () => {
  it('lists each unmet expected value with how many slices have it, absent values included', () => {
    const input = calciumSeries({ slices: 3, size: 16, override: (i) => (i === 0 ? { KVP: 100 } : i === 1 ? { KVP: undefined } : {}) }).source;
    const load = { Rows: { usage: 'Mandatory', expect: 512 }, KVP: { usage: 'Used', expect: 120 }, Modality: { usage: 'Used', expect: 'CT' } } as const;
    expect(unmetExpectations(load, input.instances)).toEqual([
      'Rows is 16 on 3 of 3 slices (expected 512)',
      'KVP is 100 on 1 of 3 slices (expected 120)',
      'KVP is (absent) on 1 of 3 slices (expected 120)',
    ]);
  });
});
