import type { GraphicSetId } from './graphic-sets.js';

/** Whole-value encodings that are not ISO 2022 based (no code extensions allowed). */
export type StandaloneEncoding = 'utf-8' | 'gb18030' | 'gbk';

/** One Defined Term of Specific Character Set (0008,0005) supported by Atrium. */
export interface CharacterSetTermInfo {
  /** The Defined Term exactly as PS3.3 C.12.1.1.2 spells it. */
  readonly term: string;
  /** Human-readable name of the character set. */
  readonly description: string;
  /** True for the `ISO 2022 ...` terms (PS3.3 Tables C.12-3 and C.12-4). */
  readonly codeExtensions: boolean;
  /** True when characters take more than one byte. */
  readonly multiByte: boolean;
  /** Set designated to G0 by this term (ISO 2022 based terms only). */
  readonly g0?: GraphicSetId;
  /** Set designated to G1 by this term (ISO 2022 based terms only). */
  readonly g1?: GraphicSetId;
  /** Whole-value encoding for the terms that are not ISO 2022 based. */
  readonly encoding?: StandaloneEncoding;
}

const SINGLE_BYTE: ReadonlyArray<[number, GraphicSetId, string]> = [
  [100, 'latin1', 'Latin alphabet No. 1 (ISO 8859-1)'],
  [101, 'latin2', 'Latin alphabet No. 2 (ISO 8859-2)'],
  [109, 'latin3', 'Latin alphabet No. 3 (ISO 8859-3)'],
  [110, 'latin4', 'Latin alphabet No. 4 (ISO 8859-4)'],
  [144, 'cyrillic', 'Cyrillic (ISO 8859-5)'],
  [127, 'arabic', 'Arabic (ISO 8859-6)'],
  [126, 'greek', 'Greek (ISO 8859-7)'],
  [138, 'hebrew', 'Hebrew (ISO 8859-8)'],
  [148, 'latin5', 'Latin alphabet No. 5, Turkish (ISO 8859-9)'],
  [203, 'latin9', 'Latin alphabet No. 9 (ISO 8859-15)'],
  [13, 'jisx0201-katakana', 'Japanese JIS X 0201 (Katakana and Romaji)'],
  [166, 'thai', 'Thai TIS 620-2533 (ISO 8859-11)'],
];

function singleByte(codeExtensions: boolean): CharacterSetTermInfo[] {
  return SINGLE_BYTE.map(([ir, g1, description]) => ({
    term: codeExtensions ? `ISO 2022 IR ${ir}` : `ISO_IR ${ir}`,
    description,
    codeExtensions,
    multiByte: false,
    g0: ir === 13 ? 'jisx0201-roman' : 'ascii',
    g1,
  }));
}

/**
 * Every Defined Term of Specific Character Set (0008,0005) that Atrium decodes and encodes,
 * in the order of PS3.3 Tables C.12-2 (single-byte without code extensions), C.12-3
 * (single-byte with code extensions), C.12-4 (multi-byte with code extensions) and C.12-5
 * (multi-byte without code extensions). An absent or empty value means the default
 * repertoire ISO-IR 6 (ASCII).
 */
export const SUPPORTED_CHARACTER_SET_TERMS: readonly CharacterSetTermInfo[] = [
  ...singleByte(false),
  {
    term: 'ISO 2022 IR 6',
    description: 'Default repertoire ISO 646 (ASCII)',
    codeExtensions: true,
    multiByte: false,
    g0: 'ascii',
  },
  ...singleByte(true),
  {
    term: 'ISO 2022 IR 87',
    description: 'Japanese JIS X 0208 (Kanji)',
    codeExtensions: true,
    multiByte: true,
    g0: 'jisx0208',
  },
  {
    term: 'ISO 2022 IR 159',
    description: 'Japanese JIS X 0212 (Supplementary Kanji)',
    codeExtensions: true,
    multiByte: true,
    g0: 'jisx0212',
  },
  {
    term: 'ISO 2022 IR 149',
    description: 'Korean KS X 1001 (Hangul and Hanja)',
    codeExtensions: true,
    multiByte: true,
    g1: 'ksx1001',
  },
  {
    term: 'ISO 2022 IR 58',
    description: 'Simplified Chinese GB 2312',
    codeExtensions: true,
    multiByte: true,
    g1: 'gb2312',
  },
  {
    term: 'ISO_IR 192',
    description: 'Unicode in UTF-8',
    codeExtensions: false,
    multiByte: true,
    encoding: 'utf-8',
  },
  {
    term: 'GB18030',
    description: 'Chinese GB 18030',
    codeExtensions: false,
    multiByte: true,
    encoding: 'gb18030',
  },
  {
    term: 'GBK',
    description: 'Chinese GBK',
    codeExtensions: false,
    multiByte: true,
    encoding: 'gbk',
  },
];

/** Lookup of {@link SUPPORTED_CHARACTER_SET_TERMS} by Defined Term. */
export const CHARACTER_SET_TERMS: ReadonlyMap<string, CharacterSetTermInfo> = new Map(
  SUPPORTED_CHARACTER_SET_TERMS.map((info) => [info.term, info]),
);
