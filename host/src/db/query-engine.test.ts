import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAtriumError } from '../errors/atrium-error.js';
import type { Index } from './dicom-index.js';
import type { PatientFields } from './instance-record.js';
import { matchCondition } from './match-condition.js';
import { openIndex } from './open-database.js';
import { query } from './query-engine.js';
import { sampleRecord } from './sample-record.js';
import { sqliteOf } from './test-support/sqlite-of.js';

const P1: PatientFields = { PatientID: 'P1', PatientName: 'DOE^JOHN', PatientBirthDate: '19700101', PatientSex: 'M', OtherPatientIDs: 'A1\\B2' };
const P2: PatientFields = { PatientID: 'P2', PatientName: 'Müller^Hans', PatientBirthDate: '19851231', PatientSex: 'M' };
const P3: PatientFields = { PatientID: 'P3', PatientName: "O'NEIL^ANN", PatientBirthDate: '19900615', PatientSex: 'F' };

/** study UID → [patient, StudyDate, StudyTime, StudyDescription, series: [Modality, instances, ScanOptions?][]] */
const STUDIES: [string, PatientFields, string | undefined, string | undefined, string | undefined, [string, number, string?][]][] = [
  ['ST1', P1, '20231231', '235959', '100% SAMPLE', [['CT', 3, 'HELICAL\\CARDIAC'], ['MR', 1]]],
  ['ST2', P1, '20240101', '0930', '100X SAMPLE', [['PT', 2]]],
  ['ST3', P2, '20240102', '10', 'A_B', [['CT', 1]]],
  ['ST4', P2, '20240215', '103015.25', 'AXB', [['US', 1]]],
  ['ST5', P3, '20240301', '14:30:00', '[BRACKET]', [['MR', 1]]],
  ['ST6', P3, undefined, undefined, undefined, [['SR', 1]]],
];

let idx: Index;
beforeAll(() => {
  idx = openIndex(':memory:');
  for (const [uid, patient, StudyDate, StudyTime, StudyDescription, series] of STUDIES) {
    series.forEach(([Modality, n, ScanOptions], s) => {
      for (let i = 1; i <= n; i++) {
        idx.upsertInstance(
          sampleRecord({
            patient,
            study: { StudyInstanceUID: uid, StudyDate, StudyTime, StudyDescription, AccessionNumber: `ACC-${uid}` },
            series: { SeriesInstanceUID: `${uid}.${s + 1}`, Modality, SeriesNumber: s + 1, ScanOptions },
            instance: { SOPInstanceUID: `${uid}.${s + 1}.${i}`, InstanceNumber: i },
          }),
        );
      }
    });
  }
});
afterAll(() => idx.close());

/** Study UIDs matching `keys` at STUDY level (Study Root). */
const studies = (keys: Record<string, string>): (string | number | undefined)[] =>
  query(idx, 'STUDY', keys).map((r) => r.StudyInstanceUID);

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAtriumError(e) ? e.code : String(e);
  }
  return undefined;
}

describe('universal and single value matching (PS3.4 §C.2.2.2.1, §C.2.2.2.3)', () => {
  it('returns requested attributes of every study for empty values', () => {
    expect(query(idx, 'STUDY', { StudyDate: '', StudyDescription: '' })).toEqual([
      { StudyInstanceUID: 'ST1', StudyDate: '20231231', StudyDescription: '100% SAMPLE' },
      { StudyInstanceUID: 'ST2', StudyDate: '20240101', StudyDescription: '100X SAMPLE' },
      { StudyInstanceUID: 'ST3', StudyDate: '20240102', StudyDescription: 'A_B' },
      { StudyInstanceUID: 'ST4', StudyDate: '20240215', StudyDescription: 'AXB' },
      { StudyInstanceUID: 'ST5', StudyDate: '20240301', StudyDescription: '[BRACKET]' },
      { StudyInstanceUID: 'ST6', StudyDate: undefined, StudyDescription: undefined },
    ]);
    expect(studies({ StudyDescription: '*' })).toEqual(['ST1', 'ST2', 'ST3', 'ST4', 'ST5', 'ST6']);
  });

  it('matches single values case-sensitively', () => {
    expect(studies({ StudyDescription: 'AXB' })).toEqual(['ST4']);
    expect(studies({ StudyDescription: 'axb' })).toEqual([]);
    expect(studies({ AccessionNumber: 'ACC-ST2' })).toEqual(['ST2']);
    expect(studies({ StudyDescription: "x' OR '1'='1" })).toEqual([]);
  });

  it('matches PN case-insensitively, including non-ASCII letters', () => {
    expect(studies({ PatientName: 'doe^john' })).toEqual(['ST1', 'ST2']);
    expect(studies({ PatientName: 'MÜLLER^HANS' })).toEqual(['ST3', 'ST4']);
    expect(studies({ PatientName: 'm?ller*' })).toEqual(['ST3', 'ST4']);
    expect(studies({ PatientName: "o'neil*" })).toEqual(['ST5', 'ST6']);
  });

  it('matches patient attributes at STUDY level (Study Root) and ignores trailing padding', () => {
    expect(studies({ PatientBirthDate: '19800101-' })).toEqual(['ST3', 'ST4', 'ST5', 'ST6']);
    expect(studies({ PatientSex: 'F ' })).toEqual(['ST5', 'ST6']);
    expect(studies({ PatientID: 'P2' })).toEqual(['ST3', 'ST4']);
  });
});

