import type { AppliedAction } from './deid-options.js';

/**
 * A de-identification action of seed 001 (GCA-9300R conformance statement) §7.2 Table 7-1:
 * N nulled (empty value), R removed, M UID remapped, U user-specified value, O date or date/time
 * offset by the difference between the original and the modified Study Date, G generated.
 * "N, U" rows are nulled unless the user gives a value.
 */
export type Gca9300rAction = 'N' | 'R' | 'M' | 'N, U' | 'O' | 'G';

/** One row of the GCA-9300R preset: tag, keyword as the standard spells it, seed action. */
export interface Gca9300rRow {
  readonly tag: number;
  readonly keyword: string;
  readonly action: Gca9300rAction;
}

const row = (tag: number, keyword: string, action: Gca9300rAction): Gca9300rRow => ({ tag, keyword, action });

/**
 * Seed 001 §7.2 Table 7-1, row by row (the table lists Instance Creation Date twice; once here;
 * it gives Time of Secondary Capture as (0018,0014), a typo for (0018,1014), used here; its "Stop
 * Acquisition DateTime" is the standard's End Acquisition DateTime), plus Study Date (0008,0020) as G: the seed says Study Date is the one date generated (the
 * original shifted), and every O attribute moves by the same offset.
 */
export const GCA_9300R_ROWS: readonly Gca9300rRow[] = [
  row(0x00080012, 'InstanceCreationDate', 'O'), row(0x00080013, 'InstanceCreationTime', 'O'),
  row(0x00080014, 'InstanceCreatorUID', 'R'), row(0x00080018, 'SOPInstanceUID', 'M'),
  row(0x00080020, 'StudyDate', 'G'),
  row(0x00080021, 'SeriesDate', 'O'), row(0x0008002a, 'AcquisitionDateTime', 'O'), row(0x00080031, 'SeriesTime', 'O'),
  row(0x00080050, 'AccessionNumber', 'N, U'), row(0x00080080, 'InstitutionName', 'N'), row(0x00080081, 'InstitutionAddress', 'N'),
  row(0x00080090, 'ReferringPhysicianName', 'N'), row(0x00080092, 'ReferringPhysicianAddress', 'N'),
  row(0x00080094, 'ReferringPhysicianTelephoneNumbers', 'N'), row(0x00081010, 'StationName', 'N'),
  row(0x00081030, 'StudyDescription', 'N'), row(0x0008103e, 'SeriesDescription', 'N, U'),
  row(0x00081040, 'InstitutionalDepartmentName', 'N, U'), row(0x00081048, 'PhysiciansOfRecord', 'N'),
  row(0x00081050, 'PerformingPhysicianName', 'N'), row(0x00081060, 'NameOfPhysiciansReadingStudy', 'N'),
  row(0x00081070, 'OperatorsName', 'N'), row(0x00081080, 'AdmittingDiagnosesDescription', 'N'),
  row(0x001021b0, 'AdditionalPatientHistory', 'N'), row(0x00102297, 'ResponsiblePerson', 'R'),
  row(0x00102298, 'ResponsiblePersonRole', 'R'), row(0x00102299, 'ResponsibleOrganization', 'R'),
  row(0x00104000, 'PatientComments', 'N'), row(0x00081155, 'ReferencedSOPInstanceUID', 'M'),
  row(0x00082111, 'DerivationDescription', 'N'), row(0x00100010, 'PatientName', 'N, U'), row(0x00100020, 'PatientID', 'N, U'),
  row(0x00100030, 'PatientBirthDate', 'N, U'), row(0x00100032, 'PatientBirthTime', 'N'), row(0x00100040, 'PatientSex', 'N'),
  row(0x00100101, 'PatientPrimaryLanguageCodeSequence', 'R'), row(0x00100050, 'PatientInsurancePlanCodeSequence', 'R'),
  row(0x00101000, 'OtherPatientIDs', 'N'), row(0x00101001, 'OtherPatientNames', 'N'), row(0x00101002, 'OtherPatientIDsSequence', 'R'),
  row(0x00101005, 'PatientBirthName', 'R'), row(0x00101010, 'PatientAge', 'N'), row(0x00101020, 'PatientSize', 'N'),
  row(0x00101030, 'PatientWeight', 'N'), row(0x00102180, 'Occupation', 'N'), row(0x00102160, 'EthnicGroup', 'N'),
  row(0x00101040, 'PatientAddress', 'R'), row(0x00102154, 'PatientTelephoneNumbers', 'R'), row(0x00101090, 'MedicalRecordLocator', 'N'),
  row(0x00101081, 'BranchOfService', 'R'), row(0x00101080, 'MilitaryRank', 'R'), row(0x00101060, 'PatientMotherBirthName', 'R'),
  row(0x00181000, 'DeviceSerialNumber', 'N'), row(0x00181030, 'ProtocolName', 'N'),
  row(0x00181078, 'RadiopharmaceuticalStartDateTime', 'O'), row(0x00181079, 'RadiopharmaceuticalStopDateTime', 'O'),
  row(0x00189074, 'FrameAcquisitionDateTime', 'O'), row(0x00189151, 'FrameReferenceDateTime', 'O'),
  row(0x00080023, 'ContentDate', 'O'), row(0x00080033, 'ContentTime', 'O'),
  row(0x00189516, 'StartAcquisitionDateTime', 'O'), row(0x00189517, 'EndAcquisitionDateTime', 'O'),
  row(0x0020000d, 'StudyInstanceUID', 'M'), row(0x0020000e, 'SeriesInstanceUID', 'M'), row(0x00200010, 'StudyID', 'N'),
  row(0x00200052, 'FrameOfReferenceUID', 'M'), row(0x00200200, 'SynchronizationFrameOfReferenceUID', 'M'),
  row(0x00204000, 'ImageComments', 'N'), row(0x00400275, 'RequestAttributesSequence', 'R'), row(0x0040a124, 'UID', 'M'),
  row(0x00440010, 'SubstanceAdministrationDateTime', 'O'), row(0x21000040, 'CreationDate', 'O'),
  row(0x30060024, 'ReferencedFrameOfReferenceUID', 'M'), row(0x300600c2, 'RelatedFrameOfReferenceUID', 'M'),
  row(0x00181012, 'DateOfSecondaryCapture', 'O'), row(0x00181014, 'TimeOfSecondaryCapture', 'O'),
];

