import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tag, type DeidOption } from '@atrium/sdk';
import { REPO_ROOT, readSample } from '../../../test/support/samples.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import { stringElement } from '../io/element-factory.js';
import { DataSet } from '../io/data-set.js';
import { writePart10 } from '../io/write-part10.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { deidentify } from './deidentify.js';
import { deidentifyAsync } from './deidentify-async.js';
import { readFrame } from '../io/pixel-access.js';
import { identifyingValues, indexOfBytes, residualHits, retainedValueBytes } from './test-support/residual-identity.js';

const fixture = (rel: string): Uint8Array => new Uint8Array(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'deid', ...rel.split('/'))));
const SUMMARY = 'test_summary_mixed_files_reports_on_each_study';
const CHARSETS = ['chrArab', 'chrGerm', 'chrGreek', 'chrH31', 'chrHbrw', 'chrJapMulti', 'chrJapMultiExplicitIR6', 'chrRuss', 'chrX1'];

/** The charset files are Secondary Captures without Burned In Annotation: state NO so they are not refused. */
function assertedNotBurnedIn(file: DicomFile): DicomFile {
  return { ...file, dataset: file.dataset.with(new Map([[Tag.BurnedInAnnotation, stringElement(Tag.BurnedInAnnotation, 'CS', 'NO')]])) };
}

const INPUTS: [string, () => DicomFile][] = [
  ['mr/MR_small.dcm', () => parseDicom(readSample('mr/MR_small.dcm'))],
  ['deid/MR_small_PN_CompressedSamples.dcm', () => parseDicom(fixture('MR_small_PN_CompressedSamples.dcm'))],
  ...['p01_s01_s01_i01', 'p01_s01_s01_i02', 'p02_s01_s01_i01', 'p02_s02_s01_i01'].map((n): [string, () => DicomFile] => [`deid/${n}`, () => parseDicom(fixture(`${SUMMARY}/${n}.dcm`))]),
  ['deid/burned_in_no.dcm', () => parseDicom(fixture('test_burned_in_annotation_default/burned_in_no.dcm'))],
  ['rt-seg-sr/test-SR.dcm', () => parseDicom(readSample('rt-seg-sr/test-SR.dcm'))],
  ...['rtstruct', 'rtplan', 'rtdose', 'liver'].map((n): [string, () => DicomFile] => [`rt-seg-sr/${n}.dcm`, () => parseDicom(readSample(`rt-seg-sr/${n}.dcm`))]),
  ['sc/SC_rgb_2frame.dcm (multi-frame)', () => assertedNotBurnedIn(parseDicom(readSample('sc/SC_rgb_2frame.dcm')))],
  ['nm/UNIFORMIDAD_1.dcm (private tags)', () => parseDicom(readSample('nm/UNIFORMIDAD_1.dcm'))],
  ...CHARSETS.map((n): [string, () => DicomFile] => [`charsets/${n}`, () => assertedNotBurnedIn(parseDicom(readSample(`charsets/${n}.dcm`)))]),
];

const SECRET = 'test-secret';

describe('residual-identity scan: no identifying value of the input survives anywhere in the output', () => {
  const optionSets: (readonly DeidOption[])[] = [[], ['retainLongitudinalModifiedDates', 'cleanDescriptors', 'cleanStructuredContent']];
  for (const options of optionSets) {
    for (const [name, load] of INPUTS) {
      it(`${name} [${options.join(', ') || 'basic'}]`, () => {
        const input = load();
        const kept = retainedValueBytes(input.dataset);
        // Modified Dates shifts dates by whole days: times are retained by that option.
        const values = identifyingValues(input.dataset, options).filter((v) => indexOfBytes(kept, v.bytes) < 0 && !(v.vr === 'TM' && options.includes('retainLongitudinalModifiedDates')));
        expect(values.length).toBeGreaterThan(3);
        const out = writePart10(deidentify(input, { secret: SECRET, options }).file);
        const hits = residualHits(values, out).map((v) => `${v.path} ${v.vr} ${JSON.stringify(v.text)}`);
        expect(hits).toEqual([]);
      });
    }
  }

  it('Retain UIDs keeps exactly the UIDs: they are found, nothing else is', () => {
    const input = parseDicom(readSample('rt-seg-sr/test-SR.dcm'));
    const all = identifyingValues(input.dataset, []);
    const out = writePart10(deidentify(input, { secret: SECRET, options: ['retainUIDs'] }).file);
    const hits = residualHits(all, out);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.filter((v) => v.vr !== 'UI').map((v) => v.path)).toEqual([]);
    expect(hits.map((v) => v.text)).toContain(input.dataset.string(Tag.SOPInstanceUID));
    expect(hits.map((v) => v.text)).toContain(input.dataset.string(Tag.StudyInstanceUID));
  });
});

