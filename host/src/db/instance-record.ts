/**
 * The plain record the index receives for one received SOP Instance. The parser produces
 * it; the index never reads DICOM bytes. Text values are DICOM-decoded strings (padding
 * removed; multi-valued attributes joined with a backslash as in PS3.5 §6.4), numbers
 * are IS/US values. Demographic-update semantics (seed §4.1.3.3.2):
 *
 * - `undefined` means the attribute was **absent**: the stored value is kept.
 * - `''` means the attribute was **present but empty**: the stored value is cleared.
 * - any other value replaces the stored one (the latest received instance wins).
 */
export interface InstanceRecord {
  patient: PatientFields;
  study: StudyFields;
  series: SeriesFields;
  instance: InstanceFields;
  file: FileFields;
  /** What receive validation found but did not refuse (`safety` policy); absent or [] when nothing. */
  warnings?: readonly RecordWarning[];
}

/** One validation finding recorded with a stored instance (shown by `atrium show` and `ls --warnings`). */
export interface RecordWarning {
  /** `ATRIUM_ERR_VALIDATE_*`. */
  code: string;
  /** DICOM keyword of the attribute concerned. */
  keyword: string;
  message: string;
}

/**
 * Patient-level attributes (the PATIENT list of seed §4.1.3.3.2, plus
 * IssuerOfPatientID, which is part of the patient key).
 */
export interface PatientFields {
  PatientName?: string;
  PatientID?: string;
  IssuerOfPatientID?: string;
  PatientBirthDate?: string;
  PatientBirthTime?: string;
  PatientSex?: string;
  OtherPatientIDs?: string;
  OtherPatientNames?: string;
  PatientAge?: string;
  PatientSize?: string;
  PatientWeight?: string;
  EthnicGroup?: string;
  Occupation?: string;
  AdditionalPatientHistory?: string;
  PatientComments?: string;
}

/** Study-level attributes (the STUDY list of seed §4.1.3.3.2). */
export interface StudyFields {
  StudyInstanceUID: string;
  StudyDate?: string;
  StudyTime?: string;
  AccessionNumber?: string;
  ReferringPhysicianName?: string;
  NameOfPhysiciansReadingStudy?: string;
  AdmittingDiagnosesDescription?: string;
  StudyDescription?: string;
  StudyID?: string;
  /** (0020,1070) IS, VM 1-n, retired: kept as text (backslash-joined). */
  OtherStudyNumbers?: string;
}

/** Series-level attributes (the SERIES list of seed §4.1.3.3.2). */
export interface SeriesFields {
  SeriesInstanceUID: string;
  SeriesDate?: string;
  SeriesTime?: string;
  Modality?: string;
  Manufacturer?: string;
  InstitutionName?: string;
  SeriesDescription?: string;
  ManufacturerModelName?: string;
  BodyPartExamined?: string;
  ScanOptions?: string;
  ProtocolName?: string;
  SeriesNumber?: number;
  /** (0008,1010) SH: a series-level key of the Shimadzu DAR-9500f conformance statement, Table 4. */
  StationName?: string;
  /** (0008,1050) PN, VM 1-n (backslash-joined): a series-level key of the DAR-9500f, Table 4. */
  PerformingPhysicianName?: string;
}

/** Instance-level attributes (IMAGE level keys of seed Table 4-26 and storage facts). */
export interface InstanceFields {
  SOPInstanceUID: string;
  SOPClassUID: string;
  InstanceNumber?: number;
  Rows?: number;
  Columns?: number;
  BitsAllocated?: number;
  NumberOfFrames?: number;
  TransferSyntaxUID?: string;
  SpecificCharacterSet?: string;
}

/** Where the instance's bytes are kept, relative to the store root. */
export interface FileFields {
  path: string;
  size: number;
  sha256: string;
  /** ISO 8601 time the file was stored; defaults to now. */
  storedAt?: string;
  /** Free-text origin, e.g. `DICOM:MODALITY1@10.0.0.5` or `import:/media/cd`. */
  receivedFrom?: string;
}
