import { Copied, Generated, Removed, srDocumentMapping, type MappingTable } from '@atrium/sdk';

/**
 * How each attribute of the renogram's Comprehensive SR is produced (the Canon GCA-9300R creates no
 * SR; this follows the vocabulary of its Tables 8-4 … 8-15): patient and study Copied from the
 * dynamic image (same study); General Equipment names the app (manufacturer, app title and version,
 * by the SC Equipment generators, as the GCA-9300R names itself in Table 8-7); acquisition attributes
 * Removed. The SR modules — a new SR series, the SR Document General attributes (Completion /
 * Verification Flag, Current Requested Procedure Evidence), the content tree and the coding scheme
 * declaration — follow the SDK's {@link srDocumentMapping}, filled by the SDK's SR builder.
 */
export const srMapping: MappingTable = {
  // Patient (Table 8-4)
  PatientName: Copied,
  PatientID: Copied,
  IssuerOfPatientID: Copied,
  PatientBirthDate: Copied,
  PatientSex: Copied,
  OtherPatientIDsSequence: Removed,
  OtherPatientNames: Removed,
  EthnicGroup: Removed,
  PatientComments: Removed,
  // General Study (Table 8-6)
  StudyDate: Copied,
  StudyTime: Copied,
  ReferringPhysicianName: Copied,
  StudyID: Copied,
  AccessionNumber: Copied,
  StudyDescription: Copied,
  // Patient Study (Table 8-5)
  PatientAge: Copied,
  PatientSize: Removed,
  PatientWeight: Removed,
  AdmittingDiagnosesDescription: Removed,
  // General Equipment (Table 8-7): the app
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
  // SOP Common (Table 8-15)
  SOPInstanceUID: Generated('SOPInstanceUID'),
  InstanceCreationDate: Generated('InstanceCreationDate'),
  InstanceCreationTime: Generated('InstanceCreationTime'),
  ContributingEquipmentSequence: Generated('ContributingEquipmentSequence'),
  InstanceCreatorUID: Removed,
  TimezoneOffsetFromUTC: Removed,
};