describe('wild card matching (§C.2.2.2.4)', () => {
  it('treats % and _ literally', () => {
    expect(studies({ StudyDescription: '100%*' })).toEqual(['ST1']);
    expect(studies({ StudyDescription: 'A_*' })).toEqual(['ST3']);
    expect(studies({ StudyDescription: '?_?' })).toEqual(['ST3']);
    expect(studies({ StudyDescription: 'A_B' })).toEqual(['ST3']);
  });

  it('treats [ literally and matches * and ?', () => {
    expect(studies({ StudyDescription: '[B*' })).toEqual(['ST5']);
    expect(studies({ StudyDescription: '[BRACKET]' })).toEqual(['ST5']);
    expect(studies({ StudyDescription: '*X*' })).toEqual(['ST2', 'ST4']);
    expect(studies({ StudyDescription: '100? SAMPLE' })).toEqual(['ST1', 'ST2']);
  });
});

describe('range matching (§C.2.2.2.5)', () => {
  it('matches DA ranges across month and year boundaries', () => {
    expect(studies({ StudyDate: '20231231-20240101' })).toEqual(['ST1', 'ST2']);
    expect(studies({ StudyDate: '-20240101' })).toEqual(['ST1', 'ST2']);
    expect(studies({ StudyDate: '20240215-' })).toEqual(['ST4', 'ST5']);
    expect(studies({ StudyDate: '20240131-20240229' })).toEqual(['ST4']);
    expect(studies({ StudyDate: '20240102' })).toEqual(['ST3']);
    expect(studies({ StudyDate: '2024.01.02' })).toEqual(['ST3']);
    expect(studies({ StudyDate: '20240102-20240101' })).toEqual([]);
  });

  it('matches TM ranges with partial times, fractions and the ACR-NEMA form', () => {
    expect(studies({ StudyTime: '10-11' })).toEqual(['ST3', 'ST4']);
    expect(studies({ StudyTime: '1030-1030' })).toEqual(['ST4']);
    expect(studies({ StudyTime: '103015.25-103015.25' })).toEqual(['ST4']);
    expect(studies({ StudyTime: '103015.26-' })).toEqual(['ST1', 'ST5']);
    expect(studies({ StudyTime: '-0930' })).toEqual(['ST2']);
    expect(studies({ StudyTime: '-09' })).toEqual(['ST2']);
    expect(studies({ StudyTime: '1400-' })).toEqual(['ST1', 'ST5']);
    expect(studies({ StudyTime: '10' })).toEqual(['ST3']);
    expect(studies({ StudyTime: '100000' })).toEqual(['ST3']);
    expect(studies({ StudyTime: '143000' })).toEqual(['ST5']);
  });

  it('refuses malformed values', () => {
    expect(errorCode(() => studies({ StudyDate: '20241301' }))).toBe('ATRIUM_ERR_QUERY_BAD_VALUE');
    expect(errorCode(() => studies({ StudyDate: '2024011-' }))).toBe('ATRIUM_ERR_QUERY_BAD_VALUE');
    expect(errorCode(() => studies({ StudyDate: '-' }))).toBe('ATRIUM_ERR_QUERY_BAD_VALUE');
    expect(errorCode(() => studies({ StudyTime: '2500' }))).toBe('ATRIUM_ERR_QUERY_BAD_VALUE');
    expect(errorCode(() => query(idx, 'SERIES', { SeriesNumber: 'one' }))).toBe('ATRIUM_ERR_QUERY_BAD_VALUE');
  });

  it('matches DT ranges as instants, applying UTC offsets', () => {
    const db = sqliteOf(idx);
    db.exec(`CREATE TEMP TABLE dt_test (v TEXT);
      INSERT INTO dt_test VALUES ('20240101120000'), ('20240101120000+0100'), ('2024'), ('20231231235959.999999'), (NULL);`);
    const dt = (value: string): unknown[] => {
      const c = matchCondition('X', { level: 'STUDY', vr: 'DT', sql: 't.v' }, value);
      if (c === undefined) return db.prepare('SELECT v FROM dt_test t').pluck().all();
      return db.prepare(`SELECT v FROM dt_test t WHERE ${c.sql} ORDER BY rowid`).pluck().all(...c.params);
    };
    expect(dt('20240101115959-20240101120000')).toEqual(['20240101120000']);
    expect(dt('20240101110000+0000-20240101110000+0000')).toEqual(['20240101120000+0100']);
    expect(dt('-2023')).toEqual(['20231231235959.999999']);
    expect(dt('2024-')).toEqual(['20240101120000', '20240101120000+0100', '2024']);
    expect(dt('2024')).toEqual(['2024']);
    expect(dt('')).toEqual(['20240101120000', '20240101120000+0100', '2024', '20231231235959.999999', null]);
  });
});