describe('deidentify', () => {
  it('cleans free text, person names, dates and UIDs inside SR content the table does not list', () => {
    const input = parseDicom(readSample('rt-seg-sr/test-SR.dcm'));
    const out = writePart10(deidentify(input, { secret: SECRET }).file);
    // TextValue (0040,A160), DateTime (0040,A120) and UID (0040,A124) values of the Content Sequence.
    for (const text of ['A mass of', 'was detected.', 'Sample Text', 'Inferred Sample Text', '20001206120000', '1.2.3.4.5\0']) {
      expect(indexOfBytes(out, new TextEncoder().encode(text)), text).toBe(-1);
    }
    const back = parseDicom(out).dataset;
    expect(back.items(Tag.ContentSequence).length).toBe(input.dataset.items(Tag.ContentSequence).length);
  });

  it('keeps class and coding-scheme UIDs inside SR content, so references keep their SOP class and codes their scheme', () => {
    const input = parseDicom(readSample('rt-seg-sr/test-SR.dcm'));
    const output = parseDicom(writePart10(deidentify(input, { secret: SECRET }).file));
    const collect = (ds: DataSet, tags: readonly number[], out: string[] = []): string[] => {
      for (const e of ds.elements) {
        if (tags.includes(e.tag)) out.push(ds.string(e.tag) ?? '');
        for (const item of e.items ?? []) collect(item.dataset, tags, out);
      }
      return out;
    };
    const tags = [Tag.ReferencedSOPClassUID, Tag.CodingSchemeUID];
    const content = (file: DicomFile): DataSet => new DataSet(file.dataset.elements.filter((e) => e.tag === Tag.ContentSequence), file.dataset.encoding);
    const before = collect(content(input), tags);
    expect(before.length).toBeGreaterThan(0);
    expect(collect(content(output), tags)).toEqual(before);
    // Instance UIDs in the same content are still replaced.
    const instances = collect(content(input), [Tag.ReferencedSOPInstanceUID]);
    const after = collect(content(output), [Tag.ReferencedSOPInstanceUID]);
    expect(after).toHaveLength(instances.length);
    after.forEach((uid, i) => expect(uid).not.toBe(instances[i]));
  });

  it('is deterministic: same secret, same bytes; another secret, other UIDs', () => {
    const bytes = readSample('rt-seg-sr/test-SR.dcm');
    const a = writePart10(deidentify(parseDicom(bytes), { secret: SECRET }).file);
    const b = writePart10(deidentify(parseDicom(bytes), { secret: SECRET }).file);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = deidentify(parseDicom(bytes), { secret: 'other' }).file;
    expect(c.dataset.string(Tag.SOPInstanceUID)).not.toBe(parseDicom(a).dataset.string(Tag.SOPInstanceUID));
  });

  it('writes the identity attributes and a meta that follows the new SOP Instance UID', () => {
    const { file, report } = deidentify(parseDicom(readSample('mr/MR_small.dcm')), { secret: SECRET, options: ['retainLongitudinalModifiedDates', 'retainSafePrivate'], replacements: { PatientName: 'SUBJ^001', PatientID: 'S001' } });
    const ds = file.dataset;
    expect(ds.string(Tag.PatientIdentityRemoved)).toBe('YES');
    expect(ds.string(Tag.LongitudinalTemporalInformationModified)).toBe('MODIFIED');
    expect(ds.items(Tag.DeidentificationMethodCodeSequence).map((i) => i.dataset.string(Tag.CodeValue))).toEqual(['113100', '113107', '113111']);
    expect(ds.strings(Tag.DeidentificationMethod)).toEqual(['Basic Application Confidentiality Profile', 'Retain Longitudinal Temporal Information Modified Dates Option', 'Retain Safe Private Option']);
    expect(ds.string(Tag.PatientName)).toBe('SUBJ^001');
    expect(ds.string(Tag.PatientID)).toBe('S001');
    expect(file.meta?.string(Tag.MediaStorageSOPInstanceUID)).toBe(ds.string(Tag.SOPInstanceUID));
    expect(ds.string(Tag.SOPInstanceUID)).toMatch(/^2\.25\.[1-9][0-9]*$/);
    expect(report.notes.join(' ')).toContain('Retain Safe Private');
    expect(report.dateShiftDays).toBeLessThan(0);
  });

  it('maps a UID the same way as the target SOP Instance UID of another file, and shifts dates of one patient by one offset', () => {
    const load = (n: string): DicomFile => parseDicom(fixture(`${SUMMARY}/${n}.dcm`));
    const opts = { secret: SECRET, options: ['retainLongitudinalModifiedDates'] as DeidOption[] };
    const a = load('p01_s01_s01_i01'), b = load('p01_s01_s01_i02'), c = load('p02_s01_s01_i01');
    const ra = deidentify(a, opts), rb = deidentify(b, opts), rc = deidentify(c, opts);
    expect(ra.report.dateShiftDays).toBe(rb.report.dateShiftDays);
    expect(ra.report.dateShiftDays).not.toBe(rc.report.dateShiftDays);
    // same study: same new Study Instance UID in both files
    expect(ra.file.dataset.string(Tag.StudyInstanceUID)).toBe(rb.file.dataset.string(Tag.StudyInstanceUID));
    // a reference to a's SOP Instance UID, de-identified in another file, points at a's new UID
    const ref = deidentify(b, { secret: SECRET }).report.uidsMapped;
    const aUid = a.dataset.string(Tag.SOPInstanceUID)!;
    const withRef = { ...b, dataset: b.dataset.with(new Map([[Tag.ReferencedSOPSequence, { tag: Tag.ReferencedSOPSequence, vr: 'SQ', value: new Uint8Array(0), undefinedLength: false, items: [{ undefinedLength: false, dataset: new DataSet([stringElement(Tag.ReferencedSOPClassUID, 'UI', '1.2.840.10008.5.1.4.1.1.4'), stringElement(Tag.ReferencedSOPInstanceUID, 'UI', aUid)], b.dataset.encoding) }] }]])) };
    const out = deidentify(withRef, { secret: SECRET }).file.dataset;
    expect(out.items(Tag.ReferencedSOPSequence)[0]?.dataset.string(Tag.ReferencedSOPInstanceUID)).toBe(deidentify(a, { secret: SECRET }).file.dataset.string(Tag.SOPInstanceUID));
    expect(ref.size).toBeGreaterThan(0);
  });

  it('refuses burned-in annotation, US/XA, and Secondary Captures without Burned In Annotation NO, unless mask regions are given', async () => {
    const code = (f: () => unknown): string | undefined => { try { f(); return undefined; } catch (e) { return isAtriumError(e) ? e.code : String(e); } };
    for (const n of ['burned_in_yes', 'burned_in_missing', 'burned_in_other']) {
      const file = parseDicom(fixture(`test_burned_in_annotation_default/${n}.dcm`));
      expect(code(() => deidentify(file, { secret: SECRET })), n).toBe('ATRIUM_ERR_DEID_BURNED_IN');
      const masked = { secret: SECRET, pixelMaskRegions: [{ x: 0, y: 0, width: 10, height: 10 }] };
      // JPEG 2000: the synchronous engine cannot decode; deidentifyAsync decodes and cleans
      expect(code(() => deidentify(file, masked)), n).toBe('ATRIUM_ERR_DEID_PIXELS_COMPRESSED');
      const cleaned = (await deidentifyAsync(file, masked)).file;
      expect(cleaned.dataset.string(Tag.BurnedInAnnotation), n).toBe('NO');
      // signed 16-bit MONOCHROME2: black is the smallest value
      expect(Array.from((await readFrame(cleaned, 0)).data.subarray(0, 10)), n).toEqual(new Array(10).fill(-32768));
    }
    expect(code(() => deidentify(parseDicom(readSample('charsets/chrGerm.dcm')), { secret: SECRET }))).toBe('ATRIUM_ERR_DEID_BURNED_IN');
    expect(code(() => deidentify(parseDicom(fixture('test_burned_in_annotation_default/burned_in_no.dcm')), { secret: SECRET }))).toBeUndefined();
  });
});
