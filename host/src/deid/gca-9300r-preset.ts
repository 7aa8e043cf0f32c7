import { Tag, type TagKeyword } from '@atrium/sdk';
import type { AppliedAction } from './deid-options.js';

/** How the preset is named in reports and notes. */
export const GCA_9300R_LABEL = 'GCA-9300R preset (Canon GCA-9300R conformance statement §7.2 Table 7-1)';

/**
 * A de-identification action of the Canon GCA-9300R conformance statement §7.2 Table 7-1:
 * N nulled (empty value), R removed, M UID remapped, U user-specified value, O date or date/time
 * offset by the difference between the original and the modified Study Date, G generated.
 * "N, U" rows are nulled unless the user gives a value.
 */
export type Gca9300rAction = 'N' | 'R' | 'M' | 'N, U' | 'O' | 'G';

/** One row of the GCA-9300R preset: tag, keyword as the standard spells it, the document's action. */
export interface Gca9300rRow {
  readonly tag: number;
  readonly keyword: TagKeyword;
  readonly action: Gca9300rAction;
}

const row = (keyword: TagKeyword, action: Gca9300rAction): Gca9300rRow => ({ tag: Tag[keyword], keyword, action });

/**
 * The Canon GCA-9300R conformance statement §7.2 Table 7-1, row by row (the table lists Instance
 * Creation Date twice; once here; it gives Time of Secondary Capture as (0018,0014), a typo for
 * (0018,1014), used here; its "Stop Acquisition DateTime" is the standard's End Acquisition
 * DateTime), plus Study Date as G: the text says Study Date is the one date generated (the
 * original shifted), and every O attribute moves by the same offset.
 */
export const GCA_9300R_ROWS: readonly Gca9300rRow[] = [
  row('InstanceCreationDate', 'O'), row('InstanceCreationTime', 'O'), row('InstanceCreatorUID', 'R'), row('SOPInstanceUID', 'M'),
  row('StudyDate', 'G'), row('SeriesDate', 'O'), row('AcquisitionDateTime', 'O'), row('SeriesTime', 'O'),
  row('AccessionNumber', 'N, U'), row('InstitutionName', 'N'), row('InstitutionAddress', 'N'), row('ReferringPhysicianName', 'N'),
  row('ReferringPhysicianAddress', 'N'), row('ReferringPhysicianTelephoneNumbers', 'N'), row('StationName', 'N'),
  row('StudyDescription', 'N'), row('SeriesDescription', 'N, U'), row('InstitutionalDepartmentName', 'N, U'),
  row('PhysiciansOfRecord', 'N'), row('PerformingPhysicianName', 'N'), row('NameOfPhysiciansReadingStudy', 'N'),
  row('OperatorsName', 'N'), row('AdmittingDiagnosesDescription', 'N'), row('AdditionalPatientHistory', 'N'),
  row('ResponsiblePerson', 'R'), row('ResponsiblePersonRole', 'R'), row('ResponsibleOrganization', 'R'),
  row('PatientComments', 'N'), row('ReferencedSOPInstanceUID', 'M'), row('DerivationDescription', 'N'), row('PatientName', 'N, U'),
  row('PatientID', 'N, U'), row('PatientBirthDate', 'N, U'), row('PatientBirthTime', 'N'), row('PatientSex', 'N'),
  row('PatientPrimaryLanguageCodeSequence', 'R'), row('PatientInsurancePlanCodeSequence', 'R'), row('OtherPatientIDs', 'N'),
  row('OtherPatientNames', 'N'), row('OtherPatientIDsSequence', 'R'), row('PatientBirthName', 'R'), row('PatientAge', 'N'),
  row('PatientSize', 'N'), row('PatientWeight', 'N'), row('Occupation', 'N'), row('EthnicGroup', 'N'), row('PatientAddress', 'R'),
  row('PatientTelephoneNumbers', 'R'), row('MedicalRecordLocator', 'N'), row('BranchOfService', 'R'), row('MilitaryRank', 'R'),
  row('PatientMotherBirthName', 'R'), row('DeviceSerialNumber', 'N'), row('ProtocolName', 'N'), row('RadiopharmaceuticalStartDateTime', 'O'),
  row('RadiopharmaceuticalStopDateTime', 'O'), row('FrameAcquisitionDateTime', 'O'), row('FrameReferenceDateTime', 'O'),
  row('ContentDate', 'O'), row('ContentTime', 'O'), row('StartAcquisitionDateTime', 'O'), row('EndAcquisitionDateTime', 'O'),
  row('StudyInstanceUID', 'M'), row('SeriesInstanceUID', 'M'), row('StudyID', 'N'), row('FrameOfReferenceUID', 'M'),
  row('SynchronizationFrameOfReferenceUID', 'M'), row('ImageComments', 'N'), row('RequestAttributesSequence', 'R'),
  row('UID', 'M'), row('SubstanceAdministrationDateTime', 'O'), row('CreationDate', 'O'), row('ReferencedFrameOfReferenceUID', 'M'),
  row('RelatedFrameOfReferenceUID', 'M'), row('DateOfSecondaryCapture', 'O'), row('TimeOfSecondaryCapture', 'O'),
];

const BY_TAG = new Map(GCA_9300R_ROWS.map((r) => [r.tag, r]));

/** The Table 7-1 row of a tag, or undefined when the table does not list it. */
export function gca9300rRow(tag: number): Gca9300rRow | undefined {
  return BY_TAG.get(tag);
}

/**
 * The named preset `gca-9300r`: what the Canon GCA-9300R conformance statement §7.2 says its
 * anonymization does, and nothing more. The action of a Table 7-1 attribute, at any depth:
 * - N → Z (empty value; a sequence loses its items) — where the IOD requires a value (Type 1, e.g.
 *   Patient ID inside Source Patient Group Identification Sequence) the walk gives a dummy instead,
 *   as the document says required attributes are adjusted "as specified in DICOM PS 3.15 Table
 *   E.1-1" (Z/D); R → X (removed), M → U (remapped UID, the
 *   same remapping everywhere, so the study/series/image hierarchy and the cross references such
 *   as Referenced Image Sequence are kept);
 * - "N, U" (Patient's Name, Patient ID, Patient's Birth Date, Accession Number, Series
 *   Description, Institutional Department Name) → Z, then the user's value when one is given;
 * - O and G (Study Date, Series Date, Content Date, Instance Creation Date, the DT attributes, ...)
 *   → C with a date shift: dates move by one per-patient offset (the `dateShiftDays` parameter,
 *   else derived from the secret and the original Patient ID), times are kept (a shift by whole
 *   days leaves them unchanged).
 * Undefined for any other attribute, which "is left unchanged"; "private tags are not maintained";
 * "no attributes are added, with the exception of those specified by the user" — so neither
 * Patient Identity Removed nor a De-identification Method: this is not the PS3.15 Basic Profile.
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
