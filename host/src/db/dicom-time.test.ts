import { describe, expect, it } from 'vitest';
import { dicomTime } from './dicom-time.js';
import { wildcard } from './wildcard.js';

const H = 3600e6;
const M = 60e6;
const S = 1e6;

describe('dicomTime', () => {
  it('validates and normalizes DA', () => {
    expect(dicomTime.date('20240229')).toBe('20240229');
    expect(dicomTime.date(' 2024.01.02 ')).toBe('20240102');
    expect(dicomTime.date('20230229')).toBeUndefined();
    expect(dicomTime.date('20241301')).toBeUndefined();
    expect(dicomTime.date('2024011')).toBeUndefined();
  });

  it('reads partial TM values as the first or last instant they name', () => {
    expect(dicomTime.time('10', 'floor')).toBe(10 * H);
    expect(dicomTime.time('10', 'ceil')).toBe(10 * H + 59 * M + 59 * S + 999_999);
    expect(dicomTime.time('1030', 'floor')).toBe(10 * H + 30 * M);
    expect(dicomTime.time('1030', 'ceil')).toBe(10 * H + 30 * M + 59 * S + 999_999);
    expect(dicomTime.time('103015.25', 'floor')).toBe(10 * H + 30 * M + 15 * S + 250_000);
    expect(dicomTime.time('103015.25', 'ceil')).toBe(10 * H + 30 * M + 15 * S + 259_999);
    expect(dicomTime.time('103015.123456', 'ceil')).toBe(10 * H + 30 * M + 15 * S + 123_456);
    expect(dicomTime.time('14:30:05', 'floor')).toBe(14 * H + 30 * M + 5 * S);
    expect(dicomTime.time('235960', 'floor')).toBe(23 * H + 59 * M + 60 * S); // leap second
    for (const bad of ['1', '2400', '1060', '10:3', '103015.1234567', 'ab']) {
      expect(dicomTime.time(bad, 'floor'), bad).toBeUndefined();
    }
  });

  it('reads partial DT values, month lengths and UTC offsets', () => {
    const utc = (...p: [number, number, number, number, number, number]): number => Date.UTC(...p) * 1000;
    expect(dicomTime.dateTime('2024', 'floor')).toBe(utc(2024, 0, 1, 0, 0, 0));
    expect(dicomTime.dateTime('2024', 'ceil')).toBe(utc(2024, 11, 31, 23, 59, 59) + 999_999);
    expect(dicomTime.dateTime('202402', 'ceil')).toBe(utc(2024, 1, 29, 23, 59, 59) + 999_999);
    expect(dicomTime.dateTime('20240101120000.5', 'floor')).toBe(utc(2024, 0, 1, 12, 0, 0) + 500_000);
    expect(dicomTime.dateTime('20240101120000+0130', 'floor')).toBe(utc(2024, 0, 1, 10, 30, 0));
    expect(dicomTime.dateTime('20240101120000-0500', 'floor')).toBe(utc(2024, 0, 1, 17, 0, 0));
    for (const bad of ['202', '20241301', '20240230', '2024010124', '20240101.5']) {
      expect(dicomTime.dateTime(bad, 'floor'), bad).toBeUndefined();
    }
  });
});

describe('wildcard', () => {
  it('escapes GLOB brackets only', () => {
    expect(wildcard.toGlob('[a]*_%?')).toBe('[[]a]*_%?');
    expect(wildcard.has('a*')).toBe(true);
    expect(wildcard.has('a_%')).toBe(false);
  });

  it('builds anchored, literal-safe regular expressions', () => {
    const re = wildcard.toRegExp('a.b*(c)?');
    expect(re.test('a.bXX(c)1')).toBe(true);
    expect(re.test('aXbXX(c)1')).toBe(false);
    expect(re.test('a.b(c)')).toBe(false);
    expect(wildcard.toRegExp('?').test('😀')).toBe(true);
    expect(wildcard.toRegExp('x-y/z').test('x-y/z')).toBe(true);
  });
});