describe('UID list matching (§C.2.2.2.2) and levels', () => {
  it('matches a backslash-separated list of UIDs', () => {
    expect(studies({ StudyInstanceUID: 'ST1\\ST3\\9.9.9' })).toEqual(['ST1', 'ST3']);
    expect(
      query(idx, 'IMAGE', { SOPInstanceUID: 'ST1.1.2\\ST4.1.1', InstanceNumber: '' }),
    ).toEqual([
      { StudyInstanceUID: 'ST1', SeriesInstanceUID: 'ST1.1', SOPInstanceUID: 'ST1.1.2', InstanceNumber: 2 },
      { StudyInstanceUID: 'ST4', SeriesInstanceUID: 'ST4.1', SOPInstanceUID: 'ST4.1.1', InstanceNumber: 1 },
    ]);
  });

  it('adds the unique keys of the levels above (Study Root and Patient Root)', () => {
    expect(query(idx, 'SERIES', { StudyInstanceUID: 'ST1', Modality: '', SeriesNumber: '' })).toEqual([
      { StudyInstanceUID: 'ST1', SeriesInstanceUID: 'ST1.1', Modality: 'CT', SeriesNumber: 1 },
      { StudyInstanceUID: 'ST1', SeriesInstanceUID: 'ST1.2', Modality: 'MR', SeriesNumber: 2 },
    ]);
    expect(query(idx, 'STUDY', { PatientID: 'P3' }, { model: 'PATIENT' })).toEqual([
      { PatientID: 'P3', StudyInstanceUID: 'ST5' },
      { PatientID: 'P3', StudyInstanceUID: 'ST6' },
    ]);
    expect(query(idx, 'IMAGE', { InstanceNumber: '3' })).toEqual([
      { StudyInstanceUID: 'ST1', SeriesInstanceUID: 'ST1.1', SOPInstanceUID: 'ST1.1.3', InstanceNumber: 3 },
    ]);
  });

  it('returns unknown and lower-level keys empty without matching on them', () => {
    expect(query(idx, 'STUDY', { StudyDescription: 'AXB', FooBar: 'x', SOPInstanceUID: 'nope', QueryRetrieveLevel: '' })).toEqual([
      { StudyInstanceUID: 'ST4', StudyDescription: 'AXB', FooBar: undefined, SOPInstanceUID: undefined, QueryRetrieveLevel: 'STUDY' },
    ]);
  });

  it('matches IS values as integers or with wildcards, and multi-valued attributes on any value', () => {
    expect(query(idx, 'IMAGE', { SeriesInstanceUID: 'ST1.1', InstanceNumber: '+2' }).map((r) => r.SOPInstanceUID)).toEqual(['ST1.1.2']);
    expect(query(idx, 'SERIES', { SeriesNumber: '2*' }).map((r) => r.SeriesInstanceUID)).toEqual(['ST1.2']);
    expect(query(idx, 'SERIES', { ScanOptions: 'CARD*' })).toEqual([
      { StudyInstanceUID: 'ST1', SeriesInstanceUID: 'ST1.1', ScanOptions: 'HELICAL\\CARDIAC' },
    ]);
    expect(query(idx, 'SERIES', { ScanOptions: 'HELICAL' }).length).toBe(1);
    expect(query(idx, 'SERIES', { ScanOptions: 'HELICAL\\CARDIAC' }).length).toBe(0);
    expect(query(idx, 'PATIENT', { OtherPatientIDs: 'B2' })).toEqual([{ PatientID: 'P1', OtherPatientIDs: 'A1\\B2' }]);
  });

  it('pages with limit and offset and validates options and levels', () => {
    expect(query(idx, 'STUDY', {}, { limit: 2, offset: 1 }).map((r) => r.StudyInstanceUID)).toEqual(['ST2', 'ST3']);
    expect(query(idx, 'STUDY', {}, { offset: 5 }).map((r) => r.StudyInstanceUID)).toEqual(['ST6']);
    expect(errorCode(() => query(idx, 'STUDY', {}, { limit: -1 }))).toBe('ATRIUM_ERR_QUERY_BAD_OPTION');
    expect(errorCode(() => query(idx, 'PATIENT', {}, { model: 'STUDY' }))).toBe('ATRIUM_ERR_QUERY_BAD_LEVEL');
    expect(errorCode(() => query(idx, 'FRAME' as 'IMAGE', {}))).toBe('ATRIUM_ERR_QUERY_BAD_LEVEL');
  });
});

