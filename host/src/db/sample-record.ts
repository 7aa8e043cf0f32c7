import { SopClass } from '@atrium/sdk';
import { createHash } from 'node:crypto';
import type { FileFields, InstanceFields, InstanceRecord, PatientFields, SeriesFields, StudyFields } from './instance-record.js';

/** Overrides for {@link sampleRecord}; each level is merged over the defaults. */
export interface SampleRecordOverrides {
  patient?: PatientFields;
  study?: Partial<StudyFields>;
  series?: Partial<SeriesFields>;
  instance?: Partial<InstanceFields>;
  file?: Partial<FileFields>;
}

/**
 * A hand-built {@link InstanceRecord} for tests and examples: a CT image of patient
 * `P1` / `DOE^JOHN`. Unless given, the file path is `<study>/<series>/<sop>.dcm` and the
 * sha256 is the hash of that path, so distinct instances get distinct files.
 */
export function sampleRecord(o: SampleRecordOverrides = {}): InstanceRecord {
  const patient: PatientFields = { PatientID: 'P1', PatientName: 'DOE^JOHN', PatientSex: 'M', ...o.patient };
  const study: StudyFields = { StudyInstanceUID: '1.2.826.0.1.1', StudyDate: '20240115', StudyTime: '101500', ...o.study };
  const series: SeriesFields = { SeriesInstanceUID: `${study.StudyInstanceUID}.1`, Modality: 'CT', SeriesNumber: 1, ...o.series };
  const instance: InstanceFields = {
    SOPInstanceUID: `${series.SeriesInstanceUID}.1`,
    SOPClassUID: SopClass.CTImageStorage,
    InstanceNumber: 1,
    Rows: 512,
    Columns: 512,
    BitsAllocated: 16,
    ...o.instance,
  };
  const path = o.file?.path ?? `${study.StudyInstanceUID}/${series.SeriesInstanceUID}/${instance.SOPInstanceUID}.dcm`;
  const file: FileFields = {
    size: 1024,
    sha256: createHash('sha256').update(path).digest('hex'),
    ...o.file,
    path,
  };
  return { patient, study, series, instance, file };
}
