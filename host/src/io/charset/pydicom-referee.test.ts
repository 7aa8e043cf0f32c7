/**
 * pydicom as referee: every text element of the files in samples/charsets must decode to
 * what pydicom shows, and values Atrium encodes must read back in pydicom as the text written.
 * Needs python3 with pydicom (Debian: python3-pydicom); under CI=true its absence fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { decodeText } from './decode-text.js';
import { encodeText } from './encode-text.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SAMPLE_DIR = 'samples/charsets';

/**
 * The first interpreter that can import pydicom: $ATRIUM_PYTHON, `python3` on PATH, then the
 * distribution's own interpreter (a version manager's `python3` may shadow the one apt
 * installed python3-pydicom for).
 */
function findPython(): string | undefined {
  const candidates = [process.env.ATRIUM_PYTHON, 'python3', '/usr/bin/python3'];
  for (const c of candidates) {
    if (c === undefined || c === '') continue;
    const r = spawnSync(c, ['-c', 'import pydicom'], { stdio: 'ignore' });
    if (r.status === 0) return c;
  }
  return undefined;
}

const python = findPython();
const mustRun = python !== undefined || process.env.CI === 'true';

function runPython(script: string, args: string[], input?: string): unknown {
  if (python === undefined) {
    throw new Error('pydicom referee unavailable: no python3 that can `import pydicom` (install python3-pydicom)');
  }
  const r = spawnSync(python, ['-c', script, ...args], {
    cwd: REPO_ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function fromHex(h: string): Uint8Array {
  return Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Reads every file given, collecting each top-level element of a text VR with its raw
 * value bytes (taken before pydicom converts anything) and pydicom's decoded value
 * (values of a multi-valued element joined with a backslash).
 */
const READ_SAMPLES = String.raw`
import sys, json, pydicom
from pydicom.multival import MultiValue
from pydicom.dataelem import RawDataElement
TEXT = ('SH', 'LO', 'ST', 'LT', 'UT', 'PN', 'UC')
out = []
for path in sys.argv[1:]:
    ds = pydicom.dcmread(path)
    raw = {tag: ds.get_item(tag) for tag in ds.keys()}
    scs = ds.get('SpecificCharacterSet')
    scs = [] if scs is None else [scs] if isinstance(scs, str) else list(scs)
    elements = []
    for tag, r in raw.items():
        el = ds[tag]
        if el.VR not in TEXT or not isinstance(r, RawDataElement):
            continue
        v = el.value
        shown = '\\'.join(str(x) for x in v) if isinstance(v, MultiValue) else ('' if v is None else str(v))
        elements.append({'tag': str(tag), 'keyword': el.keyword, 'vr': el.VR,
                         'raw': (r.value or b'').hex(), 'pydicom': shown})
    out.append({'file': path, 'specificCharacterSet': scs, 'elements': elements})
print(json.dumps(out, ensure_ascii=True))
`;

/** Decodes values given on stdin ([{charset, vr, hex}]) with pydicom's value converters. */
const DECODE_VALUES = String.raw`
import sys, json
from pydicom import charset, values
from pydicom.multival import MultiValue
out = []
for case in json.load(sys.stdin):
    enc = charset.convert_encodings(case['charset'])
    b = bytes.fromhex(case['hex'])
    vr = case['vr']
    if vr == 'PN':
        v = values.convert_PN(b, enc)
    elif vr in ('SH', 'LO', 'UC'):
        v = values.convert_text(b, enc, vr)
    else:
        v = values.convert_single_string(b, enc, vr)
    out.append('\\'.join(str(x) for x in v) if isinstance(v, MultiValue) else str(v))
print(json.dumps(out, ensure_ascii=True))
`;

/**
 * What pydicom shows for a decoded value: trailing NUL/space padding removed (per value,
 * or for PN from the whole value) and, for PN, trailing empty component groups dropped.
 */
function asPydicomShows(decoded: string, vr: string): string {
  const rstrip = (s: string): string => s.replace(/[\0 ]+$/, '');
  if (vr === 'PN') {
    return rstrip(decoded)
      .split('\\')
      .map((name) => {
        const groups = name.split('=');
        while (groups.length > 0 && groups[groups.length - 1] === '') groups.pop();
        return groups.join('=');
      })
      .join('\\');
  }
  const values = ['SH', 'LO', 'UC'].includes(vr) ? decoded.split('\\') : [decoded];
  return values.map(rstrip).join('\\');
}

interface SampleFile {
  file: string;
  specificCharacterSet: string[];
  elements: Array<{ tag: string; keyword: string; vr: string; raw: string; pydicom: string }>;
}

describe.runIf(mustRun)('pydicom referee', () => {
  test('every text element of samples/charsets decodes as pydicom decodes it', () => {
    const files = readdirSync(new URL(`../../../../${SAMPLE_DIR}/`, import.meta.url))
      .filter((f) => f.endsWith('.dcm'))
      .sort()
      .map((f) => `${SAMPLE_DIR}/${f}`);
    expect(files.length).toBeGreaterThanOrEqual(9);
    const samples = runPython(READ_SAMPLES, files) as SampleFile[];
    let nonAscii = 0;
    for (const { file, specificCharacterSet, elements } of samples) {
      expect(elements.some((e) => e.keyword === 'PatientName'), `${file} has PatientName`).toBe(true);
      for (const e of elements) {
        const bytes = fromHex(e.raw);
        if (bytes.some((b) => b >= 0x80 || b === 0x1b)) nonAscii++;
        const warnings: string[] = [];
        const decoded = decodeText(bytes, specificCharacterSet, e.vr, { onWarning: (w) => warnings.push(w) });
        expect(asPydicomShows(decoded, e.vr), `${file} ${e.tag} ${e.keyword} ${e.vr}`).toBe(e.pydicom);
        expect(warnings, `${file} ${e.tag}`).toEqual([]);
      }
    }
    // the referee must actually have exercised the character sets
    expect(nonAscii).toBeGreaterThanOrEqual(12);
  });

  test('values encoded by Atrium read back in pydicom as written', () => {
    const cases: Array<{ charset: string[]; vr: string; text: string }> = [];
    const add = (charset: string[], text: string): void => {
      for (const vr of ['PN', 'LO', 'LT']) {
        const t = vr === 'LT' ? text.replace(/[\^=]/g, ' ') + '\r\nline 2' : vr === 'LO' ? text.replace(/[\^=]/g, ' ') : text;
        cases.push({ charset, vr, text: vr === 'PN' ? `${t}\\${t}` : t });
      }
    };
    // Left out: ISO_IR 203, which pydicom 2.3 does not know, and ISO 2022 IR 58, which
    // pydicom 2.3 decodes with ESC $ ) A left in the text even for PS3.5 K.2's own bytes
    // (standard-examples.test.ts checks Atrium's IR 58 bytes against Annex K instead).
    add(['ISO_IR 100'], 'Äneas^Rüdiger=Ñandú');
    add(['ISO_IR 101'], 'Dvořák^Łukasz');
    add(['ISO_IR 109'], 'Ħal Ġħaxaq^Ĉiĉero');
    add(['ISO_IR 110'], 'Ķēniņš^Ļaudis');
    add(['ISO_IR 144'], 'Люксембург^Иван');
    add(['ISO_IR 127'], 'قباني^لنزار');
    add(['ISO_IR 126'], 'Διονυσιος^Αλέξης');
    add(['ISO_IR 138'], 'שרון^דבורה');
    add(['ISO_IR 148'], 'Çağrı^Işık');
    add(['ISO_IR 166'], 'สมชาย^ใจดี');
    add(['ISO_IR 13'], 'ﾔﾏﾀﾞ^ﾀﾛｳ');
    add(['ISO_IR 192'], 'Wang^XiaoDong=王^小東=😀 Ελληνικά');
    add(['GB18030'], 'Wang^XiaoDong=王^小东=😀€');
    add(['GBK'], 'Wang^XiaoDong=王^小东');
    add(['', 'ISO 2022 IR 87'], 'Yamada^Tarou=山田^太郎=やまだ^たろう');
    add(['ISO 2022 IR 13', 'ISO 2022 IR 87'], 'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう');
    add(['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'], '森^鷗外=もり^おうがい');
    add(['', 'ISO 2022 IR 149'], 'Hong^Gildong=洪^吉洞=홍^길동');
    add(['ISO 2022 IR 100', 'ISO 2022 IR 144', 'ISO 2022 IR 126'], 'Müller^Люкс=Δέλτα');
    const decoded = runPython(
      DECODE_VALUES,
      [],
      JSON.stringify(cases.map((c) => ({ charset: c.charset, vr: c.vr, hex: toHex(encodeText(c.text, c.charset, c.vr)) }))),
    ) as string[];
    expect(decoded).toHaveLength(cases.length);
    cases.forEach((c, i) => {
      expect(decoded[i], `${c.charset.join('\\')} ${c.vr} ${c.text}`).toBe(c.text);
    });
  });
});
