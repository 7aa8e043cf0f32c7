import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { parseDicom } from '../io/parse-part10.js';
import { stringElement } from '../io/element-factory.js';
import { validateInstance } from './validate-instance.js';

const dataset = (path: string) => parseDicom(readFileSync(path)).dataset;

describe('validateInstance (seed 001 §4.1.3.3.1)', () => {
  it('accepts conformant samples under both policies', () => {
    for (const f of ['samples/mr/MR_small.dcm', 'samples/nm/NM1_JPLL.dcm', 'samples/dx-cr/dx_image.dcm']) {
      expect(validateInstance(dataset(f), 'safety')).toEqual([]);
    }
    expect(validateInstance(dataset('samples/mr/MR_small.dcm'), 'strict')).toEqual([]);
  });

  it('strict names every missing Type 1 attribute of the mandatory modules; safety lets equipment gaps through', () => {
    const xa = dataset('samples/xa/gdcm-XA-4frame-jpll.dcm');
    expect(validateInstance(xa, 'safety')).toEqual([]);
    const strict = validateInstance(xa, 'strict');
    expect(strict.map((p) => [p.code, p.keyword])).toEqual([['ATRIUM_ERR_VALIDATE_MISSING', 'RadiationSetting']]);
    expect(strict[0]!.message).toBe('Type 1 attribute RadiationSetting (0018,1155) is missing');
  });

  it('refuses empty identity UIDs', () => {
    const problems = validateInstance(dataset('test/fixtures/ct-j2k/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573'));
    expect(problems.map((p) => `${p.code} ${p.keyword}`)).toEqual([
      'ATRIUM_ERR_VALIDATE_EMPTY SOPClassUID',
      'ATRIUM_ERR_VALIDATE_EMPTY SOPInstanceUID',
      'ATRIUM_ERR_VALIDATE_EMPTY StudyInstanceUID',
      'ATRIUM_ERR_VALIDATE_EMPTY SeriesInstanceUID',
    ]);
  });

  it('refuses over-long and malformed UIDs, also inside sequences', () => {
    const ds = dataset('samples/mr/MR_small.dcm');
    const long = ds.with(new Map([[Tag.SeriesInstanceUID, stringElement(Tag.SeriesInstanceUID, 'UI', `1.2.${'3'.repeat(62)}`)]]));
    expect(validateInstance(long).map((p) => p.message)).toEqual([
      'SeriesInstanceUID (0020,000E) has a value of 66 characters, longer than the 64 allowed for VR UI',
    ]);
    const letters = ds.with(new Map([[Tag.FrameOfReferenceUID, stringElement(Tag.FrameOfReferenceUID, 'UI', '1.2.abc')]]));
    expect(validateInstance(letters).map((p) => p.code)).toEqual(['ATRIUM_ERR_VALIDATE_BAD_UID']);
    const sr = dataset('samples/rt-seg-sr/test-SR.dcm');
    expect(validateInstance(sr)).toEqual([]);
  });

  it('refuses a missing Type 1 pixel attribute', () => {
    const ds = dataset('samples/mr/MR_small.dcm');
    const noRows = ds.with(new Map([[Tag.Rows, undefined]]));
    expect(validateInstance(noRows).map((p) => p.message)).toEqual(['Type 1 attribute Rows (0028,0010) is missing']);
  });
});
