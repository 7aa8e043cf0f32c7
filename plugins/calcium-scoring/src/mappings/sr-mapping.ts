import { Copied, Generated, Removed, type MappingTable } from '@atrium/sdk';

/**
 * How each attribute of the calcium scoring Comprehensive SR is produced (not in seed 002,
 * which has no SR). Patient and study attributes are Copied (same study); the series is a
 * new SR series (Modality SR from the app); General Equipment names the app (the plugin's
 * manufacturer, the app's title and version, by the generators the SC Equipment module
 * uses); acquisition-specific attributes are Removed. The SR Document General attributes
 * the app decides (Completion / Verification Flag, Current Requested Procedure Evidence) and
 * the root content item (Value Type, Concept Name, Continuity, Content Sequence) are the
 * app's content (`buildSrContent`); Content Date / Time are Generated. Root value
 * attributes a CONTAINER never has are Removed. Performed Procedure Code Sequence and
 * Referenced Performed Procedure Step Sequence (Type 2) are written empty: the SR
 * belongs to no scheduled procedure step.
 */
export const srMapping: MappingTable = {
  // Patient
  PatientName: Copied,
  PatientID: Copied,
  IssuerOfPatientID: Copied,
  PatientBirthDate: Copied,
  PatientSex: Copied,
  OtherPatientIDsSequence: Removed,
  OtherPatientNames: Removed,
  EthnicGroup: Removed,
  PatientComments: Removed,
  // General Study
  StudyInstanceUID: Copied,
  StudyDate: Copied,
  StudyTime: Copied,
  ReferringPhysicianName: Copied,
  StudyID: Copied,
  AccessionNumber: Copied,
  StudyDescription: Copied,
  // Patient Study
  PatientAge: Copied,
  PatientSize: Removed,
  PatientWeight: Removed,
  Occupation: Removed,
  AdditionalPatientHistory: Removed,
  AdmittingDiagnosesDescription: Removed,
  // SR Document Series
  Modality: Generated('Content'),
  SeriesInstanceUID: Generated('SeriesInstanceUID'),
  SeriesNumber: Generated('SeriesNumber'),
  SeriesDate: Generated('SeriesDate'),
  SeriesTime: Generated('SeriesTime'),
  SeriesDescription: Generated('SeriesDescription'),
  ReferencedPerformedProcedureStepSequence: Generated('Empty'),
  // General Equipment: the app
  Manufacturer: Generated('SecondaryCaptureDeviceManufacturer'),
  ManufacturerModelName: Generated('SecondaryCaptureDeviceManufacturerModelName'),
  SoftwareVersions: Generated('SecondaryCaptureDeviceSoftwareVersions'),
  StationName: Generated('StationName'),
  InstitutionName: Copied,
  InstitutionAddress: Copied,
  InstitutionalDepartmentName: Removed,
  DeviceSerialNumber: Removed,
  GantryID: Removed,
  SpatialResolution: Removed,
  DateOfLastCalibration: Removed,
  TimeOfLastCalibration: Removed,
  PixelPaddingValue: Removed,
  // SR Document General
  InstanceNumber: Generated('InstanceNumber'),
  CompletionFlag: Generated('Content'),
  VerificationFlag: Generated('Content'),
  ContentDate: Generated('ContentDate'),
  ContentTime: Generated('ContentTime'),
  PerformedProcedureCodeSequence: Generated('Empty'),
  CurrentRequestedProcedureEvidenceSequence: Generated('Content'),
  // SR Document Content: the root CONTAINER
  ValueType: Generated('Content'),
  ConceptNameCodeSequence: Generated('Content'),
  ContinuityOfContent: Generated('Content'),
  ContentSequence: Generated('Content'),
  ContentTemplateSequence: Removed,
  TextValue: Removed,
  DateTime: Removed,
  Date: Removed,
  Time: Removed,
  PersonName: Removed,
  UID: Removed,
  MeasuredValueSequence: Removed,
  NumericValueQualifierCodeSequence: Removed,
  ConceptCodeSequence: Removed,
  ReferencedSOPSequence: Removed,
  GraphicData: Removed,
  GraphicType: Removed,
  ObservationDateTime: Removed,
  // SOP Common
  SOPInstanceUID: Generated('SOPInstanceUID'),
  InstanceCreationDate: Generated('InstanceCreationDate'),
  InstanceCreationTime: Generated('InstanceCreationTime'),
  CodingSchemeIdentificationSequence: Generated('Content'),
  ContributingEquipmentSequence: Generated('ContributingEquipmentSequence'),
  InstanceCreatorUID: Removed,
  TimezoneOffsetFromUTC: Removed,
};
