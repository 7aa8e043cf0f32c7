import { Copied, Generated, Removed, type MappingTable } from '@atrium/sdk';

/**
 * How each attribute of the report and screen-save images (Secondary Capture Image IOD)
 * is produced, as GE SmartScore 4.0's conformance statement (seed 002, Tables 4-4 … 4-16)
 * gives it. `Copied` in an N:1 object (the report) keeps a value only when every source
 * has the same one. The Image Pixel attributes (Table 4-10) are Generated from the pixels
 * the app writes (16-bit MONOCHROME2 or 8-bit RGB); Overlay Plane (4-11) is unsupported;
 * VOI LUT (4-12) and Modality LUT (4-13) are Removed. Differences from the seed, on
 * purpose: Burned In Annotation is Generated truthfully (YES: these images carry text,
 * where the seed stores "No"); Source Image Sequence, Derivation Description and
 * Contributing Equipment are Generated (the seed removes them) so that the images say what
 * they come from; Frame of Reference is Removed (a rendered page has no patient geometry);
 * SC Device ID is not written.
 */
export const secondaryCaptureMapping: MappingTable = {
  // Patient (Table 4-4)
  PatientName: Copied,
  PatientID: Copied,
  PatientBirthDate: Copied,
  PatientSex: Copied,
  PatientAge: Copied,
  PatientWeight: Removed,
  OtherPatientNames: Removed,
  EthnicGroup: Removed,
  PatientComments: Removed,
  // General Study (Table 4-5)
  StudyInstanceUID: Copied,
  StudyDate: Copied,
  StudyTime: Copied,
  ReferringPhysicianName: Copied,
  StudyID: Copied,
  AccessionNumber: Copied,
  StudyDescription: Removed,
  PhysiciansOfRecord: Removed,
  NameOfPhysiciansReadingStudy: Removed,
  ReferencedStudySequence: Removed,
  ProcedureCodeSequence: Removed,
  // Patient Study (Table 4-6)
  AdmittingDiagnosesDescription: Removed,
  PatientSize: Removed,
  Occupation: Removed,
  AdditionalPatientHistory: Removed,
  // General Series (Table 4-7)
  Modality: Copied,
  SeriesInstanceUID: Generated('SeriesInstanceUID'),
  SeriesNumber: Generated('SeriesNumber'),
  Laterality: Generated('Empty'),
  SeriesDate: Generated('SeriesDate'),
  SeriesTime: Generated('SeriesTime'),
  PerformingPhysicianName: Copied,
  ProtocolName: Removed,
  SeriesDescription: Generated('SeriesDescription'),
  OperatorsName: Generated('OperatorsName'),
  ReferencedPerformedProcedureStepSequence: Removed,
  BodyPartExamined: Removed,
  PatientPosition: Copied,
  RequestAttributesSequence: Removed,
  PerformedProcedureStepID: Removed,
  PerformedProcedureStepStartDate: Removed,
  PerformedProcedureStepStartTime: Removed,
  PerformedProcedureStepDescription: Removed,
  PerformedProtocolCodeSequence: Removed,
  // Frame of Reference: a rendered page or screen save is not in the patient coordinate system
  FrameOfReferenceUID: Removed,
  PositionReferenceIndicator: Removed,
  // General Equipment (Table 4-8)
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
  // General Image (Table 4-9)
  PatientOrientation: Copied,
  ContentDate: Generated('ContentDate'),
  ContentTime: Generated('ContentTime'),
  ImageType: Generated('ImageType'),
  AcquisitionNumber: Copied,
  AcquisitionDate: Copied,
  AcquisitionTime: Copied,
  ReferencedImageSequence: Removed,
  DerivationDescription: Generated('DerivationDescription'),
  SourceImageSequence: Generated('SourceImageSequence'),
  ImagesInAcquisition: Removed,
  ImageComments: Generated('Content'),
  QualityControlImage: Removed,
  BurnedInAnnotation: Generated('BurnedInAnnotation'),
  LossyImageCompression: Removed,
  LossyImageCompressionRatio: Removed,
  // SOP Common (Table 4-14)
  SOPInstanceUID: Generated('SOPInstanceUID'),
  InstanceCreationDate: Generated('InstanceCreationDate'),
  InstanceCreationTime: Generated('InstanceCreationTime'),
  InstanceCreatorUID: Removed,
  TimezoneOffsetFromUTC: Removed,
  InstanceNumber: Generated('InstanceNumber'),
  SOPInstanceStatus: Removed,
  SOPAuthorizationDateTime: Removed,
  SOPAuthorizationComment: Removed,
  AuthorizationEquipmentCertificationNumber: Removed,
  ContributingEquipmentSequence: Generated('ContributingEquipmentSequence'),
  // SC Equipment (Table 4-15)
  ConversionType: Generated('ConversionType'),
  SecondaryCaptureDeviceManufacturer: Generated('SecondaryCaptureDeviceManufacturer'),
  SecondaryCaptureDeviceManufacturerModelName: Generated('SecondaryCaptureDeviceManufacturerModelName'),
  SecondaryCaptureDeviceSoftwareVersions: Generated('SecondaryCaptureDeviceSoftwareVersions'),
  VideoImageFormatAcquired: Removed,
  DigitalImageFormatAcquired: Removed,
  // SC Image (Table 4-16)
  DateOfSecondaryCapture: Generated('ContentDate'),
  TimeOfSecondaryCapture: Generated('ContentTime'),
};
