/** The phantom with a value planted in every Table E.1-1 attribute: nothing planted survives. */
import { describe, expect, it } from 'vitest';
import { Tag, deidRules, lookupKeyword, type DeidOption } from '@atrium/sdk';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import { transferSyntaxInfo } from '../io/transfer-syntax.js';
import { writePart10 } from '../io/write-part10.js';
import type { DeidOptions } from './deid-options.js';
import { deidentify } from './deidentify.js';
import { GCA_9300R_ROWS } from './gca-9300r-preset.js';
import { phantomStudy } from './test-support/phantom-study.js';
import { identifyingValues, residualHits } from './test-support/residual-identity.js';
import { deidOutcomes } from '../../../test/support/deid-outcomes.js';

function phantomFile(): DicomFile {
  const dataset = phantomStudy();
  const bytes = writePart10({ hasPrefix: false, dataset, transferSyntax: transferSyntaxInfo('1.2.840.10008.1.2.1'), transferSyntaxDetected: false, trailing: new Uint8Array(0), stoppedAtPixelData: false, datasetBytes: new Uint8Array(0) });
  return parseDicom(bytes);
}

describe('phantom study: an identifying value in every Table E.1-1 attribute', () => {
  const input = phantomFile();
  const runs: [string, Omit<DeidOptions, 'secret'>, boolean][] = [
    ['basic', {}, false],
    ['modified dates + clean descriptors/structured content/graphics + safe private', { options: ['retainLongitudinalModifiedDates', 'cleanDescriptors', 'cleanStructuredContent', 'cleanGraphics', 'retainSafePrivate'] as DeidOption[] }, true],
  ];
  for (const [name, options, timesKept] of runs) {
    it(`${name}: zero residual hits`, () => {
      // under a date shift by whole days, times are retained (Retain Longitudinal ... Modified Dates)
      const values = identifyingValues(input.dataset, options.options ?? []).filter((v) => !(timesKept && v.vr === 'TM'));
      expect(values.length).toBeGreaterThan(500);
      const out = writePart10(deidentify(input, { secret: 'phantom', ...options }).file);
      expect(residualHits(values, out).map((v) => `${v.path} ${v.vr} ${v.text}`)).toEqual([]);
    });
  }

  it('plants into every text-capable row, sequences two levels deep', () => {
    const rows = deidRules().filter((r) => r.mask === 0xffffffff && !r.privateGroups).length;
    const planted = input.dataset.elements.length;
    expect(planted).toBeGreaterThan(rows - 25); // binary-only rows (OB, US, UN) and rows without a dictionary entry are left out
    const seq = input.dataset.items(Tag.OtherPatientIDsSequence)[0]?.dataset;
    expect(seq?.items(Tag.ReferencedImageSequence)[0]?.dataset.string(Tag.PersonName)).toMatch(/^PLANTED\^P/);
  });

  it('keeps structure: UIDs remapped consistently at every depth', () => {
    const { file, report } = deidentify(input, { secret: 'phantom' });
    const original = input.dataset.string(Tag.SOPInstanceUID)!;
    expect(file.dataset.string(Tag.SOPInstanceUID)).toBe(report.uidsMapped.get(original));
    expect(report.uidsMapped.size).toBeGreaterThan(40);
    for (const uid of report.uidsMapped.values()) expect(uid).toMatch(/^2\.25\.[1-9][0-9]{0,38}$/);
  });
});

