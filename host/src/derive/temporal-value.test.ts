import { describe, expect, it } from 'vitest';
import { DataSet } from '../io/data-set.js';
import { stringElement } from '../io/element-factory.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';
import { invalidTemporalValue } from './temporal-value.js';
import { Tag } from '@atrium/sdk';

const check = (vr: string, values: string[]) => {
  const e = stringElement(Tag.PatientBirthDate, vr, values, []);
  return invalidTemporalValue(e, new DataSet([e], EXPLICIT_LE));
};

describe('invalidTemporalValue', () => {
  it.each([
    ['DA', ['20240229'], undefined],
    ['DA', ['00000000'], '00000000'],
    ['DA', ['20230229'], '20230229'],
    ['DA', ['2024-01-01'], '2024-01-01'],
    ['DA', [''], undefined],
    ['TM', ['093000.123456'], undefined],
    ['TM', ['0930'], undefined],
    ['TM', ['250000'], '250000'],
    ['TM', ['09:30'], '09:30'],
    ['DT', ['2024'], undefined],
    ['DT', ['20240601093000.5+0100'], undefined],
    ['DT', ['2024+0100'], undefined],
    ['DT', ['20241301'], '20241301'],
    ['LO', ['00000000'], undefined],
  ])('%s %j → %s', (vr, values, expected) => {
    expect(check(vr, values)).toBe(expected);
  });
});
