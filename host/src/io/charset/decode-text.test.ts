import { describe, expect, test } from 'vitest';
import { SUPPORTED_CHARACTER_SET_TERMS } from './character-set-terms.js';
import { decodeText } from './decode-text.js';

function hex(s: string): Uint8Array {
  return Uint8Array.from(s.trim().split(/\s+/).map((h) => parseInt(h, 16)));
}

function decode(bytes: string, charset: readonly string[] | undefined, vr = 'LO') {
  const warnings: string[] = [];
  const text = decodeText(hex(bytes), charset, vr, { onWarning: (w) => warnings.push(w) });
  return { text, warnings };
}

describe('decodeText: single-byte sets', () => {
  test.each([
    ['ISO_IR 100', 'c4 e9', 'Äé'],
    ['ISO_IR 101', 'a3 b3 f8', 'Łłř'],
    ['ISO_IR 109', 'a1 b1 c6 e6', 'ĦħĈĉ'],
    ['ISO_IR 110', 'a2 d3 f1', 'ĸĶņ'],
    ['ISO_IR 144', 'bb ee da', 'Люк'],
    ['ISO_IR 127', 'c7 e4', 'ال'],
    ['ISO_IR 126', 'c4 e9', 'Δι'],
    ['ISO_IR 138', 'f9 f8', 'שר'],
    ['ISO_IR 148', 'd0 f0 dd fd', 'ĞğİI'.replace('I', 'ı')],
    ['ISO_IR 203', 'a4 bc a6', '€ŒŠ'],
    ['ISO_IR 13', 'b1 b2 df', 'ｱｲﾟ'],
    ['ISO_IR 166', 'a1 e0 f0', 'กเ๐'],
  ])('%s decodes %s as %s', (term, bytes, text) => {
    expect(decode(bytes, [term])).toEqual({ text, warnings: [] });
    // the same term with code extensions designates the same G1 set
    expect(decode(bytes, [term.replace('ISO_IR', 'ISO 2022 IR')])).toEqual({ text, warnings: [] });
  });

  test('ISO_IR 100 maps 0x80..0x9F to C1 controls (ISO 8859-1, not windows-1252)', () => {
    expect(decode('80 9f', ['ISO_IR 100']).text).toBe('\u0080\u009f');
  });

  test('JIS X 0201 Romaji (ISO_IR 13 G0) keeps 0x5C as the value delimiter', () => {
    expect(decode('41 5c 42', ['ISO_IR 13']).text).toBe('A\\B');
  });
});

describe('decodeText: default repertoire and non-text VRs', () => {
  test.each([undefined, [], ['']])('absent/empty (0008,0005) %j is ASCII, bytes >= 0x80 as latin1 without warning', (cs) => {
    expect(decode('4d fc 6c 6c 65 72', cs)).toEqual({ text: 'Müller', warnings: [] });
  });

  test.each(['CS', 'DA', 'UI', 'AE', 'DS', 'IS', 'TM', 'UR'])('%s ignores Specific Character Set', (vr) => {
    // The same bytes are a JIS X 0208 kanji for a text VR.
    expect(decode('1b 24 42 3b 33 1b 28 42', ['', 'ISO 2022 IR 87'], vr).text).toBe('\x1b$B;3\x1b(B');
    expect(decode('bb', ['ISO_IR 144'], vr).text).toBe('»');
  });

  test.each(['SH', 'LO', 'ST', 'LT', 'UT', 'PN', 'UC'])('%s uses Specific Character Set', (vr) => {
    expect(decode('1b 24 42 3b 33 1b 28 42', ['', 'ISO 2022 IR 87'], vr).text).toBe('山');
  });
});

