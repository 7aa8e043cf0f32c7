/**
 * The worked examples of PS3.5 Annexes H (Japanese), I (Korean), J (UTF-8, GB18030, GBK)
 * and K (GB 2312), byte for byte: decodeText must read them, and encodeText must write
 * exactly the standard's bytes where the standard shows the canonical encoding.
 */
import { describe, expect, test } from 'vitest';
import { decodeText } from './decode-text.js';
import { encodeText } from './encode-text.js';

/** Concatenates hex byte groups ('1b 24 42') into bytes; ASCII runs are given as text. */
function bytes(...parts: Array<string | { ascii: string }>): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') out.push(...p.trim().split(/\s+/).map((h) => parseInt(h, 16)));
    else out.push(...Array.from(p.ascii, (c) => c.charCodeAt(0)));
  }
  return Uint8Array.from(out);
}

interface Example {
  readonly name: string;
  readonly charset: readonly string[];
  readonly vr: string;
  readonly text: string;
  readonly encoded: Uint8Array;
  /** Bytes encodeText writes, when they differ from `encoded` (padding, escape placement). */
  readonly written?: Uint8Array | 'not-canonical';
}

const ESC_JIS_X_0208 = '1b 24 42'; // ESC $ B   : JIS X 0208 to G0
const ESC_ASCII = '1b 28 42'; //      ESC ( B   : ISO 646 (ASCII) to G0
const ESC_JIS_ROMAN = '1b 28 4a'; //  ESC ( J   : JIS X 0201 Romaji to G0
const ESC_KS_X_1001 = '1b 24 29 43'; // ESC $ ) C : KS X 1001 to G1
const ESC_GB_2312 = '1b 24 29 41'; //   ESC $ ) A : GB 2312 to G1