describe('computed attributes', () => {
  it('computes study counts and ModalitiesInStudy, matching a study on any of its modalities', () => {
    const keys = { ModalitiesInStudy: 'MR', NumberOfStudyRelatedSeries: '', NumberOfStudyRelatedInstances: '' };
    expect(query(idx, 'STUDY', keys)).toEqual([
      { StudyInstanceUID: 'ST1', ModalitiesInStudy: 'CT\\MR', NumberOfStudyRelatedSeries: 2, NumberOfStudyRelatedInstances: 4 },
      { StudyInstanceUID: 'ST5', ModalitiesInStudy: 'MR', NumberOfStudyRelatedSeries: 1, NumberOfStudyRelatedInstances: 1 },
    ]);
    expect(studies({ ModalitiesInStudy: 'CT' })).toEqual(['ST1', 'ST3']);
    expect(studies({ ModalitiesInStudy: 'P?' })).toEqual(['ST2']);
    expect(studies({ ModalitiesInStudy: 'PT\\US' })).toEqual(['ST2', 'ST4']);
    // Counts are return keys only (Table 4-26: U): a value does not filter.
    expect(studies({ NumberOfStudyRelatedSeries: '99' }).length).toBe(6);
  });

  it('computes patient and series counts', () => {
    expect(
      query(idx, 'PATIENT', {
        PatientName: '',
        NumberOfPatientRelatedStudies: '',
        NumberOfPatientRelatedSeries: '',
        NumberOfPatientRelatedInstances: '',
      }),
    ).toEqual([
      { PatientID: 'P1', PatientName: 'DOE^JOHN', NumberOfPatientRelatedStudies: 2, NumberOfPatientRelatedSeries: 3, NumberOfPatientRelatedInstances: 6 },
      { PatientID: 'P2', PatientName: 'Müller^Hans', NumberOfPatientRelatedStudies: 2, NumberOfPatientRelatedSeries: 2, NumberOfPatientRelatedInstances: 2 },
      { PatientID: 'P3', PatientName: "O'NEIL^ANN", NumberOfPatientRelatedStudies: 2, NumberOfPatientRelatedSeries: 2, NumberOfPatientRelatedInstances: 2 },
    ]);
    expect(query(idx, 'SERIES', { Modality: 'CT', NumberOfSeriesRelatedInstances: '' })).toEqual([
      { StudyInstanceUID: 'ST1', SeriesInstanceUID: 'ST1.1', Modality: 'CT', NumberOfSeriesRelatedInstances: 3 },
      { StudyInstanceUID: 'ST3', SeriesInstanceUID: 'ST3.1', Modality: 'CT', NumberOfSeriesRelatedInstances: 1 },
    ]);
  });
});