describe('decodeText: code extensions and delimiters', () => {
  const cs = ['ISO 2022 IR 100', 'ISO 2022 IR 144'];
  // ESC - L designates Cyrillic to G1: 0xBB is 'Л' there and '»' in latin1 (value 1).
  test.each([
    ['PN', '5e', 'Л^»'],
    ['PN', '3d', 'Л=»'],
    ['LO', '5c', 'Л\\»'],
    ['LT', '5c', 'Л\\Л'], // LT is single-valued: backslash is text
    ['PN', '20', 'Л Л'], // space is not a delimiter
    ...['0d', '0a', '0c', '09'].map((c) => ['LT', c, `Л${String.fromCharCode(parseInt(c, 16))}»`]),
  ])('%s: byte %s %s', (vr, delimiter, text) => {
    expect(decode(`1b 2d 4c bb ${delimiter} bb`, cs, vr)).toEqual({ text, warnings: [] });
  });

  test('several G1 sets switched within one value', () => {
    const bytes = '4d fc 1b 2d 4c bb 1b 2d 46 c4 1b 2d 41 fc';
    expect(decode(bytes, ['ISO 2022 IR 100', 'ISO 2022 IR 144', 'ISO 2022 IR 126']).text).toBe('MüЛΔü');
  });

  test('double-byte pairs are not split at delimiter bytes (ぼ = 24 5C, ま = 24 5E, そ = 24 3D)', () => {
    expect(decode('1b 24 42 24 5c 24 5e 24 3d 1b 28 42', ['', 'ISO 2022 IR 87'], 'PN').text).toBe('ぼまそ');
  });

  test('value 1 "ISO 2022 IR 6" is the same as an empty value 1', () => {
    const bytes = '1b 24 42 24 64 24 5e 24 40 1b 28 42';
    expect(decode(bytes, ['ISO 2022 IR 6', 'ISO 2022 IR 87'], 'PN').text).toBe('やまだ');
    expect(decode(bytes, ['', 'ISO 2022 IR 87'], 'PN').text).toBe('やまだ');
  });

  test('JIS X 0212 (ISO 2022 IR 159) via ESC $ ( D, and ESC $ @ as JIS X 0208', () => {
    const cs = ['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'];
    expect(decode('1b 24 42 3f 39 1b 24 28 44 6c 3f 1b 24 42 33 30 1b 28 42', cs, 'PN').text).toBe('森鷗外');
    expect(decode('1b 24 40 3b 33 1b 28 42', cs, 'PN').text).toBe('山');
  });

  test('a G1 double-byte set as value 1 is designated from the start (lenient)', () => {
    expect(decode('c7 d1 b1 db', ['ISO 2022 IR 149'])).toEqual({ text: '한글', warnings: [] });
    expect(decode('d6 d0 ce c4', ['ISO 2022 IR 58'])).toEqual({ text: '中文', warnings: [] });
  });

  test('GBK pairs beyond GB 2312 decode under ISO 2022 IR 58 (lenient)', () => {
    expect(decode('1b 24 29 41 81 80', ['', 'ISO 2022 IR 58']).text).toBe('亐');
  });

  test('a lone lead byte of a G1 double-byte set is U+FFFD with a warning', () => {
    const r = decode('1b 24 29 43 c7 41', ['', 'ISO 2022 IR 149']);
    expect(r.text).toBe('\ufffdA');
    expect(r.warnings).toHaveLength(1);
  });
});

describe('decodeText: standalone multi-byte sets', () => {
  test('UTF-8 keeps a BOM and reports invalid bytes', () => {
    expect(decode('ef bb bf 41', ['ISO_IR 192']).text).toBe('\ufeffA');
    const r = decode('41 ff 42', ['ISO_IR 192']);
    expect(r.text).toBe('A\ufffdB');
    expect(r.warnings).toEqual(['LO value: invalid utf-8 bytes replaced with U+FFFD']);
  });

  test('GB18030 four-byte codes; GBK two-byte codes', () => {
    expect(decode('94 39 fc 36 81 30 81 30', ['GB18030']).text).toBe('😀\u0080');
    expect(decode('81 40', ['GBK']).text).toBe('丂');
  });

  test('code extensions after ISO_IR 192 are ignored with a warning', () => {
    const r = decode('e7 8e 8b', ['ISO_IR 192', 'ISO 2022 IR 87']);
    expect(r.text).toBe('王');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('cannot be used with code extensions');
  });
});

describe('decodeText: lenient, never throws', () => {
  test('unknown value 1 falls back to latin1 and warns naming the term', () => {
    const r = decode('e9', ['ISO_IR 999']);
    expect(r.text).toBe('é');
    expect(r.warnings).toEqual([
      "Specific Character Set (0008,0005) 'ISO_IR 999': unknown term 'ISO_IR 999' in value 1; decoding as ISO 8859-1 (latin1)",
    ]);
  });

  test('unknown later value is ignored with a warning', () => {
    const r = decode('bb', ['ISO 2022 IR 144', 'KLINGON']);
    expect(r.text).toBe('Л');
    expect(r.warnings[0]).toContain("unknown term 'KLINGON' in value 2; ignored");
  });

  test('spelling variants of terms are accepted', () => {
    expect(decode('bb', ['iso-ir 144']).text).toBe('Л');
    expect(decode('e7 8e 8b', ['UTF-8']).text).toBe('王');
  });

  test('unrecognised and truncated escape sequences are skipped with a warning', () => {
    const r = decode('41 1b 24 28 51 42 1b 24', ['', 'ISO 2022 IR 87']);
    expect(r.text).toBe('AB');
    expect(r.warnings).toEqual(['LO value: unrecognised escape sequence 1b 24 28 51 at offset 1; skipped']);
  });

  test('GR bytes with nothing designated to G1 decode as latin1 with a warning', () => {
    const r = decode('e9', ['', 'ISO 2022 IR 87']);
    expect(r.text).toBe('é');
    expect(r.warnings).toHaveLength(1);
  });

  test('escape sequences are applied even without declared code extensions, with a warning', () => {
    const r = decode('1b 24 42 3b 33 1b 28 42', ['ISO_IR 100'], 'PN');
    expect(r.text).toBe('山');
    expect(r.warnings).toHaveLength(1);
  });

  test('random bytes never make it throw, for every term and VR', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const charsets = [undefined, ['ISO_IR 999'], ...SUPPORTED_CHARACTER_SET_TERMS.map((t) => ['', t.term])];
    for (const cs of charsets) {
      for (const vr of ['PN', 'LT', 'LO', 'CS']) {
        for (let n = 0; n < 50; n++) {
          const bytes = Uint8Array.from({ length: random() % 40 }, () => {
            const r = random() % 8;
            return r === 0 ? 0x1b : r === 1 ? 0x24 : random() & 0xff;
          });
          expect(typeof decodeText(bytes, cs, vr, { onWarning: () => {} })).toBe('string');
        }
      }
    }
  });
});
