import { describe, expect, it } from 'vitest';
import { sampleEvenly } from './sample-evenly.js';

describe('sampleEvenly', () => {
  it('spreads indices evenly, first and last included', () => {
    expect(sampleEvenly(10, 3)).toEqual([0, 5, 9]);
    expect(sampleEvenly(20, 8)).toEqual([0, 3, 5, 8, 11, 14, 16, 19]);
    expect(sampleEvenly(17, 2)).toEqual([0, 16]);
  });

  it('takes everything when asked for at least as many, the middle for one, nothing for none', () => {
    expect(sampleEvenly(4, 8)).toEqual([0, 1, 2, 3]);
    expect(sampleEvenly(4, 4)).toEqual([0, 1, 2, 3]);
    expect(sampleEvenly(5, 1)).toEqual([2]);
    expect(sampleEvenly(4, 1)).toEqual([1]);
    expect(sampleEvenly(0, 3)).toEqual([]);
    expect(sampleEvenly(3, 0)).toEqual([]);
  });

  it('indices are distinct and increasing for every length and count', () => {
    const bad: string[] = [];
    for (let length = 1; length <= 40; length++) {
      for (let count = 1; count <= 16; count++) {
        const s = sampleEvenly(length, count);
        const ok = s.length === Math.min(length, count) && s.every((v, i) => v >= 0 && v < length && (i === 0 || v > s[i - 1]!));
        if (!ok) bad.push(`${length}/${count}: ${s.join(',')}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
