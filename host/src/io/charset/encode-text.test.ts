import { describe, expect, test } from 'vitest';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { SUPPORTED_CHARACTER_SET_TERMS } from './character-set-terms.js';
import { decodeText } from './decode-text.js';
import { encodeText } from './encode-text.js';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** A person name in the script of each supported Defined Term (IR number → text). */
const SCRIPT_SAMPLES: Readonly<Record<string, string>> = {
  'ISO 2022 IR 6': 'Smith^John^^Dr.=',
  'ISO_IR 100': 'Äneas^Rüdiger=Ñandú^Ça',
  'ISO_IR 101': 'Dvořák^Łukasz Świętosław',
  'ISO_IR 109': 'Ħal Ġħaxaq^Ĉiĉero',
  'ISO_IR 110': 'Ķēniņš^Ļaudis Ŗūta',
  'ISO_IR 144': 'Люксембург^Иван',
  'ISO_IR 127': 'قباني^لنزار',
  'ISO_IR 126': 'Διονυσιος^Αλέξης',
  'ISO_IR 138': 'שרון^דבורה',
  'ISO_IR 148': 'Çağrı^Işık Öztürk',
  'ISO_IR 203': 'Œuvre^Šárka Žofie €',
  'ISO_IR 13': 'ﾔﾏﾀﾞ^ﾀﾛｳ',
  'ISO_IR 166': 'สมชาย^ใจดี',
  'ISO 2022 IR 87': 'Yamada^Tarou=山田^太郎=やまだ^たろう',
  'ISO 2022 IR 159': '鷗^丂',
  'ISO 2022 IR 149': 'Hong^Gildong=洪^吉洞=홍^길동',
  'ISO 2022 IR 58': 'Zhang^XiaoDong=张^小东=',
  'ISO_IR 192': 'Wang^XiaoDong=王^小東=😀 Ελληνικά',
  GB18030: 'Wang^XiaoDong=王^小东=😀€ḿ',
  GBK: 'Wang^XiaoDong=王^小东=瞭',
};

function sampleFor(term: string): string {
  const text = SCRIPT_SAMPLES[term] ?? SCRIPT_SAMPLES[term.replace('ISO 2022 IR', 'ISO_IR')];
  if (text === undefined) throw new Error(`no sample text for ${term}`);
  return text;
}

/** The Specific Character Set values a term is written with (multi-byte ones need value 1). */
function charsetFor(term: string): string[] {
  const info = SUPPORTED_CHARACTER_SET_TERMS.find((t) => t.term === term);
  return info?.codeExtensions && info.multiByte ? ['', term] : [term];
}

describe('round trips decodeText(encodeText(s)) === s', () => {
  test.each(SUPPORTED_CHARACTER_SET_TERMS.map((t) => t.term))('%s', (term) => {
    const cs = charsetFor(term);
    const name = sampleFor(term);
    const values = `${name}\\${name}`;
    const text = `${name.replace(/[\^=]/g, ' ')}\r\n\t${name}`;
    for (const [vr, s] of [['PN', name], ['PN', values], ['LO', values], ['SH', name.slice(0, 8)], ['LT', text], ['UT', text]] as const) {
      const encoded = encodeText(s, cs, vr);
      const warnings: string[] = [];
      expect(decodeText(encoded, cs, vr, { onWarning: (w) => warnings.push(w) }), `${vr} ${hex(encoded)}`).toBe(s);
      expect(warnings).toEqual([]);
    }
  });

  test.each([
    [['ISO 2022 IR 100', 'ISO 2022 IR 144', 'ISO 2022 IR 126'], 'Müller^Люкс=Δέλτα\\Ça'],
    [['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'], '森^鷗外=もり^おうがい'],
    [['ISO 2022 IR 13', 'ISO 2022 IR 87', 'ISO 2022 IR 159'], 'ﾓﾘ^ｵｳｶﾞｲ=森^鷗外=ぼま^そ'],
    [['', 'ISO 2022 IR 149', 'ISO 2022 IR 87'], '홍^길동=やまだ'],
    [['ISO 2022 IR 100', 'ISO 2022 IR 58'], 'Zoë^张=小东'],
  ])('combined %j', (cs, s) => {
    for (const vr of ['PN', 'LO', 'LT']) expect(decodeText(encodeText(s, cs, vr), cs, vr)).toBe(s);
  });
});