const EXAMPLES: readonly Example[] = [
  {
    name: 'H.3.1 Japanese PN, value 1 empty (ISO 2022 IR 6), JIS X 0208',
    charset: ['', 'ISO 2022 IR 87'],
    vr: 'PN',
    text: 'Yamada^Tarou=山田^太郎=やまだ^たろう',
    encoded: bytes(
      { ascii: 'Yamada^Tarou=' },
      ESC_JIS_X_0208, '3b 33 45 44', /* 山田 */ ESC_ASCII, '5e', // ^
      ESC_JIS_X_0208, '42 40 4f 3a', /* 太郎 */ ESC_ASCII, '3d', // =
      ESC_JIS_X_0208, '24 64 24 5e 24 40', /* やまだ (note 5e inside) */ ESC_ASCII, '5e',
      ESC_JIS_X_0208, '24 3f 24 6d 24 26', /* たろう */ ESC_ASCII,
    ),
  },
  {
    name: 'H.3.2 Japanese PN, value 1 ISO 2022 IR 13 (half-width katakana in G1)',
    charset: ['ISO 2022 IR 13', 'ISO 2022 IR 87'],
    vr: 'PN',
    text: 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう',
    encoded: bytes(
      'd4 cf c0 de', // ﾔﾏﾀﾞ (JIS X 0201 katakana in GR)
      '5e', //         ^
      'c0 db b3', //   ﾀﾛｳ
      '3d', //         =
      ESC_JIS_X_0208, '3b 33 45 44', /* 山田 */ ESC_JIS_ROMAN, '5e',
      ESC_JIS_X_0208, '42 40 4f 3a', /* 太郎 */ ESC_JIS_ROMAN, '3d',
      ESC_JIS_X_0208, '24 64 24 5e 24 40', /* やまだ */ ESC_JIS_ROMAN, '5e',
      ESC_JIS_X_0208, '24 3f 24 6d 24 26', /* たろう */ ESC_JIS_ROMAN,
    ),
  },
  {
    name: 'I.2 Korean PN, KS X 1001 in G1 re-designated after each delimiter',
    charset: ['', 'ISO 2022 IR 149'],
    vr: 'PN',
    text: 'Hong^Gildong=洪^吉洞=홍^길동',
    encoded: bytes(
      { ascii: 'Hong^Gildong=' },
      ESC_KS_X_1001, 'fb f3', //       洪
      '5e', //                         ^
      ESC_KS_X_1001, 'd1 ce d4 d7', // 吉洞
      '3d', //                         =
      ESC_KS_X_1001, 'c8 ab', //       홍
      '5e', //                         ^
      ESC_KS_X_1001, 'b1 e6 b5 bf', // 길동
    ),
  },
  {
    name: 'I.3 Korean LT, escape sequence at the head of each line',
    charset: ['', 'ISO 2022 IR 149'],
    vr: 'LT',
    text: 'The first line includes 한글.\r\nThe second line includes 한글, too.\r\nThe third line',
    encoded: bytes(
      ESC_KS_X_1001, { ascii: 'The first line includes ' }, 'c7 d1 b1 db', /* 한글 */ { ascii: '.' }, '0d 0a',
      ESC_KS_X_1001, { ascii: 'The second line includes ' }, 'c7 d1 b1 db', { ascii: ', too.' }, '0d 0a',
      { ascii: 'The third line' },
    ),
    written: 'not-canonical', // Atrium designates G1 right before the Hangul instead
  },
  {
    name: 'J UTF-8 PN (ISO_IR 192)',
    charset: ['ISO_IR 192'],
    vr: 'PN',
    text: 'Wang^XiaoDong=王^小東=',
    encoded: bytes(
      { ascii: 'Wang^XiaoDong=' },
      'e7 8e 8b', //       王
      '5e', //             ^
      'e5 b0 8f e6 9d b1', // 小東
      '3d', //             =
    ),
  },
  ...['GB18030', 'GBK'].map((term) => ({
    name: `J GB18030 PN, as ${term} (the example lies in the area common to both)`,
    charset: [term],
    vr: 'PN',
    text: 'Wang^XiaoDong=王^小东=',
    encoded: bytes(
      { ascii: 'Wang^XiaoDong=' },
      'cd f5', //       王
      '5e', //          ^
      'd0 a1 b6 ab', // 小东
      '3d', //          =
    ),
  })),
  {
    name: 'J.4 GB18030 LT with CR LF',
    charset: ['GB18030'],
    vr: 'LT',
    text: 'The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n',
    encoded: bytes(
      { ascii: 'The first line includes' }, 'd6 d0 ce c4', /* 中文 */ { ascii: '.' }, '0d 0a',
      { ascii: 'The second line includes' }, 'd6 d0 ce c4', { ascii: ', too.' }, '0d 0a',
      { ascii: 'The third line.' }, '0d 0a',
    ),
  },
  {
    name: 'K.2 GB 2312 PN (ISO 2022 IR 58), with the example\u2019s SPACE pad',
    charset: ['', 'ISO 2022 IR 58'],
    vr: 'PN',
    text: 'Zhang^XiaoDong=张^小东= ',
    encoded: bytes(
      { ascii: 'Zhang^XiaoDong=' },
      ESC_GB_2312, 'd5 c5', //       张
      '5e', //                       ^
      ESC_GB_2312, 'd0 a1 b6 ab', // 小东
      '3d', //                       =
      '20', //                       padding
    ),
  },
  {
    name: 'K.3 GB 2312 LT, G1 re-designated on every line',
    charset: ['', 'ISO 2022 IR 58'],
    vr: 'LT',
    text: '1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n',
    encoded: bytes(
      { ascii: '1.' }, ESC_GB_2312, 'b5 da d2 bb d0 d0 ce c4 d7 d6 a1 a3', /* 第一行文字。 */ '0d 0a',
      { ascii: '2.' }, ESC_GB_2312, 'b5 da b6 fe d0 d0 ce c4 d7 d6 a1 a3', /* 第二行文字。 */ '0d 0a',
      { ascii: '3.' }, ESC_GB_2312, 'b5 da c8 fd d0 d0 ce c4 d7 d6 a1 a3', /* 第三行文字。 */ '0d 0a',
    ),
  },
];

describe('PS3.5 Annex H, I, J, K examples', () => {
  test.each(EXAMPLES)('decodes $name', ({ charset, vr, text, encoded }) => {
    const warnings: string[] = [];
    expect(decodeText(encoded, charset, vr, { onWarning: (w) => warnings.push(w) })).toBe(text);
    expect(warnings).toEqual([]);
  });

  test.each(EXAMPLES.filter((e) => e.written !== 'not-canonical'))(
    'encodes $name to the standard\u2019s bytes',
    ({ charset, vr, text, encoded }) => {
      const expected = text.endsWith(' ') ? encoded.subarray(0, encoded.length - 1) : encoded;
      const input = text.endsWith(' ') ? text.slice(0, -1) : text;
      expect(Array.from(encodeText(input, charset, vr))).toEqual(Array.from(expected));
    },
  );

  test('I.3: the encoding Atrium writes instead designates G1 right before the Hangul', () => {
    const text = 'The first line includes 한글.\r\nThe third line';
    expect(Array.from(encodeText(text, ['', 'ISO 2022 IR 149'], 'LT'))).toEqual(
      Array.from(
        bytes(
          { ascii: 'The first line includes ' }, ESC_KS_X_1001, 'c7 d1 b1 db', { ascii: '.' }, '0d 0a',
          { ascii: 'The third line' },
        ),
      ),
    );
  });
});
