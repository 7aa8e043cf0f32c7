import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { readSample } from '../../../test/support/samples.js';
import { concatBytes } from '../io/concat-bytes.js';
import { parseDicom } from '../io/parse-part10.js';
import { stringElement } from '../io/element-factory.js';
import { writePart10 } from '../io/write-part10.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { DEID_OPTION_NAMES } from './deid-option-names.js';
import { deidRuleTable } from './deid-rule-table.js';
import { deidentify } from './deidentify.js';
import { part10Chunks } from './part10-chunks.js';
import { parsePatientMap } from './patient-map-csv.js';
import { UidMapper } from './uid-mapper.js';

const errorOf = (f: () => unknown): string => { try { f(); return 'no error'; } catch (e) { return isAtriumError(e) ? `${e.code}: ${e.message}` : String(e); } };

describe('patient map CSV', () => {
  it('parses quoted fields, any column order, BOM and CRLF', () => {
    const map = parsePatientMap('\uFEFFPatientID,OriginalPatientID,PatientName\r\nS1,"P,1","DOE^""J"""\r\nS2,P2,\r\n\r\n');
    expect([...map]).toEqual([['P,1', { PatientName: 'DOE^"J"', PatientID: 'S1' }], ['P2', { PatientID: 'S2' }]]);
  });
  it('names the line of a bad row', () => {
    expect(errorOf(() => parsePatientMap('OriginalPatientID,PatientName,PatientID\nA,B,C\nA,D,E\n', 'm.csv'))).toBe("ATRIUM_ERR_DEID_MAP: m.csv line 3: Patient ID 'A' is mapped twice");
    expect(errorOf(() => parsePatientMap('OriginalPatientID,PatientName,PatientID\n,B,C\n', 'm.csv'))).toBe('ATRIUM_ERR_DEID_MAP: m.csv line 2: no original Patient ID');
    expect(errorOf(() => parsePatientMap('Old,New\nA,B\n', 'm.csv'))).toContain('m.csv line 1: header must name');
    expect(errorOf(() => parsePatientMap('OriginalPatientID,PatientName\nA,"B\n', 'm.csv'))).toContain('m.csv line 2: unterminated');
    expect(errorOf(() => parsePatientMap('OriginalPatientID,PatientID\nA,B\\C\n', 'm.csv'))).toContain('m.csv line 2: Patient ID');
  });
});

describe('UID root (Shimadzu DAR-9500f conformance statement §5.2.2)', () => {
  it('uses a configured root, within 64 characters, no leading zero', () => {
    const m = new UidMapper('k', '1.2.392.200036.9110.66');
    const uid = m.map('1.2.3.4');
    expect(uid).toMatch(/^1\.2\.392\.200036\.9110\.66\.[1-9]\d*$/);
    expect(uid.length).toBeLessThanOrEqual(64);
    const longest = new UidMapper('k', `1.${'2'.repeat(41)}`).map('1.2.3');
    expect(longest.length).toBeLessThanOrEqual(64);
  });
  it('rejects roots that are not digits and dots, have leading zeros, or leave fewer than 20 digits', () => {
    for (const bad of ['1.02.3', 'abc', '1..2', `1.${'2'.repeat(42)}`]) expect(errorOf(() => new UidMapper('k', bad)), bad).toMatch(/^ATRIUM_ERR_DEID_UID_ROOT/);
  });
});

describe('part10Chunks', () => {
  it('concatenates to exactly writePart10, native, encapsulated and multi-frame', () => {
    for (const s of ['mr/MR_small.dcm', 'mr/MR2_J2KI.dcm', 'xa/gdcm-XA-4frame-jpll.dcm', 'sc/SC_rgb_2frame.dcm', 'rt-seg-sr/test-SR.dcm']) {
      const file = parseDicom(readSample(s));
      expect(Buffer.from(concatBytes(part10Chunks(file))).equals(Buffer.from(writePart10(file))), s).toBe(true);
    }
  });
});

describe('option names and the rule table', () => {
  it('has the standard option names in kebab-case', () => {
    expect([...DEID_OPTION_NAMES.keys()]).toEqual(['retain-safe-private', 'retain-uids', 'retain-device-identity', 'retain-institution-identity', 'retain-patient-characteristics', 'retain-longitudinal-full-dates', 'retain-longitudinal-modified-dates', 'clean-descriptors', 'clean-structured-content', 'clean-graphics']);
  });
  it('gives the effective action under options and preset', () => {
    const row = (t: string, ...a: Parameters<typeof deidRuleTable>): unknown => deidRuleTable(...a).find((r) => r.tag === t);
    expect(row('(0020,000D)')).toMatchObject({ keyword: 'StudyInstanceUID', basic: 'U', effective: 'U', source: 'basic' });
    expect(row('(0020,000D)', ['retainUIDs'])).toMatchObject({ effective: 'K', source: 'retain-uids' });
    expect(row('(0008,0021)', [], 'gca-9300r')).toMatchObject({ keyword: 'SeriesDate', basic: 'X/D', effective: 'C', source: 'gca-9300r: O' });
    expect(row('(0010,0010)', [], 'gca-9300r')).toMatchObject({ keyword: 'PatientName', effective: 'Z', source: 'gca-9300r: N, U' });
    expect(row('(0008,0022)', [], 'gca-9300r')).toMatchObject({ keyword: 'AcquisitionDate', basic: 'X/Z', effective: 'K', source: 'gca-9300r: unchanged' });
    expect(row('(0008,1140)', [], 'gca-9300r')).toMatchObject({ keyword: 'ReferencedImageSequence', basic: 'X/Z/U*', effective: 'K' });
    expect(row('(gggg,eeee) odd group', [], 'gca-9300r')).toMatchObject({ effective: 'X', source: 'gca-9300r: private tags not maintained' });
    expect(row('(gggg,eeee) odd group', ['retainSafePrivate'])).toMatchObject({ basic: 'X', effective: 'C', source: 'retain-safe-private' });
    expect(deidRuleTable().length).toBe(621);
  });
});

describe('engine outcomes on samples', () => {
  it('a multi-frame SC (Burned In Annotation NO) keeps its frames and pixel bytes', () => {
    const input = parseDicom(readSample('sc/SC_rgb_2frame.dcm'));
    const asserted = { ...input, dataset: input.dataset.with(new Map([[Tag.BurnedInAnnotation, stringElement(Tag.BurnedInAnnotation, 'CS', 'NO')]])) };
    const out = parseDicom(writePart10(deidentify(asserted, { secret: 's' }).file)).dataset;
    expect(out.string(Tag.NumberOfFrames)).toBe('2');
    expect(Buffer.from(out.get(Tag.PixelData)!.value).equals(Buffer.from(input.dataset.get(Tag.PixelData)!.value))).toBe(true);
  });
});