describe('GCA-9300R preset (Canon GCA-9300R conformance statement §7.2 Table 7-1)', () => {
  const input = phantomFile();
  const table = new Set(GCA_9300R_ROWS.map((r) => r.tag));
  const options = { secret: 's', preset: 'gca-9300r', dateShiftDays: -10, replacements: { PatientName: 'SUBJ^7', PatientID: 'S7', AccessionNumber: 'ACC7', PatientBirthDate: '19700101', SeriesDescription: 'SERIES 7', InstitutionalDepartmentName: 'DEPT 7' } } as const;

  it('names only real dictionary attributes, each once: the 75 rows of the table and Study Date', () => {
    for (const r of GCA_9300R_ROWS) expect(lookupKeyword(r.keyword)?.tag, r.keyword).toBe(r.tag);
    expect(table.size).toBe(GCA_9300R_ROWS.length);
    expect(GCA_9300R_ROWS.filter((r) => r.action !== 'G')).toHaveLength(75);
  });

  it('leaves no value of a Table 7-1 attribute, at any depth (times excepted: whole-day offsets keep them)', () => {
    const all = identifyingValues(input.dataset);
    // a UID that begins another planted UID (…99999.5 and …99999.549, kept outside the table) is no finding
    const prefixOfAnother = (v: { vr: string; text: string }): boolean => v.vr === 'UI' && all.some((u) => u.text !== v.text && u.text.startsWith(v.text));
    const values = all.filter((v) => table.has(parseInt(v.path.slice(-10).replace(/[(,)]/g, ''), 16)) && v.vr !== 'TM' && !prefixOfAnother(v));
    expect(values.length).toBeGreaterThan(60);
    const out = writePart10(deidentify(input, options).file);
    expect(residualHits(values, out).map((v) => `${v.path} ${v.vr} ${v.text}`)).toEqual([]);
  });

  it('leaves every other standard attribute unchanged, keeps cross references (remapped), adds nothing but the user values', () => {
    const { file } = deidentify(input, options);
    const outcomes = deidOutcomes(input.dataset, file.dataset);
    const changed = [...outcomes].filter(([, o]) => !o.has('kept')).map(([name, o]) => `${name}: ${[...o].join(',')}`);
    const changedKeywords = new Set(changed.map((c) => c.split(':')[0]!.split('/').pop()));
    for (const keyword of changedKeywords) expect(keyword!.startsWith('private(') || GCA_9300R_ROWS.some((r) => r.keyword === keyword), keyword).toBe(true);
    // Referenced Image Sequence (X/Z/U* in the Basic Profile) stays, its Referenced SOP Instance UID remapped (M)
    const ref = input.dataset.items(Tag.ReferencedImageSequence);
    expect(ref.length).toBeGreaterThan(0);
    expect(file.dataset.items(Tag.ReferencedImageSequence)).toHaveLength(ref.length);
    const before = ref[0]!.dataset.string(Tag.ReferencedSOPInstanceUID);
    const after = file.dataset.items(Tag.ReferencedImageSequence)[0]!.dataset.string(Tag.ReferencedSOPInstanceUID);
    expect(after).toMatch(/^2\.25\./);
    expect(after).not.toBe(before);
    for (const tag of [Tag.PatientIdentityRemoved, Tag.DeidentificationMethod, Tag.DeidentificationMethodCodeSequence, Tag.LongitudinalTemporalInformationModified]) {
      expect(file.dataset.has(tag), String(tag)).toBe(input.dataset.has(tag));
    }
    expect(file.dataset.has(0x00091001)).toBe(false); // "Private tags are not maintained"
  });

  it('nulls, removes, remaps, takes a user value for every "N, U" row and offsets dates by one shift', () => {
    const { file, report } = deidentify(input, options);
    const ds = file.dataset;
    const inDs = input.dataset;
    expect(report.dateShiftDays).toBe(-10);
    const shifted = (da: string): string => { const d = new Date(Date.UTC(+da.slice(0, 4), +da.slice(4, 6) - 1, +da.slice(6, 8)) - 10 * 86_400_000); return d.toISOString().slice(0, 10).replace(/-/g, ''); };
    for (const tag of [Tag.StudyDate, Tag.SeriesDate, Tag.ContentDate, Tag.InstanceCreationDate]) expect(ds.string(tag)).toBe(shifted(inDs.string(tag)!));
    expect(ds.string(Tag.AcquisitionDateTime)).toBe(`${shifted(inDs.string(Tag.AcquisitionDateTime)!.slice(0, 8))}101010`);
    expect(ds.string(Tag.SeriesTime)).toBe(inDs.string(Tag.SeriesTime)); // O on a time: whole days leave it
    expect(ds.string(Tag.StudyTime)).toBe(inDs.string(Tag.StudyTime)); // not in Table 7-1: unchanged
    expect(ds.string(Tag.AcquisitionDate)).toBe(inDs.string(Tag.AcquisitionDate)); // not in Table 7-1: unchanged
    expect(ds.string(Tag.InstitutionName)).toBeUndefined(); // N
    expect(ds.has(Tag.InstitutionName)).toBe(true);
    expect(ds.has(Tag.PatientAddress)).toBe(false); // R
    expect(ds.has(Tag.InstanceCreatorUID)).toBe(false); // R
    expect(Object.fromEntries(Object.keys(options.replacements).map((k) => [k, ds.string(Tag[k as keyof typeof options.replacements])]))).toEqual(options.replacements);
    expect(ds.string(Tag.FrameOfReferenceUID)).toBe(report.uidsMapped.get(inDs.string(Tag.FrameOfReferenceUID)!)); // M
    expect(report.notes.join(' ')).toContain('not the PS3.15 Basic Profile');
  });

  it('nulls a "N, U" row the user gives no value for, and takes no PS3.15 option', () => {
    const { file } = deidentify(input, { secret: 's', preset: 'gca-9300r' });
    expect(file.dataset.has(Tag.PatientBirthDate)).toBe(true);
    expect(file.dataset.string(Tag.PatientBirthDate)).toBeUndefined();
    expect(() => deidentify(input, { secret: 's', preset: 'gca-9300r', options: ['retainUIDs'] })).toThrow('not the PS3.15 Basic Profile');
  });
});
