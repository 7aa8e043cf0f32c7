import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAtriumError } from '../errors/atrium-error.js';
import type { Index } from './dicom-index.js';
import { openIndex } from './open-database.js';
import { sampleRecord } from './sample-record.js';
import { sqliteOf } from './test-support/sqlite-of.js';
import type { AtriumErrorCode } from '../errors/codes.js';

let idx: Index;
beforeEach(() => {
  idx = openIndex(':memory:');
});
afterEach(() => idx.close());

const counts = (): Record<string, number> =>
  Object.fromEntries(
    ['patient', 'study', 'series', 'instance'].map((t) => [
      t,
      (sqliteOf(idx).prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

function expectAtriumError(fn: () => unknown, code: AtriumErrorCode): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isAtriumError(caught, code), `expected ${code}, got ${String(caught)}`).toBe(true);
}

const S1 = '1.2.826.0.1.1';
const S2 = '1.2.826.0.1.2';

describe('duplicate UID rules (seed §4.1.3.3.3)', () => {
  it('stores a new study, then a new series of the same study', () => {
    const first = sampleRecord();
    expect(idx.classify(first)).toEqual({ action: 'store' });
    expect(idx.upsertInstance(first)).toEqual({
      action: 'stored',
      changes: [],
      created: { patient: true, study: true, series: true },
    });
    const second = sampleRecord({ series: { SeriesInstanceUID: `${S1}.2`, SeriesNumber: 2 } });
    expect(idx.classify(second)).toEqual({ action: 'store' });
    expect(idx.upsertInstance(second).created).toEqual({ patient: false, study: false, series: true });
    expect(counts()).toEqual({ patient: 1, study: 1, series: 2, instance: 2 });
  });

  it('quarantines a series UID already held by another study and writes nothing', () => {
    idx.upsertInstance(sampleRecord());
    const clash = sampleRecord({
      study: { StudyInstanceUID: S2 },
      series: { SeriesInstanceUID: `${S1}.1` },
      instance: { SOPInstanceUID: `${S2}.9.9` },
    });
    expect(idx.classify(clash)).toEqual({
      action: 'quarantine-duplicate-series',
      existing: { SeriesInstanceUID: `${S1}.1`, StudyInstanceUID: S1 },
    });
    expectAtriumError(() => idx.upsertInstance(clash), 'ATRIUM_ERR_INDEX_DUPLICATE_SERIES');
    expect(counts()).toEqual({ patient: 1, study: 1, series: 1, instance: 1 });
    expect(idx.getInstances({ StudyInstanceUID: S2 })).toEqual([]);
  });

  it('replaces a re-received instance (same SOP, same series) and returns the old file', () => {
    const first = sampleRecord({ file: { path: 'a/old.dcm', storedAt: '2024-01-01T00:00:00.000Z' } });
    idx.upsertInstance(first);
    const again = sampleRecord({
      instance: { InstanceNumber: 7, Rows: undefined },
      file: { path: 'a/new.dcm', sha256: 'ab'.repeat(32), storedAt: '2024-02-02T00:00:00.000Z', receivedFrom: 'CT1' },
    });
    const oldFile = { path: 'a/old.dcm', size: 1024, sha256: first.file.sha256, storedAt: '2024-01-01T00:00:00.000Z' };
    expect(idx.classify(again)).toEqual({ action: 'replace', existing: oldFile });
    const result = idx.upsertInstance(again);
    expect(result.action).toBe('replaced');
    expect(result.previousFile).toEqual(oldFile);
    expect(counts().instance).toBe(1);
    const stored = idx.getInstance(`${S1}.1`, `${S1}.1.1`);
    expect(stored?.file).toEqual({
      path: 'a/new.dcm',
      size: 1024,
      sha256: 'ab'.repeat(32),
      storedAt: '2024-02-02T00:00:00.000Z',
      receivedFrom: 'CT1',
    });
    // The instance row is replaced entirely: Rows was absent in the new object.
    expect(stored?.instance).toEqual({
      SOPInstanceUID: `${S1}.1.1`,
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
      InstanceNumber: 7,
      Columns: 512,
      BitsAllocated: 16,
    });
  });

  it('stores the same SOP Instance UID in a different series as a separate instance', () => {
    idx.upsertInstance(sampleRecord());
    const other = sampleRecord({
      series: { SeriesInstanceUID: `${S1}.2` },
      instance: { SOPInstanceUID: `${S1}.1.1` },
      file: { path: 'dup/sop.dcm' },
    });
    expect(idx.classify(other)).toEqual({ action: 'store', existing: { sameSopInSeries: [`${S1}.1`] } });
    expect(idx.upsertInstance(other).action).toBe('stored');
    expect(idx.getInstances({ SOPInstanceUID: `${S1}.1.1` }).map((i) => i.series.SeriesInstanceUID)).toEqual([
      `${S1}.1`,
      `${S1}.2`,
    ]);
    const removed = idx.removeInstance({ SOPInstanceUID: `${S1}.1.1`, SeriesInstanceUID: `${S1}.2` });
    expect(removed).toEqual({ paths: ['dup/sop.dcm'], instances: 1, series: 1, studies: 0, patients: 0 });
    expect(idx.getInstance(`${S1}.1`, `${S1}.1.1`)?.file.path).toBe(`${S1}/${S1}.1/${S1}.1.1.dcm`);
  });
});

describe('demographic updates (seed §4.1.3.3.2)', () => {
  it('takes the latest values and reports the changed fields', () => {
    idx.upsertInstance(sampleRecord({ study: { StudyDescription: 'CHEST' }, series: { SeriesDescription: 'AX' } }));
    const result = idx.upsertInstance(
      sampleRecord({
        patient: { PatientName: 'DOE^JANE', PatientBirthDate: '19700101' },
        study: { StudyDescription: 'CHEST W/O' },
        series: { SeriesDescription: 'AX 2mm' },
        instance: { SOPInstanceUID: `${S1}.1.2`, InstanceNumber: 2 },
      }),
    );
    expect(result).toEqual({
      action: 'stored',
      changes: [
        { level: 'PATIENT', field: 'PatientName', old: 'DOE^JOHN', new: 'DOE^JANE' },
        { level: 'PATIENT', field: 'PatientBirthDate', old: undefined, new: '19700101' },
        { level: 'STUDY', field: 'StudyDescription', old: 'CHEST', new: 'CHEST W/O' },
        { level: 'SERIES', field: 'SeriesDescription', old: 'AX', new: 'AX 2mm' },
      ],
      created: { patient: false, study: false, series: false },
    });
    expect(sqliteOf(idx).prepare('SELECT "PatientName", "PatientBirthDate" FROM patient').all()).toEqual([
      { PatientName: 'DOE^JANE', PatientBirthDate: '19700101' },
    ]);
    // The earlier instance reads the updated demographics (one patient row).
    expect(idx.getInstance(`${S1}.1`, `${S1}.1.1`)?.patient.PatientName).toBe('DOE^JANE');
  });

  it('keeps a stored value when the attribute is absent and clears it when empty', () => {
    idx.upsertInstance(sampleRecord());
    const absent = idx.upsertInstance(
      sampleRecord({ patient: { PatientSex: undefined }, instance: { SOPInstanceUID: `${S1}.1.2` } }),
    );
    expect(absent.changes).toEqual([]);
    const empty = idx.upsertInstance(sampleRecord({ patient: { PatientSex: '' }, instance: { SOPInstanceUID: `${S1}.1.3` } }));
    expect(empty.changes).toEqual([{ level: 'PATIENT', field: 'PatientSex', old: 'M', new: undefined }]);
    expect(sqliteOf(idx).prepare('SELECT "PatientSex" AS s FROM patient').get()).toEqual({ s: null });
  });

  it('re-links a study whose Patient ID changed and removes the emptied old patient', () => {
    idx.upsertInstance(sampleRecord());
    const result = idx.upsertInstance(
      sampleRecord({ patient: { PatientID: 'P2', PatientName: 'ROE^RICHARD' }, instance: { SOPInstanceUID: `${S1}.1.2` } }),
    );
    expect(result.relinked).toEqual({
      StudyInstanceUID: S1,
      from: { PatientID: 'P1', PatientName: 'DOE^JOHN' },
      to: { PatientID: 'P2', PatientName: 'ROE^RICHARD' },
      oldPatientRemoved: true,
    });
    expect(result.changes).toEqual([
      { level: 'PATIENT', field: 'PatientName', old: 'DOE^JOHN', new: 'ROE^RICHARD' },
      { level: 'PATIENT', field: 'PatientID', old: 'P1', new: 'P2' },
    ]);
    expect(result.created.patient).toBe(true);
    expect(sqliteOf(idx).prepare('SELECT "PatientID" AS id FROM patient').all()).toEqual([{ id: 'P2' }]);
    expect(idx.getInstance(`${S1}.1`, `${S1}.1.1`)?.patient.PatientID).toBe('P2');
  });

  it('keeps the old patient when it still has another study', () => {
    idx.upsertInstance(sampleRecord());
    idx.upsertInstance(sampleRecord({ study: { StudyInstanceUID: S2 } }));
    const result = idx.upsertInstance(
      sampleRecord({ patient: { PatientID: 'P2' }, instance: { SOPInstanceUID: `${S1}.1.2` } }),
    );
    expect(result.relinked?.oldPatientRemoved).toBe(false);
    expect(sqliteOf(idx).prepare('SELECT "PatientID" AS id FROM patient ORDER BY pk').all()).toEqual([{ id: 'P1' }, { id: 'P2' }]);
  });

  it('keys patients on PatientID + Issuer, or on name + birth date without PatientID', () => {
    idx.upsertInstance(sampleRecord({ patient: { PatientID: 'X', IssuerOfPatientID: 'HOSP_A' }, study: { StudyInstanceUID: '1.1' } }));
    idx.upsertInstance(sampleRecord({ patient: { PatientID: 'X', IssuerOfPatientID: 'HOSP_B' }, study: { StudyInstanceUID: '1.2' } }));
    const anon = { PatientID: '', PatientName: 'ANON', PatientBirthDate: '20000101' };
    idx.upsertInstance(sampleRecord({ patient: anon, study: { StudyInstanceUID: '1.3' } }));
    idx.upsertInstance(sampleRecord({ patient: anon, study: { StudyInstanceUID: '1.4' } }));
    idx.upsertInstance(sampleRecord({ patient: { ...anon, PatientBirthDate: '20000102' }, study: { StudyInstanceUID: '1.5' } }));
    expect(counts()).toEqual({ patient: 4, study: 5, series: 5, instance: 5 });
  });
});

describe('removal', () => {
  // P1: study S1 (series .1 with 2 instances, series .2 with 1), study S2 (1 instance); P2: study 1.9
  beforeEach(() => {
    idx.upsertInstance(sampleRecord());
    idx.upsertInstance(sampleRecord({ instance: { SOPInstanceUID: `${S1}.1.2` } }));
    idx.upsertInstance(sampleRecord({ series: { SeriesInstanceUID: `${S1}.2` } }));
    idx.upsertInstance(sampleRecord({ study: { StudyInstanceUID: S2 } }));
    idx.upsertInstance(sampleRecord({ patient: { PatientID: 'P2' }, study: { StudyInstanceUID: '1.9' } }));
  });

  it('removes instances, then empty series, studies and patients', () => {
    expect(idx.removeInstance({ SOPInstanceUID: `${S1}.1.2` })).toEqual({
      paths: [`${S1}/${S1}.1/${S1}.1.2.dcm`],
      instances: 1,
      series: 0,
      studies: 0,
      patients: 0,
    });
    expect(idx.removeSeries(`${S1}.2`)).toEqual({
      paths: [`${S1}/${S1}.2/${S1}.2.1.dcm`],
      instances: 1,
      series: 1,
      studies: 0,
      patients: 0,
    });
    expect(idx.removeStudy(S2)).toEqual({ paths: [`${S2}/${S2}.1/${S2}.1.1.dcm`], instances: 1, series: 1, studies: 1, patients: 0 });
    expect(idx.removeInstance({ SOPInstanceUID: `${S1}.1.1`, SeriesInstanceUID: `${S1}.1` })).toEqual({
      paths: [`${S1}/${S1}.1/${S1}.1.1.dcm`],
      instances: 1,
      series: 1,
      studies: 1,
      patients: 1,
    });
    expect(counts()).toEqual({ patient: 1, study: 1, series: 1, instance: 1 });
    expect(idx.listInstancePaths()).toEqual(['1.9/1.9.1/1.9.1.1.dcm']);
  });

  it('removes a whole patient', () => {
    expect(idx.removePatient({ PatientID: 'P1' })).toEqual({
      paths: [`${S1}/${S1}.1/${S1}.1.1.dcm`, `${S1}/${S1}.1/${S1}.1.2.dcm`, `${S1}/${S1}.2/${S1}.2.1.dcm`, `${S2}/${S2}.1/${S2}.1.1.dcm`],
      instances: 4,
      series: 3,
      studies: 2,
      patients: 1,
    });
    expect(counts()).toEqual({ patient: 1, study: 1, series: 1, instance: 1 });
  });

  it('returns an empty result for unknown UIDs', () => {
    const none = { paths: [], instances: 0, series: 0, studies: 0, patients: 0 };
    expect(idx.removeStudy('9.9')).toEqual(none);
    expect(idx.removeSeries('9.9')).toEqual(none);
    expect(idx.removeInstance({ SOPInstanceUID: '9.9' })).toEqual(none);
    expect(idx.removePatient({ PatientID: 'NOBODY' })).toEqual(none);
    expect(counts()).toEqual({ patient: 2, study: 3, series: 4, instance: 5 });
  });

  it('lists paths sorted and reads instances by any unique key', () => {
    expect(idx.listInstancePaths()).toEqual([
      '1.2.826.0.1.1/1.2.826.0.1.1.1/1.2.826.0.1.1.1.1.dcm',
      '1.2.826.0.1.1/1.2.826.0.1.1.1/1.2.826.0.1.1.1.2.dcm',
      '1.2.826.0.1.1/1.2.826.0.1.1.2/1.2.826.0.1.1.2.1.dcm',
      '1.2.826.0.1.2/1.2.826.0.1.2.1/1.2.826.0.1.2.1.1.dcm',
      '1.9/1.9.1/1.9.1.1.dcm',
    ]);
    expect(idx.getInstances({ StudyInstanceUID: S1 }).map((i) => i.instance.SOPInstanceUID)).toEqual([
      `${S1}.1.1`,
      `${S1}.1.2`,
      `${S1}.2.1`,
    ]);
    expect(idx.getInstances({}).length).toBe(5);
    expect(idx.getInstance('9.9', '9.9')).toBeUndefined();
  });
});

describe('quarantine', () => {
  it('adds, lists and removes entries', () => {
    const id = idx.addQuarantine({
      reasonCode: 'ATRIUM_ERR_INDEX_DUPLICATE_SERIES',
      reason: 'Series 1.2.1 already belongs to study 1.1',
      details: { SeriesInstanceUID: '1.2.1', StudyInstanceUID: '1.1' },
      path: 'quarantine/abc.dcm',
      sha256: 'cd'.repeat(32),
      source: 'DICOM:CT1@10.0.0.5',
      receivedAt: '2024-03-01T10:00:00.000Z',
    });
    const entry = {
      id,
      receivedAt: '2024-03-01T10:00:00.000Z',
      reasonCode: 'ATRIUM_ERR_INDEX_DUPLICATE_SERIES',
      reason: 'Series 1.2.1 already belongs to study 1.1',
      details: { SeriesInstanceUID: '1.2.1', StudyInstanceUID: '1.1' },
      path: 'quarantine/abc.dcm',
      sha256: 'cd'.repeat(32),
      source: 'DICOM:CT1@10.0.0.5',
    };
    const id2 = idx.addQuarantine({ reasonCode: 'X', reason: 'minimal' });
    const list = idx.listQuarantine();
    expect(list[0]).toEqual(entry);
    expect(list[1]).toMatchObject({ id: id2, reasonCode: 'X', reason: 'minimal', details: {} });
    expect(list[1]?.path).toBeUndefined();
    expect(idx.removeQuarantine(id)).toEqual(entry);
    expect(idx.listQuarantine().map((e) => e.id)).toEqual([id2]);
    expect(idx.removeQuarantine(id)).toBeUndefined();
  });
});

describe('invalid input', () => {
  it('refuses a record without a SOP Instance UID', () => {
    expectAtriumError(() => idx.upsertInstance(sampleRecord({ instance: { SOPInstanceUID: '' } })), 'ATRIUM_ERR_INDEX_BAD_RECORD');
    expectAtriumError(() => idx.classify(sampleRecord({ study: { StudyInstanceUID: ' ' } })), 'ATRIUM_ERR_INDEX_BAD_RECORD');
  });

  it('rolls back everything when the instance row fails', () => {
    expectAtriumError(
      () => idx.upsertInstance(sampleRecord({ instance: { InstanceNumber: 1.5 } })),
      'ATRIUM_ERR_INDEX_BAD_RECORD',
    );
    expect(counts()).toEqual({ patient: 0, study: 0, series: 0, instance: 0 });
  });

  it('refuses a file path already used by another instance', () => {
    idx.upsertInstance(sampleRecord({ file: { path: 'same.dcm' } }));
    expectAtriumError(
      () => idx.upsertInstance(sampleRecord({ instance: { SOPInstanceUID: '1.5' }, file: { path: 'same.dcm' } })),
      'ATRIUM_ERR_INDEX_PATH_IN_USE',
    );
    expect(counts().instance).toBe(1);
  });
});
