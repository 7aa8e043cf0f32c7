import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { allSampleFiles, readSample } from '../../../test/support/samples.js';
import type { DataElement } from '../io/data-element.js';
import { stringElement } from '../io/element-factory.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import { validateInstance, type ValidationResult } from './validate-instance.js';

const MR = parseDicom(readSample('mr/MR_small.dcm'));
/** MR_small with elements replaced (a DataElement), removed (undefined) or set to a text value. */
const mr = (changes: Record<number, DataElement | string | undefined>): DicomFile => {
  const map = new Map(Object.entries(changes).map(([tag, v]) => [Number(tag), typeof v === 'string' ? rawText(Number(tag), MR.dataset.get(Number(tag))?.vr ?? 'UI', v) : v]));
  return { ...MR, dataset: MR.dataset.with(map) };
};
/** An element holding exactly these characters (no padding added). */
const rawText = (tag: number, vr: string, text: string): DataElement => ({ tag, vr, value: new Uint8Array(Buffer.from(text, 'latin1')), undefinedLength: false });
const codes = (r: ValidationResult): { refusals: string[]; warnings: string[] } => ({
  refusals: r.refusals.map((p) => `${p.code} ${p.keyword}`),
  warnings: r.warnings.map((p) => `${p.code} ${p.keyword}`),
});

describe('validateInstance: identity UIDs are refused under every policy unless usable as keys and file names', () => {
  it.each([
    ['nothing but NULs', '\0\0', 'ATRIUM_ERR_VALIDATE_EMPTY'],
    ['nothing but spaces', '    ', 'ATRIUM_ERR_VALIDATE_EMPTY'],
    ['two values', '1.2.3\\1.2.4', 'ATRIUM_ERR_VALIDATE_MULTI_VALUED'],
    ['only backslashes', '\\\\\\\\', 'ATRIUM_ERR_VALIDATE_MULTI_VALUED'],
    ['a path', '../../etc/passwd', 'ATRIUM_ERR_VALIDATE_BAD_UID'],
    ['an empty component', '1.2..3', 'ATRIUM_ERR_VALIDATE_BAD_UID'],
    ['a trailing dot', '1.2.3.', 'ATRIUM_ERR_VALIDATE_BAD_UID'],
    ['65 characters', `1.${'2'.repeat(63)}`, 'ATRIUM_ERR_VALIDATE_TOO_LONG'],
    ['a NUL inside', '1.2\x003', 'ATRIUM_ERR_VALIDATE_BAD_UID'],
  ])('SOPInstanceUID of %s', (_name, value, code) => {
    for (const policy of ['safety', 'strict'] as const) {
      const r = validateInstance(mr({ [Tag.SOPInstanceUID]: value }), policy);
      expect(r.refusals.map((p) => [p.code, p.keyword])).toEqual([[code, 'SOPInstanceUID']]);
    }
  });

  it('accepts trailing NUL / space padding and a UID of exactly 64 characters', () => {
    expect(validateInstance(mr({ [Tag.SOPInstanceUID]: '1.2.3\0', [Tag.StudyInstanceUID]: '1.2.4 ' })).refusals).toEqual([]);
    expect(validateInstance(mr({ [Tag.SeriesInstanceUID]: `1.${'2'.repeat(62)}` })).refusals).toEqual([]);
  });

  it('refuses an identity UID with invalid VR bytes or another VR, naming them', () => {
    const withVr = (vr: string, rawVr?: Uint8Array): DataElement => ({ ...MR.dataset.get(Tag.StudyInstanceUID)!, vr, ...(rawVr ? { rawVr } : {}) });
    const raw = validateInstance(mr({ [Tag.StudyInstanceUID]: withVr('UN', new Uint8Array([0x57, 0x49])) }));
    expect(raw.refusals.map((p) => p.message)).toEqual(['StudyInstanceUID (0020,000D) has invalid VR bytes (57 49) instead of UI']);
    const ob = validateInstance(mr({ [Tag.StudyInstanceUID]: withVr('OB') }));
    expect(ob.refusals.map((p) => p.message)).toEqual(['StudyInstanceUID (0020,000D) is encoded with VR OB, not UI']);
  });

  it('refuses the empty identity UIDs of a badly anonymised CT series', () => {
    const file = parseDicom(readFileSync('test/fixtures/ct-j2k/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573'));
    expect(codes(validateInstance(file)).refusals).toEqual([
      'ATRIUM_ERR_VALIDATE_EMPTY SOPClassUID',
      'ATRIUM_ERR_VALIDATE_EMPTY SOPInstanceUID',
      'ATRIUM_ERR_VALIDATE_EMPTY StudyInstanceUID',
      'ATRIUM_ERR_VALIDATE_EMPTY SeriesInstanceUID',
    ]);
  });
});

