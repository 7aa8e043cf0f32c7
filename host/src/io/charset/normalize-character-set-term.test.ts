import { describe, expect, test } from 'vitest';
import { SUPPORTED_CHARACTER_SET_TERMS } from './character-set-terms.js';
import { normalizeCharacterSetTerm } from './normalize-character-set-term.js';

describe('normalizeCharacterSetTerm', () => {
  test('every supported Defined Term maps to itself', () => {
    for (const { term } of SUPPORTED_CHARACTER_SET_TERMS) expect(normalizeCharacterSetTerm(term)).toBe(term);
  });

  test('the supported list covers PS3.3 Tables C.12-2 to C.12-5', () => {
    const irs = [100, 101, 109, 110, 144, 127, 126, 138, 148, 203, 13, 166];
    expect(SUPPORTED_CHARACTER_SET_TERMS.map((t) => t.term).sort()).toEqual(
      [
        ...irs.map((n) => `ISO_IR ${n}`),
        ...[6, ...irs].map((n) => `ISO 2022 IR ${n}`),
        ...[87, 159, 149, 58].map((n) => `ISO 2022 IR ${n}`),
        'ISO_IR 192',
        'GB18030',
        'GBK',
      ].sort(),
    );
  });

  test.each([
    ['', ''],
    ['  ', ''],
    ['ISO_IR 6', ''],
    ['iso_ir 100', 'ISO_IR 100'],
    [' ISO_IR 100 ', 'ISO_IR 100'],
    ['ISO-IR 100', 'ISO_IR 100'],
    ['ISO IR 100', 'ISO_IR 100'],
    ['ISO_IR100', 'ISO_IR 100'],
    ['ISO_IR_100', 'ISO_IR 100'],
    ['ISO2022 IR 87', 'ISO 2022 IR 87'],
    ['ISO 2022-IR 100', 'ISO 2022 IR 100'],
    ['ISO_IR 87', 'ISO 2022 IR 87'],
    ['ISO_IR 149', 'ISO 2022 IR 149'],
    ['ISO 2022 IR 192', 'ISO_IR 192'],
    ['ISO 2022 58', 'ISO 2022 IR 58'],
    ['ISO 2022 GBK', 'GBK'],
    ['UTF-8', 'ISO_IR 192'],
    ['utf8', 'ISO_IR 192'],
    ['GB 18030', 'GB18030'],
    ['GB2312', 'ISO 2022 IR 58'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeCharacterSetTerm(input)).toBe(expected);
  });

  test.each(['ISO_IR 999', 'ISO 2022 IR 192x', 'LATIN1', 'Shift_JIS'])('%j is unknown', (input) => {
    expect(normalizeCharacterSetTerm(input)).toBeUndefined();
  });
});
