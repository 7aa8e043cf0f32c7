import type { InstanceFields, PatientFields, SeriesFields, StudyFields } from './instance-record.js';

/**
 * Column lists of the index tables, one per information-model level. The column names are
 * the DICOM keywords (PS3.6) exactly, so a record field, a table column and a C-FIND key
 * share one spelling. The SQL in `migrations.ts` is written out literally and must agree
 * with these lists (a test checks it).
 */
export const RECORD_FIELDS = {
  PATIENT: [
    'PatientName',
    'PatientID',
    'IssuerOfPatientID',
    'PatientBirthDate',
    'PatientBirthTime',
    'PatientSex',
    'OtherPatientIDs',
    'OtherPatientNames',
    'PatientAge',
    'PatientSize',
    'PatientWeight',
    'EthnicGroup',
    'Occupation',
    'AdditionalPatientHistory',
    'PatientComments',
  ] as const satisfies readonly (keyof PatientFields)[],
  STUDY: [
    'StudyInstanceUID',
    'StudyDate',
    'StudyTime',
    'AccessionNumber',
    'ReferringPhysicianName',
    'NameOfPhysiciansReadingStudy',
    'AdmittingDiagnosesDescription',
    'StudyDescription',
    'StudyID',
    'OtherStudyNumbers',
  ] as const satisfies readonly (keyof StudyFields)[],
  SERIES: [
    'SeriesInstanceUID',
    'SeriesDate',
    'SeriesTime',
    'Modality',
    'Manufacturer',
    'InstitutionName',
    'SeriesDescription',
    'ManufacturerModelName',
    'BodyPartExamined',
    'ScanOptions',
    'ProtocolName',
    'SeriesNumber',
    'StationName',
    'PerformingPhysicianName',
  ] as const satisfies readonly (keyof SeriesFields)[],
  IMAGE: [
    'SOPInstanceUID',
    'SOPClassUID',
    'InstanceNumber',
    'Rows',
    'Columns',
    'BitsAllocated',
    'NumberOfFrames',
    'TransferSyntaxUID',
    'SpecificCharacterSet',
  ] as const satisfies readonly (keyof InstanceFields)[],
} as const;
