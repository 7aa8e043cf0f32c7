import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// The committed generator (plain ESM, no types): checked for determinism against its committed output.
import { HEADER } from '../../../tools/standard/common.mjs';
import { havePeers, runPydicom } from '../../../test/support/peers.js';
import { OPTION_COLUMNS, deidModule, readDeidRules } from '../../../tools/standard/deid.mjs';
import { DEID_METHOD_CODES, DEID_OPTIONS, deidRuleFor, deidRules } from './deid-rules.js';
import type { DeidRule } from './deid-rules.js';
import { DEID_RULE_COUNT, DEID_RULES_TABLE } from './deid-rules.generated.js';
import { Tag } from './tags.generated.js';

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe('PS3.15 Table E.1-1 rules', () => {
  it('has all 621 rows with the Basic Profile action counts of the 2025 table', () => {
    expect(DEID_RULE_COUNT).toBe(621);
    expect(deidRules()).toHaveLength(621);
    expect(countBy(deidRules(), (r) => r.basic)).toEqual({
      'X': 384, 'D': 92, 'U': 54, 'Z': 42, 'X/D': 22, 'X/Z': 11, 'X/Z/D': 8, 'Z/D': 6, 'X/Z/U*': 2,
    });
    expect(countBy(deidRules(), (r) => (r.inStdCompIOD ? 'Y' : 'N'))).toEqual({ Y: 438, N: 183 });
  });

  it('has the option column counts of the 2025 table', () => {
    const counts = Object.fromEntries(DEID_OPTIONS.map((o) => [o, countBy(deidRules(), (r) => r.options[o])]));
    expect(counts).toEqual({
      retainSafePrivate: { C: 1 },
      retainUIDs: { K: 59 },
      retainDeviceIdentity: { K: 46, C: 11 },
      retainInstitutionIdentity: { K: 10 },
      retainPatientCharacteristics: { K: 9, C: 4 },
      retainLongitudinalFullDates: { K: 165 },
      retainLongitudinalModifiedDates: { C: 165 },
      cleanDescriptors: { C: 125 },
      cleanStructuredContent: { C: 3 },
      cleanGraphics: { C: 4 },
    });
  });

  it('keeps table order and gives keywords from the dictionary', () => {
    const rules = deidRules();
    expect(rules[0]).toEqual({
      tag: 0x00080050, mask: 0xffffffff, privateGroups: false, keyword: 'AccessionNumber', name: 'Accession Number',
      inStdCompIOD: true, basic: 'Z', options: {},
    });
    expect(rules.filter((r) => r.keyword === '').map((r) => r.name)).toEqual([
      'Affected SOP Instance UID', 'Curve Data', 'Private Attributes', 'Requested SOP Instance UID',
    ]);
    expect(new Set(rules.map((r) => `${r.tag}/${r.mask}`)).size).toBe(621);
    expect(deidRuleFor(Tag.IconImageSequence)?.name).toBe('Icon Image Sequence (see Note 11)');
  });

  it('looks up exact tags', () => {
    expect(deidRuleFor(Tag.AccessionNumber)).toMatchObject({ keyword: 'AccessionNumber', basic: 'Z', options: {} });
    expect(deidRuleFor(Tag.PatientName)).toMatchObject({ keyword: 'PatientName', basic: 'Z' });
    expect(deidRuleFor(Tag.StudyInstanceUID)).toMatchObject({ keyword: 'StudyInstanceUID', basic: 'U', options: { retainUIDs: 'K' } });
    expect(deidRuleFor(Tag.AcquisitionDate)).toMatchObject({
      basic: 'X/Z', options: { retainLongitudinalFullDates: 'K', retainLongitudinalModifiedDates: 'C' },
    });
    expect(deidRuleFor(Tag.StationName)).toMatchObject({ basic: 'X/Z/D', options: { retainDeviceIdentity: 'K' } });
    expect(deidRuleFor(Tag.InstitutionName)).toMatchObject({ options: { retainInstitutionIdentity: 'K' } });
    expect(deidRuleFor(Tag.PatientSex)).toMatchObject({ basic: 'Z', options: { retainPatientCharacteristics: 'K' } });
    expect(deidRuleFor(Tag.SOPInstanceUID)?.basic).toBe('U');
    expect(deidRuleFor(0xfffee000)).toBeUndefined(); // Item: not listed
    expect(deidRuleFor(Tag.Rows)).toBeUndefined();
    expect(deidRuleFor(Tag.PixelData)).toBeUndefined();
  });

  it('looks up repeating groups (even groups xx00–xx1E only) and private groups', () => {
    const overlayComments = deidRuleFor(0x60024000);
    expect(overlayComments).toMatchObject({
      tag: 0x60004000, mask: 0xff00ffff, privateGroups: false, keyword: 'OverlayComments', basic: 'X', options: { cleanGraphics: 'C' },
    });
    expect(deidRuleFor(0x60004000)).toBe(overlayComments);
    expect(deidRuleFor(0x601e4000)).toBe(overlayComments);
    expect(deidRuleFor(0x601e3000)?.keyword).toBe('OverlayData');
    expect(deidRuleFor(0x60020010)).toBeUndefined(); // Overlay Rows: not in the table
    const curve = deidRuleFor(0x50103000);
    expect(curve).toMatchObject({ tag: 0x50000000, mask: 0xff000000, name: 'Curve Data', basic: 'X', options: { cleanGraphics: 'C' } });
    expect(deidRuleFor(0x50000005)).toBe(curve);
    // (6020,4000): even group outside 6000–601E, not an overlay, not private
    expect(deidRuleFor(0x60204000)).toBeUndefined();
    expect(deidRuleFor(0x50200000)).toBeUndefined();
    // odd groups are private (PS3.5 7.8.1), whatever their element: (6021,4000) is not an overlay
    const privateRow = deidRuleFor(0x00291010);
    expect(privateRow).toMatchObject({
      tag: 0x00010000, mask: 0x00010000, privateGroups: true, keyword: '', name: 'Private Attributes',
      basic: 'X', options: { retainSafePrivate: 'C' },
    });
    expect(deidRuleFor(0x60214000)).toBe(privateRow);
    expect(deidRuleFor(0x00090010)).toBe(privateRow); // private creator
    expect(deidRuleFor(0x7fe11010)).toBe(privateRow);
    // odd groups 0001–0007 and FFFF are not private groups
    expect(deidRuleFor(0x00010010)).toBeUndefined();
    expect(deidRuleFor(0x00070010)).toBeUndefined();
    expect(deidRuleFor(0xffff0010)).toBeUndefined();
  });

  it('matches every rule to itself through deidRuleFor', () => {
    for (const rule of deidRules()) {
      const probe = rule.privateGroups ? 0x00091001 : rule.tag;
      expect(deidRuleFor(probe), rule.name).toBe(rule);
    }
  });

  it('lists the CID 7050 codes', () => {
    expect(Object.values(DEID_METHOD_CODES).map((c) => c.value).sort()).toEqual(
      Array.from({ length: 13 }, (_, i) => String(113100 + i)),
    );
    expect(DEID_METHOD_CODES.basic).toEqual({ value: '113100', scheme: 'DCM', meaning: 'Basic Application Confidentiality Profile' });
    expect(DEID_METHOD_CODES.retainSafePrivate).toEqual({ value: '113111', scheme: 'DCM', meaning: 'Retain Safe Private Option' });
    expect(DEID_METHOD_CODES.retainInstitutionIdentity.value).toBe('113112');
    for (const option of DEID_OPTIONS) expect(DEID_METHOD_CODES[option].meaning).toMatch(/ Option$/);
  });
});