const BY_TAG = new Map(GCA_9300R_ROWS.map((r) => [r.tag, r]));

/**
 * The named preset `gca-9300r`: the behaviour of seed 001 §7.2 Table 7-1 applied ON TOP OF the
 * Basic Profile. For the attributes of Table 7-1 the preset replaces the Basic Profile column
 * (selected options still come first where they have an entry):
 * - N → Z (empty value; a sequence loses its items), R → X (removed), M → U (remapped UID);
 * - "N, U" (Patient's Name, Patient ID, Patient's Birth Date, Accession Number, Series
 *   Description, Institutional Department Name) → Z, then the user's value when one is given;
 * - O and G (Study Date, Series Date, Content Date, Instance Creation Date, the DT attributes, ...)
 *   → C with a date shift: dates move by one per-patient offset (the `dateShiftDays` parameter,
 *   else derived from the secret and the original Patient ID), times are kept (a shift by whole
 *   days leaves them unchanged); Longitudinal Temporal Information Modified becomes MODIFIED.
 * Every other attribute keeps its Basic Profile action (the seed leaves them unchanged; we do not,
 * so the preset never retains more than the Basic Profile does outside Table 7-1). Private
 * elements are removed, as in the seed. Unlike the seed we still write Patient Identity Removed
 * YES and the De-identification Method attributes (objects whose pixels may show identity are
 * refused, so the statement is true).
 */
export function gca9300rAction(tag: number): AppliedAction | undefined {
  const r = BY_TAG.get(tag);
  if (r === undefined) return undefined;
  switch (r.action) {
    case 'N':
    case 'N, U':
      return 'Z';
    case 'R':
      return 'X';
    case 'M':
      return 'U';
    case 'O':
    case 'G':
      return 'C';
  }
}