describe('validateInstance: the policy (safety refuses what is unsafe to identify or display; strict refuses every finding)', () => {
  it('finds nothing to refuse in any bundled sample under safety; MR_small is clean under strict', () => {
    for (const f of allSampleFiles().filter((n) => !n.endsWith('DICOMDIR'))) {
      expect(validateInstance(parseDicom(readSample(f))).refusals, f).toEqual([]);
    }
    expect(validateInstance(MR, 'strict')).toEqual({ refusals: [], warnings: [] });
  });

  it('an MR without ScanningSequence / SequenceVariant is stored with warnings under safety, refused under strict', () => {
    const file = mr({ [Tag.ScanningSequence]: undefined, [Tag.SequenceVariant]: undefined });
    const expected = ['ATRIUM_ERR_VALIDATE_MISSING ScanningSequence', 'ATRIUM_ERR_VALIDATE_MISSING SequenceVariant'];
    expect(codes(validateInstance(file, 'safety'))).toEqual({ refusals: [], warnings: expected });
    expect(codes(validateInstance(file, 'strict'))).toEqual({ refusals: expected, warnings: [] });
    expect(validateInstance(file).warnings[0]!.message).toBe('Type 1 attribute ScanningSequence (0018,0020) is missing');
  });

  it('strict names the missing Type 1 attribute of an XA (the GCA-9300R behaviour); safety records it as a warning', () => {
    const xa = parseDicom(readSample('xa/gdcm-XA-4frame-jpll.dcm'));
    const metaMismatch = 'ATRIUM_ERR_VALIDATE_META_MISMATCH MediaStorageSOPInstanceUID'; // a warning under both policies
    expect(codes(validateInstance(xa, 'strict'))).toEqual({ refusals: ['ATRIUM_ERR_VALIDATE_MISSING RadiationSetting'], warnings: [metaMismatch] });
    expect(codes(validateInstance(xa, 'safety'))).toEqual({ refusals: [], warnings: ['ATRIUM_ERR_VALIDATE_MISSING RadiationSetting', metaMismatch] });
  });

  it('a pixel spacing of 0 (spacing unknown, as a real CR writes it) is a warning, a negative one is refused', () => {
    const cr = parseDicom(readSample('dx-cr/RG1_J2KI.dcm'));
    expect(validateInstance(cr, 'strict').refusals).toEqual([]);
    expect(validateInstance(cr).warnings.map((p) => p.message)).toContain('PixelSpacing (0028,0030) is 0: distances in the image cannot be measured ("0.000\\0.000")');
    expect(validateInstance(mr({ [Tag.PixelSpacing]: '-1\\1 ' })).refusals.map((p) => p.message)).toEqual(['PixelSpacing (0028,0030) has a negative value ("-1\\1")']);
  });

  it('a malformed UID in a reference or an over-long value is a warning under safety', () => {
    const file = mr({ [Tag.FrameOfReferenceUID]: undefined, [Tag.SOPClassesInStudy]: stringElement(Tag.SOPClassesInStudy, 'UI', '1.2.abc'), [Tag.Modality]: 'MRMRMRMRMRMRMRMRMR' });
    expect(codes(validateInstance(file))).toEqual({
      refusals: [],
      warnings: ['ATRIUM_ERR_VALIDATE_TOO_LONG Modality', 'ATRIUM_ERR_VALIDATE_MISSING FrameOfReferenceUID', 'ATRIUM_ERR_VALIDATE_BAD_UID SOPClassesInStudy'],
    });
  });

  it('File Meta Information naming another instance is a warning', () => {
    const meta = MR.meta!.with(new Map([[Tag.MediaStorageSOPInstanceUID, stringElement(Tag.MediaStorageSOPInstanceUID, 'UI', '1.2.3')]]));
    const r = validateInstance({ ...MR, meta });
    expect(r.warnings.map((p) => p.message)).toEqual([`MediaStorageSOPInstanceUID (0002,0003) of the File Meta Information (1.2.3) differs from the data set's (${MR.dataset.string(Tag.SOPInstanceUID)})`]);
  });
});

describe('validateInstance: pixel description and geometry are refused when they cannot be displayed or used', () => {
  it.each([
    ['Rows missing', { [Tag.Rows]: undefined }, 'Type 1 attribute Rows (0028,0010) is missing'],
    ['BitsStored above BitsAllocated', { [Tag.BitsStored]: rawText(Tag.BitsStored, 'US', '\x11\x00') }, 'PixelData (7FE0,0010) cannot be displayed: Invalid pixel description: Bits Stored must be 1..Bits Allocated'],
    ['Pixel Data cut short', { [Tag.PixelData]: { ...MR.dataset.get(Tag.PixelData)!, value: MR.dataset.get(Tag.PixelData)!.value.subarray(0, 1000) } }, 'PixelData (7FE0,0010) holds 0 whole frame(s) of 64×64×1 samples of 16 bits, the pixel description says 1'],
    ['ImageOrientationPatient of 5 values', { [Tag.ImageOrientationPatient]: '1\\0\\0\\0\\1' }, 'ImageOrientationPatient (0020,0037) has 5 values, not 6 ("1\\0\\0\\0\\1")'],
    ['a zero row direction', { [Tag.ImageOrientationPatient]: '0\\0\\0\\0\\1\\0 ' }, 'ImageOrientationPatient (0020,0037) has a row or column direction of length 0 ("0\\0\\0\\0\\1\\0")'],
    ['ImagePositionPatient not numbers', { [Tag.ImagePositionPatient]: 'a\\b\\c ' }, 'ImagePositionPatient (0020,0032) has a value that is not a number ("a\\b\\c")'],
    ['FrameOfReferenceUID malformed', { [Tag.FrameOfReferenceUID]: '1.2.x' }, 'FrameOfReferenceUID (0020,0052) is not a valid UID ("1.2.x"): only digits and dots are allowed'],
  ])('%s', (_name, changes, message) => {
    for (const policy of ['safety', 'strict'] as const) {
      expect(validateInstance(mr(changes), policy).refusals.map((p) => p.message)).toEqual([message]);
    }
  });

  it('geometry that is absent is not refused under safety (a warning where the IOD requires it)', () => {
    const r = validateInstance(mr({ [Tag.ImagePositionPatient]: undefined }));
    expect(codes(r)).toEqual({ refusals: [], warnings: ['ATRIUM_ERR_VALIDATE_MISSING ImagePositionPatient'] });
  });
});