// pydicom's concept dictionary is generated from PS3.16: the referee for CID 7050.
const CID_7050 = String.raw`
import json
from pydicom.sr._concepts_dict import concepts
out = {}
for name, codes in concepts['DCM'].items():
    for value, (meaning, cids) in codes.items():
        if 7050 in cids: out[value] = meaning
print(json.dumps(out))
`;

describe.skipIf(!havePeers('pydicom'))('CID 7050 against pydicom', () => {
  it('has exactly the codes and meanings of PS3.16 CID 7050', () => {
    const expected = JSON.parse(runPydicom(CID_7050)) as Record<string, string>;
    const ours = Object.fromEntries(Object.values(DEID_METHOD_CODES).map((c) => [c.value, c.meaning]));
    expect(ours).toEqual(expected);
  });
});

describe('tools/standard/deid.mjs (the generator)', () => {
  /** The generator's tag text of a rule: '00100010', '60XX4000', '50XXXXXX' or 'GGGGEEEE'. */
  function tagTextOf(r: DeidRule): string {
    if (r.privateGroups) return 'GGGGEEEE';
    const hex = r.tag.toString(16).toUpperCase().padStart(8, '0');
    const mask = r.mask.toString(16).toUpperCase().padStart(8, '0');
    return [...hex].map((c, i) => (mask[i] === 'F' ? c : 'X')).join('');
  }
  /** The committed table turned back into rows of confidentiality_profile_attributes.json. */
  function committedAsJson(rules: readonly DeidRule[]): Record<string, string>[] {
    return rules.map((r) => {
      const t = tagTextOf(r);
      const tag = r.privateGroups ? '(GGGG,EEEE) WHERE GGGG IS ODD' : `(${t.slice(0, 4)},${t.slice(4)})`;
      const row: Record<string, string> = { name: r.name, tag, stdCompIOD: r.inStdCompIOD ? 'Y' : 'N', basicProfile: r.basic };
      OPTION_COLUMNS.forEach(([column, option]: [string, string]) => {
        const action = r.options[option as keyof DeidRule['options']];
        if (action) row[column] = action;
      });
      return row;
    });
  }
  const dictionary = deidRules().map((r) => ({ tagText: tagTextOf(r), keyword: r.keyword }));

  it('regenerates the committed file byte for byte, twice', () => {
    const committed = readFileSync(new URL('./deid-rules.generated.ts', import.meta.url), 'utf8');
    const json = committedAsJson(deidRules());
    const first = HEADER + deidModule(readDeidRules(json, dictionary));
    const second = HEADER + deidModule(readDeidRules(json, dictionary));
    expect(second).toBe(first);
    expect(first).toBe(committed);
    expect(DEID_RULES_TABLE.split('\n')).toHaveLength(621);
  });

  it('normalises names and rejects what it does not understand', () => {
    const rows = readDeidRules([
      { name: 'Icon Image Sequence\n\n(see Note 11)', tag: '(0088,0200)', stdCompIOD: 'Y', basicProfile: 'X', id: '00880200' },
      { name: 'Private Attributes', tag: '(GGGG,EEEE) WHERE GGGG IS ODD', stdCompIOD: 'N', basicProfile: 'X', rtnSafePrivOpt: 'C' },
    ], [{ tagText: '00880200', keyword: 'IconImageSequence' }]);
    expect(rows).toEqual([
      { tagText: '00880200', keyword: 'IconImageSequence', name: 'Icon Image Sequence (see Note 11)', inStdCompIOD: true, basic: 'X', options: ['', '', '', '', '', '', '', '', '', ''] },
      { tagText: 'GGGGEEEE', keyword: '', name: 'Private Attributes', inStdCompIOD: false, basic: 'X', options: ['C', '', '', '', '', '', '', '', '', ''] },
    ]);
    const row = { name: 'N', tag: '(0010,0010)', stdCompIOD: 'Y', basicProfile: 'Z' };
    expect(() => readDeidRules([{ ...row, basicProfile: 'Q' }], [])).toThrow(/Basic Profile action 'Q'/);
    expect(() => readDeidRules([{ ...row, rtnUIDsOpt: 'R' }], [])).toThrow(/rtnUIDsOpt action 'R'/);
    expect(() => readDeidRules([{ ...row, newOpt: 'K' }], [])).toThrow(/unknown column newOpt/);
    expect(() => readDeidRules([row, row], [])).toThrow(/duplicate row/);
    expect(() => readDeidRules([{ ...row, tag: '(70XX,0010)' }], [])).toThrow(/unexpected repeating group/);
  });
});
