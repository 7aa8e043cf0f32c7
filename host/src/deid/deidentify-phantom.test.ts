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

function phantomFile(): DicomFile {
  const dataset = phantomStudy();
  const bytes = writePart10({ hasPrefix: false, dataset, transferSyntax: transferSyntaxInfo('1.2.840.10008.1.2.1'), transferSyntaxDetected: false, trailing: new Uint8Array(0), stoppedAtPixelData: false, datasetBytes: new Uint8Array(0) });
  return parseDicom(bytes);
}

describe('phantom study: an identifying value in every Table E.1-1 attribute', () => {
  const input = phantomFile();
  const runs: [string, Omit<DeidOptions, 'secret'>, boolean][] = [
    ['basic', {}, false],
    ['modified dates + clean descriptors/structured content/graphics', { options: ['retainLongitudinalModifiedDates', 'cleanDescriptors', 'cleanStructuredContent', 'cleanGraphics'] as DeidOption[] }, true],
    ['GCA-9300R preset', { preset: 'gca-9300r' }, true],
  ];
  for (const [name, options, timesKept] of runs) {
    it(`${name}: zero residual hits`, () => {
      // under a date shift by whole days, times are retained (the option / the seed's O rows)
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

describe('GCA-9300R preset (seed 001 Table 7-1)', () => {
  it('names only real dictionary attributes, each once', () => {
    for (const r of GCA_9300R_ROWS) expect(lookupKeyword(r.keyword)?.tag, r.keyword).toBe(r.tag);
    expect(new Set(GCA_9300R_ROWS.map((r) => r.tag)).size).toBe(GCA_9300R_ROWS.length);
  });

  it('nulls, removes, remaps, takes user values and offsets dates by one shift', () => {
    const input = phantomFile();
    const { file, report } = deidentify(input, { secret: 's', preset: 'gca-9300r', dateShiftDays: -10, replacements: { PatientName: 'SUBJ^7', PatientID: 'S7', AccessionNumber: 'ACC7' } });
    const ds = file.dataset;
    const inDs = input.dataset;
    expect(report.dateShiftDays).toBe(-10);
    const shifted = (da: string): string => { const d = new Date(Date.UTC(+da.slice(0, 4), +da.slice(4, 6) - 1, +da.slice(6, 8)) - 10 * 86_400_000); return d.toISOString().slice(0, 10).replace(/-/g, ''); };
    for (const tag of [Tag.StudyDate, Tag.SeriesDate, Tag.ContentDate, Tag.InstanceCreationDate]) expect(ds.string(tag)).toBe(shifted(inDs.string(tag)!));
    expect(ds.string(Tag.AcquisitionDateTime)).toBe(`${shifted(inDs.string(Tag.AcquisitionDateTime)!.slice(0, 8))}101010`);
    expect(ds.string(Tag.SeriesTime)).toBe(inDs.string(Tag.SeriesTime)); // O on a time: whole days leave it
    expect(ds.string(Tag.StudyTime)).toBeUndefined(); // not in Table 7-1: Basic Profile Z
    expect(ds.has(Tag.StudyTime)).toBe(true);
    expect(ds.string(Tag.InstitutionName)).toBeUndefined(); // N
    expect(ds.has(Tag.InstitutionName)).toBe(true);
    expect(ds.has(Tag.PatientAddress)).toBe(false); // R
    expect(ds.has(Tag.InstanceCreatorUID)).toBe(false); // R
    expect(ds.string(Tag.PatientBirthDate)).toBeUndefined(); // N, U without a user value
    expect([ds.string(Tag.PatientName), ds.string(Tag.PatientID), ds.string(Tag.AccessionNumber)]).toEqual(['SUBJ^7', 'S7', 'ACC7']);
    expect(ds.string(Tag.FrameOfReferenceUID)).toBe(report.uidsMapped.get(inDs.string(Tag.FrameOfReferenceUID)!)); // M
    expect(ds.string(Tag.LongitudinalTemporalInformationModified)).toBe('MODIFIED');
    expect(ds.strings(Tag.DeidentificationMethod)).toContain('GCA-9300R preset (seed 001 Table 7-1)');
  });
});
