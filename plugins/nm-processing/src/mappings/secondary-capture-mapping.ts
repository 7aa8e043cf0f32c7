import { Copied, Generated, Removed, type MappingTable } from '@atrium/sdk';

/**
 * How each attribute of the apps' display pages (Secondary Capture Image IOD, PS3.3 A.8.1) is
 * produced, as the Canon GCA-9300R conformance statement gives its created Secondary Capture SOP
 * Instances (Table 8-2 and Tables 8-4 … 8-18): patient and study Copied from the NM source; a new
 * series; SC Equipment from the plugin manifest; Conversion Type WSD; Date / Time of Secondary Capture
 * now; 8-bit RGB pixels (Samples per Pixel 3, Table 8-11). Differences from the GCA-9300R, on
 * purpose: Burned In Annotation YES (the pages carry text); Source Image Sequence, Derivation
 * Description and Contributing Equipment say what the page shows; no Frame of Reference (a page is not
 * in patient space); the Patient Study and General Equipment attributes the GCA-9300R fills from its
 * worklist or configuration are Removed or name the app.
 */
export const secondaryCaptureMapping: MappingTable = {
  // Patient (Table 8-4)
  PatientName: Copied,
  PatientID: Copied,
  IssuerOfPatientID: Copied,
  PatientBirthDate: Copied,
  PatientSex: Copied,
  PatientComments: Removed,
  OtherPatientIDsSequence: Removed,
  OtherPatientNames: Removed,
  EthnicGroup: Removed,
  // Patient Study (Table 8-5)
  PatientAge: Copied,
  PatientSize: Removed,
  PatientWeight: Removed,
  AdmittingDiagnosesDescription: Removed,
  // General Study (Table 8-6)
  StudyDate: Copied,
  StudyTime: Copied,
  ReferringPhysicianName: Copied,
  StudyID: Copied,
  AccessionNumber: Copied,
  StudyDescription: Copied,
  PhysiciansOfRecord: Removed,
  NameOfPhysiciansReadingStudy: Removed,
  // General Series (Table 8-8)
  Modality: Copied,
  SeriesNumber: Generated('SeriesNumber'),
  SeriesDate: Generated('SeriesDate'),
  SeriesTime: Generated('SeriesTime'),
  SeriesDescription: Generated('SeriesDescription'),
  Laterality: Generated('Empty'),
  PerformingPhysicianName: Copied,
  ProtocolName: Removed,
  OperatorsName: Generated('OperatorsName'),
  PatientPosition: Copied,
  BodyPartExamined: Removed,
  ReferencedPerformedProcedureStepSequence: Removed,
  RequestAttributesSequence: Removed,
  PerformedProcedureStepID: Removed,
  PerformedProcedureStepStartDate: Removed,
  PerformedProcedureStepStartTime: Removed,
  PerformedProcedureStepDescription: Removed,
  PerformedProtocolCodeSequence: Removed,
  // A page is not in the patient coordinate system
  FrameOfReferenceUID: Removed,
  PositionReferenceIndicator: Removed,
  // General Equipment (Table 8-7)
  Manufacturer: Copied,
  InstitutionName: Copied,
  InstitutionAddress: Copied,
  StationName: Generated('StationName'),
  InstitutionalDepartmentName: Removed,
  ManufacturerModelName: Copied,
  DeviceSerialNumber: Removed,
  SoftwareVersions: Removed,
  DateOfLastCalibration: Removed,
  TimeOfLastCalibration: Removed,
  // General Image (Table 8-9)
  InstanceNumber: Generated('InstanceNumber'),
  ContentDate: Generated('ContentDate'),
  ContentTime: Generated('ContentTime'),
  ImageType: Generated('ImageType'),
  AcquisitionNumber: Removed,
  AcquisitionDate: Copied,
  AcquisitionTime: Copied,
  ImageComments: Generated('Content'),
  PatientOrientation: Generated('Empty'),
  DerivationDescription: Generated('DerivationDescription'),
  SourceImageSequence: Generated('SourceImageSequence'),
  ReferencedImageSequence: Removed,
  BurnedInAnnotation: Generated('BurnedInAnnotation'),
  LossyImageCompression: Removed,
  LossyImageCompressionRatio: Removed,
  ImagesInAcquisition: Removed,
  QualityControlImage: Removed,
  // SOP Common (Table 8-15)
  InstanceCreationDate: Generated('InstanceCreationDate'),
  InstanceCreationTime: Generated('InstanceCreationTime'),
  InstanceCreatorUID: Removed,
  TimezoneOffsetFromUTC: Removed,
  ContributingEquipmentSequence: Generated('ContributingEquipmentSequence'),
  // SC Equipment (Table 8-17)
  ConversionType: Generated('ConversionType'),
  SecondaryCaptureDeviceManufacturer: Generated('SecondaryCaptureDeviceManufacturer'),
  SecondaryCaptureDeviceManufacturerModelName: Generated('SecondaryCaptureDeviceManufacturerModelName'),
  SecondaryCaptureDeviceSoftwareVersions: Generated('SecondaryCaptureDeviceSoftwareVersions'),
  // SC Image (Table 8-18)
  DateOfSecondaryCapture: Generated('ContentDate'),
  TimeOfSecondaryCapture: Generated('ContentTime'),
};
