import { Copied, Generated, Removed, type MappingTable } from './mapping-table.js';

/*
 * Mapping fragments, one per module, for a derived object the app makes (a report, a screen
 * save, a measurement, a reconstruction) in the study of its source series. They follow the GE
 * SmartScore 4.0 conformance statement's tables for the Secondary Capture objects it creates
 * (Tables 4-4 … 4-15; differences are said on each fragment). Spread the ones of the output's
 * IOD into its mapping table, then the app's own rules; a later key wins:
 *
 *   mapping: { ...patientMapping, ...patientStudyMapping, ...generalStudyMapping, ...generalSeriesMapping,
 *              ...generalEquipmentMapping, ...scEquipmentMapping, ...sopCommonMapping,
 *              ImageComments: Generated('Content'), BurnedInAnnotation: Generated('BurnedInAnnotation') }
 */

/**
 * Patient module (PS3.3 C.7.1.1), as GE SmartScore Table 4-4: who the patient is is Copied
 * (with Issuer of Patient ID, which qualifies Patient ID); other names and identifiers,
 * ethnic group and comments are Removed.
 */
export const patientMapping: MappingTable = Object.freeze({
  PatientName: Copied,
  PatientID: Copied,
  IssuerOfPatientID: Copied,
  PatientBirthDate: Copied,
  PatientSex: Copied,
  OtherPatientIDsSequence: Removed,
  OtherPatientNames: Removed,
  EthnicGroup: Removed,
  PatientComments: Removed,
});

/** Patient Study module (PS3.3 C.7.2.2), as GE SmartScore Table 4-6: the age Copied, the rest Removed. */
export const patientStudyMapping: MappingTable = Object.freeze({
  PatientAge: Copied,
  PatientSize: Removed,
  PatientWeight: Removed,
  Occupation: Removed,
  AdditionalPatientHistory: Removed,
  AdmittingDiagnosesDescription: Removed,
});

/**
 * General Study module (PS3.3 C.7.2.1): the derived series joins the source study, so its
 * identifying attributes are Copied. As GE SmartScore Table 4-5, except Study Description, which
 * SmartScore removes and this keeps (a study-level value the study's other series carry; give
 * `StudyDescription: Removed` to follow SmartScore).
 */
export const generalStudyMapping: MappingTable = Object.freeze({
  StudyInstanceUID: Copied,
  StudyDate: Copied,
  StudyTime: Copied,
  ReferringPhysicianName: Copied,
  StudyID: Copied,
  AccessionNumber: Copied,
  StudyDescription: Copied,
  PhysiciansOfRecord: Removed,
  NameOfPhysiciansReadingStudy: Removed,
  ReferencedStudySequence: Removed,
  ProcedureCodeSequence: Removed,
});

/**
 * General Series module (PS3.3 C.7.3.1) of a new series: its UID, number, date, time and
 * description (the output's) Generated, Operators' Name the user running the app; the
 * procedure step and request references Removed. As GE SmartScore Table 4-7, except Body Part
 * Examined and Laterality, which stay Copied: the body part of the source, and its laterality
 * when it is a paired one (Laterality is Type 2C on the body part; SmartScore removes the body
 * part and writes an empty Laterality — give `BodyPartExamined: Removed, Laterality:
 * Generated('Empty')` to follow it).
 */
export const generalSeriesMapping: MappingTable = Object.freeze({
  Modality: Copied,
  SeriesInstanceUID: Generated('SeriesInstanceUID'),
  SeriesNumber: Generated('SeriesNumber'),
  Laterality: Copied,
  SeriesDate: Generated('SeriesDate'),
  SeriesTime: Generated('SeriesTime'),
  PerformingPhysicianName: Copied,
  ProtocolName: Removed,
  SeriesDescription: Generated('SeriesDescription'),
  OperatorsName: Generated('OperatorsName'),
  ReferencedPerformedProcedureStepSequence: Removed,
  BodyPartExamined: Copied,
  PatientPosition: Copied,
  SmallestPixelValueInSeries: Removed,
  LargestPixelValueInSeries: Removed,
  RequestAttributesSequence: Removed,
  PerformedProcedureStepID: Removed,
  PerformedProcedureStepStartDate: Removed,
  PerformedProcedureStepStartTime: Removed,
  PerformedProcedureStepDescription: Removed,
  PerformedProtocolCodeSequence: Removed,
});

/**
 * General Equipment module (PS3.3 C.7.5.1) naming the equipment that made the source images,
 * for IODs whose SC Equipment module names the workstation ({@link scEquipmentMapping}): as GE
 * SmartScore Table 4-8 (Station Name: this host), except Pixel Padding Value, which is Removed
 * (the derived pixels are not the source's).
 */
export const generalEquipmentMapping: MappingTable = Object.freeze({
  Manufacturer: Copied,
  InstitutionName: Copied,
  InstitutionAddress: Copied,
  StationName: Generated('StationName'),
  InstitutionalDepartmentName: Removed,
  ManufacturerModelName: Copied,
  DeviceSerialNumber: Copied,
  SoftwareVersions: Removed,
  SpatialResolution: Removed,
  DateOfLastCalibration: Removed,
  TimeOfLastCalibration: Removed,
  PixelPaddingValue: Removed,
});

/**
 * General Equipment module (PS3.3 C.7.5.1) naming the app, for IODs without an SC Equipment
 * module (structured reports, reconstructed images): Manufacturer, Model Name and Software
 * Versions from the plugin manifest (manufacturer), the app's title and the plugin version;
 * the institution Copied; the source device's own attributes Removed.
 */
export const appEquipmentMapping: MappingTable = Object.freeze({
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
});

/**
 * SC Equipment module (PS3.3 C.8.6.1), as GE SmartScore Table 4-15: Conversion Type WSD
 * (workstation) and the device from the plugin manifest; the acquired image formats Removed.
 */
export const scEquipmentMapping: MappingTable = Object.freeze({
  ConversionType: Generated('ConversionType'),
  SecondaryCaptureDeviceManufacturer: Generated('SecondaryCaptureDeviceManufacturer'),
  SecondaryCaptureDeviceManufacturerModelName: Generated('SecondaryCaptureDeviceManufacturerModelName'),
  SecondaryCaptureDeviceSoftwareVersions: Generated('SecondaryCaptureDeviceSoftwareVersions'),
  VideoImageFormatAcquired: Removed,
  DigitalImageFormatAcquired: Removed,
});

/**
 * SOP Common module (PS3.3 C.12.1) of a new object, as GE SmartScore Table 4-14 (SOP Class UID
 * and Specific Character Set are the engine's): SOP Instance UID, creation date and time and
 * Instance Number Generated, the source's status and authorization Removed; and, beyond
 * SmartScore, Contributing Equipment Sequence naming the app (PS3.3 C.12.1.1.5).
 */
export const sopCommonMapping: MappingTable = Object.freeze({
  SOPInstanceUID: Generated('SOPInstanceUID'),
  InstanceCreationDate: Generated('InstanceCreationDate'),
  InstanceCreationTime: Generated('InstanceCreationTime'),
  InstanceNumber: Generated('InstanceNumber'),
  InstanceCreatorUID: Removed,
  TimezoneOffsetFromUTC: Removed,
  SOPInstanceStatus: Removed,
  SOPAuthorizationDateTime: Removed,
  SOPAuthorizationComment: Removed,
  AuthorizationEquipmentCertificationNumber: Removed,
  ContributingEquipmentSequence: Generated('ContributingEquipmentSequence'),
});
