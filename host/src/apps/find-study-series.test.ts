import { describe, expect, it } from 'vitest';
import { findStudySeries } from './find-study-series.js';

describe('findStudySeries: the series ctx.readSeries may read', () => {
  const held = [{ study: '1.2.3', series: '1.2.3.4' }, { study: '1.2.3', series: '1.2.3.4' }, { study: '9.9', series: '9.9.1' }];
  const find = (study: string) => (uid: string) => held.filter((h) => h.study === study && h.series === uid);

  it('gives the instances of a series of the study, its UID trimmed of padding', () => {
    expect(findStudySeries('1.2.3', ' 1.2.3.4 ', find('1.2.3'))).toHaveLength(2);
  });

  it('refuses a value that is not a UID before looking (a path, a list, a wildcard, too long, not text)', () => {
    let looked = 0;
    const counting = (uid: string) => (looked++, find('1.2.3')(uid));
    for (const value of ['../1.2.3.4', '1.2.3.4\\9.9.1', '*', '1.'.repeat(33), '', 12, undefined]) {
      expect(() => findStudySeries('1.2.3', value, counting), String(value)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_APP_INPUT', message: `${JSON.stringify(value)} is not a Series Instance UID` }));
    }
    expect(looked).toBe(0);
  });

  it('refuses a series held in another study only, or not held at all, naming the study', () => {
    expect(() => findStudySeries('1.2.3', '9.9.1', find('1.2.3'))).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_APP_INPUT', message: 'no series 9.9.1 is stored in study 1.2.3' }));
    expect(() => findStudySeries('1.2.3', '1.2.3.5', find('1.2.3'))).toThrow('no series 1.2.3.5 is stored in study 1.2.3');
  });
});
