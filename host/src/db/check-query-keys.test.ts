import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../errors/atrium-error.js';
import { checkQueryKeys, checkRemoteQueryValue, matchableKeys } from './check-query-keys.js';
import { openIndex } from './open-database.js';
import { query } from './query-engine.js';
import { sampleRecord } from './sample-record.js';

function failure(fn: () => unknown): { code: string; message: string } | undefined {
  try {
    fn();
  } catch (e) {
    if (isAtriumError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  return undefined;
}

describe('checkQueryKeys', () => {
  it('accepts the keys of the level and the levels above it, with valid values', () => {
    expect(failure(() => checkQueryKeys('SERIES', { PatientName: 'DOE^*', StudyDate: '20200101-20201231', Modality: 'CT', SeriesNumber: '3' }))).toBeUndefined();
    expect(failure(() => checkQueryKeys('IMAGE', { SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', StudyDate: '-20001231' }))).toBeUndefined();
    expect(matchableKeys('PATIENT')).not.toContain('StudyDate');
    expect(matchableKeys('SERIES')).not.toContain('NumberOfSeriesRelatedInstances');
  });

  it('refuses unknown keys with the closest valid one', () => {
    expect(failure(() => checkQueryKeys('SERIES', { Modalty: 'CT' }))).toEqual({ code: 'ATRIUM_ERR_QUERY_UNKNOWN_KEY', message: 'unknown query key "Modalty": did you mean Modality?' });
    expect(failure(() => checkQueryKeys('STUDY', { StudyInstanceUid: '1.2' }))?.message).toBe('unknown query key "StudyInstanceUid": did you mean StudyInstanceUID?');
    expect(failure(() => checkQueryKeys('STUDY', { Zzzzzz: '1' }))?.message).toMatch(/^unknown query key "Zzzzzz": study queries match PatientName, /);
    expect(failure(() => checkQueryKeys('STUDY', { toString: '1' }))?.code).toBe('ATRIUM_ERR_QUERY_UNKNOWN_KEY');
  });

  it('refuses keys of lower levels, computed counts, empty and malformed values', () => {
    expect(failure(() => checkQueryKeys('STUDY', { Modality: 'CT' }))?.code).toBe('ATRIUM_ERR_QUERY_KEY_LEVEL');
    expect(failure(() => checkQueryKeys('STUDY', { NumberOfStudyRelatedSeries: '2' }))?.code).toBe('ATRIUM_ERR_QUERY_KEY_LEVEL');
    expect(failure(() => checkQueryKeys('STUDY', { StudyDate: ' ' }))?.code).toBe('ATRIUM_ERR_QUERY_EMPTY_VALUE');
    for (const date of ['2020', '20201301', '2020-2021', '20200101--20200102', '20201231-20200101']) {
      expect(failure(() => checkQueryKeys('STUDY', { StudyDate: date }))?.code, date).toBe('ATRIUM_ERR_QUERY_BAD_VALUE');
    }
  });

  it('checks DA, TM and DT values sent to a remote AE, and leaves other VRs to the peer', () => {
    expect(failure(() => checkRemoteQueryValue('StudyDate', 'DA', '20201231-20200101'))?.code).toBe('ATRIUM_ERR_QUERY_BAD_VALUE');
    expect(failure(() => checkRemoteQueryValue('StudyTime', 'TM', '25'))?.code).toBe('ATRIUM_ERR_QUERY_BAD_VALUE');
    expect(failure(() => checkRemoteQueryValue('StudyDate', 'DA', ''))).toBeUndefined();
    expect(failure(() => checkRemoteQueryValue('BodyPartThickness', 'DS', 'anything'))).toBeUndefined();
  });
});

describe('query option excludeStoredFrom', () => {
  it('leaves out the series holding an instance stored from that source', () => {
    const idx = openIndex(':memory:');
    try {
      const add = (series: string, sop: string, receivedFrom: string): void => {
        const r = sampleRecord({ series: { SeriesInstanceUID: series, Modality: 'CT' }, instance: { SOPInstanceUID: sop } });
        idx.upsertInstance({ ...r, file: { ...r.file, receivedFrom } });
      };
      add('1.1', '1.1.1', 'import');
      add('1.2', '1.2.1', 'app:acme.sum');
      add('1.3', '1.3.1', 'import');
      add('1.3', '1.3.2', 'app:acme.sum');
      add('1.4', '1.4.1', 'app:acme.other');
      const series = (options = {}): unknown[] => query(idx, 'SERIES', { Modality: 'CT' }, options).map((r) => r.SeriesInstanceUID);
      expect(series()).toEqual(['1.1', '1.2', '1.3', '1.4']);
      expect(series({ excludeStoredFrom: 'app:acme.sum' })).toEqual(['1.1', '1.4']);
      expect(query(idx, 'IMAGE', { SOPInstanceUID: '' }, { excludeStoredFrom: 'app:acme.sum' }).map((r) => r.SOPInstanceUID)).toEqual(['1.1.1', '1.4.1']);
      expect(failure(() => query(idx, 'STUDY', {}, { excludeStoredFrom: 'app:acme.sum' }))?.code).toBe('ATRIUM_ERR_QUERY_BAD_OPTION');
    } finally {
      idx.close();
    }
  });
});