describe('encodeText bytes', () => {
  const jis = ['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'];

  test('JIS X 0212 is designated with ESC $ ( D, and ASCII restored at the end', () => {
    expect(hex(encodeText('森鷗', jis, 'PN'))).toBe('1b 24 42 3f 39 1b 24 28 44 6c 3f 1b 28 42');
  });

  test('ASCII is restored before the value delimiter and before a space', () => {
    expect(hex(encodeText('山\\田', jis, 'LO'))).toBe('1b 24 42 3b 33 1b 28 42 5c 1b 24 42 45 44 1b 28 42');
    expect(hex(encodeText('山 田', jis, 'LT'))).toBe('1b 24 42 3b 33 1b 28 42 20 1b 24 42 45 44 1b 28 42');
  });

  test('value 1 G1 set is re-designated before delimiters and line ends', () => {
    const cs = ['ISO 2022 IR 100', 'ISO 2022 IR 144'];
    expect(hex(encodeText('Л^ü', cs, 'PN'))).toBe('1b 2d 4c bb 1b 2d 41 5e fc');
    expect(hex(encodeText('Л^Л', cs, 'LT'))).toBe('1b 2d 4c bb 5e bb'); // '^' is text in LT
    expect(hex(encodeText('Л\nЛ', cs, 'LT'))).toBe('1b 2d 4c bb 1b 2d 41 0a 1b 2d 4c bb');
  });

  test('single-byte sets write one byte per character', () => {
    expect(hex(encodeText('Люк', ['ISO_IR 144'], 'PN'))).toBe('bb ee da');
    expect(hex(encodeText('€', ['ISO_IR 203'], 'LO'))).toBe('a4');
  });

  test('UTF-8 and GB18030 four-byte codes', () => {
    expect(hex(encodeText('😀', ['ISO_IR 192'], 'LO'))).toBe('f0 9f 98 80');
    expect(hex(encodeText('😀\u0080', ['GB18030'], 'LO'))).toBe('94 39 fc 36 81 30 81 30');
  });

  test('non-text VRs and the default repertoire are ASCII', () => {
    expect(hex(encodeText('ORIGINAL\\PRIMARY', ['ISO_IR 192'], 'CS'))).toBe(
      '4f 52 49 47 49 4e 41 4c 5c 50 52 49 4d 41 52 59',
    );
    expect(hex(encodeText('Smith^John', undefined, 'PN'))).toBe('53 6d 69 74 68 5e 4a 6f 68 6e');
  });
});

describe('encodeText errors', () => {
  function error(fn: () => unknown): AtriumError {
    try {
      fn();
    } catch (e) {
      if (isAtriumError(e)) return e;
      throw e;
    }
    throw new Error('expected an AtriumError');
  }

  test('a character outside the repertoire names the character, its index and the charset', () => {
    const e = error(() => encodeText('Müller^Łukasz', ['ISO_IR 100'], 'PN'));
    expect(e.code).toBe('ATRIUM_ERR_CHARSET_UNENCODABLE');
    expect(e.message).toBe(
      "Cannot encode character 'Ł' (U+0141) at index 7 of a PN value with Specific Character Set 'ISO_IR 100'",
    );
    expect(e.details).toEqual({
      character: 'Ł',
      codePoint: 0x141,
      index: 7,
      vr: 'PN',
      specificCharacterSet: ['ISO_IR 100'],
    });
  });

  test.each([
    ['é', undefined, 'PN', "'é' (U+00E9)"],
    ['é', ['ISO_IR 100'], 'CS', 'VR CS is not a text VR'],
    ['张', ['', 'ISO 2022 IR 149'], 'PN', "'张' (U+5F20)"], // simplified: not in KS X 1001
    ['😀', ['GBK'], 'LO', "'😀' (U+1F600)"],
    ['😀', ['', 'ISO 2022 IR 87'], 'LO', "'😀' (U+1F600)"],
    ['a\x1bb', ['', 'ISO 2022 IR 87'], 'LT', 'U+001B'],
    ['a\ud800', ['ISO_IR 192'], 'LT', 'U+D800'],
    ['\u0085', ['ISO_IR 100'], 'LT', 'U+0085'], // C1 controls are never written
  ])('%j with %j (%s) is unencodable', (s, cs, vr, named) => {
    const e = error(() => encodeText(s, cs, vr));
    expect(e.code).toBe('ATRIUM_ERR_CHARSET_UNENCODABLE');
    expect(e.message).toContain(named);
  });

  test('an unknown term is refused', () => {
    const e = error(() => encodeText('x', ['ISO_IR 999'], 'PN'));
    expect(e.code).toBe('ATRIUM_ERR_CHARSET_UNKNOWN_TERM');
    expect(e.message).toContain("'ISO_IR 999'");
  });
});
