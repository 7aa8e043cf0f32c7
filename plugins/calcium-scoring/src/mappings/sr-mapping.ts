import { Copied, Generated, Removed, srDocumentMapping, type MappingTable } from '@atrium/sdk';

/**
 * How each attribute of the calcium scoring Comprehensive SR is produced (the GE SmartScore
 * conformance statement has no SR; this follows its Copied / Generated / Removed vocabulary).
 * Patient and study attributes are Copied (same study); General Equipment names the app (the
 * plugin's manufacturer, the app's title and version, by the generators the SC Equipment module
 * uses); acquisition-specific attributes are Removed. The SR modules — a new SR series, the SR
 * Document General attributes the app decides (Completion / Verification Flag, Current Requested
 * Procedure Evidence), the root CONTAINER and its content tree, the coding scheme declaration —
 * follow the SDK's {@link srDocumentMapping}, filled by `buildSrContent` (the SDK's SR builder);
 * Performed Procedure Code Sequence and Referenced Performed Procedure Step Sequence (Type 2) are
 * written empty: the SR belongs to no scheduled procedure step.
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
  // SR Document Series, SR Document General, SR Document Content, Coding Scheme Identification
  ...srDocumentMapping,
  // SOP Common
  SOPInstanceUID: Generated('SOPInstanceUID'),
  InstanceCreationDate: Generated('InstanceCreationDate'),
  InstanceCreationTime: Generated('InstanceCreationTime'),
  ContributingEquipmentSequence: Generated('ContributingEquipmentSequence'),
  InstanceCreatorUID: Removed,
  TimezoneOffsetFromUTC: Removed,
};
