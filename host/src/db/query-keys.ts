/** A Query/Retrieve level (PS3.4 §C.3). IMAGE is the composite object instance level. */
export type QueryLevel = 'PATIENT' | 'STUDY' | 'SERIES' | 'IMAGE';

/** How deep a level is in the hierarchy (PATIENT 0 ... IMAGE 3). */
export const LEVEL_DEPTH: Readonly<Record<QueryLevel, number>> = { PATIENT: 0, STUDY: 1, SERIES: 2, IMAGE: 3 };

/** A key the query engine knows: where its value comes from and how it is matched. */
export interface QueryKey {
  level: QueryLevel;
  /** Value Representation (PS3.5 §6.2); decides the matching kind. */
  vr: string;
  /** SQL expression over the aliases `p`, `st`, `se`, `i` (constant text of the code). */
  sql: string;
  /** Stored value may hold several backslash-separated values (PS3.4 §C.2.2.3). */
  multi?: boolean;
  /** Stored as INTEGER (IS/US). */
  integer?: boolean;
  /** PN keys: an indexed column holding the case-folded value (matched instead of folding `sql` per row). */
  foldedSql?: string;
  /** Returned but never matched: computed counts (Universal Matching only, Table 4-26) etc. */
  returnOnly?: boolean;
  /**
   * Matched through child rows instead of `sql`: the entity matches when
   * `EXISTS (SELECT 1 FROM <from> AND <condition on column>)` (ModalitiesInStudy).
   */
  matchAny?: { from: string; column: string };
}

const col = (alias: string, keyword: string): string => `${alias}."${keyword}"`;

function keys(level: QueryLevel, alias: string, spec: Record<string, string>): Record<string, QueryKey> {
  const out: Record<string, QueryKey> = {};
  for (const [keyword, vrSpec] of Object.entries(spec)) {
    const [vr = 'LO', flag] = vrSpec.split(' ');
    out[keyword] = {
      level,
      vr,
      sql: col(alias, keyword),
      ...(flag === 'multi' ? { multi: true } : {}),
      ...((vr === 'IS' || vr === 'US') && flag !== 'multi' ? { integer: true } : {}),
      ...(flag === 'return' ? { returnOnly: true } : {}),
    };
  }
  return out;
}

const count = (level: QueryLevel, sql: string): QueryKey => ({ level, vr: 'IS', sql: `(${sql})`, returnOnly: true });

/**
 * The keys of the Patient Root and Study Root information models (PS3.4 §C.6.1, §C.6.2)
 * that the index holds: every matching key of seed Table 4-26 plus the other indexed
 * attributes. Patient attributes are at PATIENT level; in the Study Root model they are
 * queried at STUDY level, which the engine allows because it accepts keys of the query
 * level and all levels above it.
 */
export const QUERY_KEYS: Readonly<Record<string, QueryKey>> = {
  PatientName: { level: 'PATIENT', vr: 'PN', sql: col('p', 'PatientName'), foldedSql: 'p.patient_name_fold' },
  ...keys('PATIENT', 'p', {
    PatientID: 'LO',
    IssuerOfPatientID: 'LO',
    PatientBirthDate: 'DA',
    PatientBirthTime: 'TM',
    PatientSex: 'CS',
    OtherPatientIDs: 'LO multi',
    OtherPatientNames: 'PN multi',
    PatientAge: 'AS',
    PatientSize: 'DS',
    PatientWeight: 'DS',
    EthnicGroup: 'SH',
    Occupation: 'SH',
    AdditionalPatientHistory: 'LT',
    PatientComments: 'LT',
  }),
  NumberOfPatientRelatedStudies: count('PATIENT', 'SELECT COUNT(*) FROM study x WHERE x.patient_pk = p.pk'),
  NumberOfPatientRelatedSeries: count(
    'PATIENT',
    'SELECT COUNT(*) FROM series x JOIN study y ON y.pk = x.study_pk WHERE y.patient_pk = p.pk',
  ),
  NumberOfPatientRelatedInstances: count(
    'PATIENT',
    `SELECT COUNT(*) FROM instance x JOIN series y ON y.pk = x.series_pk
       JOIN study z ON z.pk = y.study_pk WHERE z.patient_pk = p.pk`,
  ),
  ...keys('STUDY', 'st', {
    StudyInstanceUID: 'UI',
    StudyDate: 'DA',
    StudyTime: 'TM',
    AccessionNumber: 'SH',
    ReferringPhysicianName: 'PN',
    NameOfPhysiciansReadingStudy: 'PN multi',
    AdmittingDiagnosesDescription: 'LO',
    StudyDescription: 'LO',
    StudyID: 'SH',
    OtherStudyNumbers: 'IS multi',
  }),
  ModalitiesInStudy: {
    level: 'STUDY',
    vr: 'CS',
    matchAny: { from: 'series x WHERE x.study_pk = st.pk', column: 'x."Modality"' },
    sql: `(SELECT group_concat(m, '\\' ORDER BY m) FROM
            (SELECT DISTINCT x."Modality" AS m FROM series x WHERE x.study_pk = st.pk AND x."Modality" IS NOT NULL) AS d)`,
  },
  NumberOfStudyRelatedSeries: count('STUDY', 'SELECT COUNT(*) FROM series x WHERE x.study_pk = st.pk'),
  NumberOfStudyRelatedInstances: count(
    'STUDY',
    'SELECT COUNT(*) FROM instance x JOIN series y ON y.pk = x.series_pk WHERE y.study_pk = st.pk',
  ),
  ...keys('SERIES', 'se', {
    SeriesInstanceUID: 'UI',
    SeriesDate: 'DA',
    SeriesTime: 'TM',
    Modality: 'CS',
    Manufacturer: 'LO',
    InstitutionName: 'LO',
    SeriesDescription: 'LO',
    ManufacturerModelName: 'LO',
    BodyPartExamined: 'CS',
    ScanOptions: 'CS multi',
    ProtocolName: 'LO',
    SeriesNumber: 'IS',
    // Series-level keys of the Shimadzu DAR-9500f conformance statement, Table 4.
    StationName: 'SH',
    PerformingPhysicianName: 'PN multi',
  }),
  NumberOfSeriesRelatedInstances: count('SERIES', 'SELECT COUNT(*) FROM instance x WHERE x.series_pk = se.pk'),
  ...keys('IMAGE', 'i', {
    SOPInstanceUID: 'UI',
    SOPClassUID: 'UI',
    InstanceNumber: 'IS',
    Rows: 'US',
    Columns: 'US',
    BitsAllocated: 'US',
    NumberOfFrames: 'IS',
    // Not C-FIND keys: Specific Character Set is never matched (PS3.4 §C.2.2.2) and the
    // Transfer Syntax is a File Meta attribute. Returned for the CLI.
    TransferSyntaxUID: 'UI return',
    SpecificCharacterSet: 'CS return',
  }),
};

/** Unique key of each level (PS3.4 §C.6.1.1 / §C.6.2.1). */
export const UNIQUE_KEYS: Readonly<Record<QueryLevel, string>> = {
  PATIENT: 'PatientID',
  STUDY: 'StudyInstanceUID',
  SERIES: 'SeriesInstanceUID',
  IMAGE: 'SOPInstanceUID',
};
