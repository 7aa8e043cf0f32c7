import {
  Copied, Generated, generalEquipmentMapping, generalSeriesMapping, generalStudyMapping, patientMapping, patientStudyMapping, Removed,
  scEquipmentMapping, sopCommonMapping, type MappingTable,
} from '@atrium/sdk';

/**
 * How each attribute of the apps' display pages (Secondary Capture Image IOD, PS3.3 A.8.1) is
 * produced, as the Canon GCA-9300R conformance statement gives its created Secondary Capture SOP
 * Instances (Table 8-2 and Tables 8-4 … 8-18): the SDK's module fragments where the GCA-9300R
 * agrees with them — patient and study Copied from the NM source, a new series, SC Equipment from
 * the plugin manifest with Conversion Type WSD, the SOP Common attributes of a new object — and its
 * own rule where it differs: Device Serial Number Removed (Table 8-7: the workstation's, from its
 * configuration, not the camera's), Body Part Examined Removed and Laterality empty (Table 8-8 lists
 * neither: a page of several views is not of one body part), Patient Orientation empty and
 * Acquisition Number Removed (Table 8-9); Date / Time of Secondary Capture now (Table 8-18); 8-bit
 * RGB pixels (Samples per Pixel 3, Table 8-11). Differences from the GCA-9300R, on purpose: Burned
 * In Annotation YES (the pages carry text); Source Image Sequence, Derivation Description and
 * Contributing Equipment say what the page shows; no Frame of Reference (a page is not in patient
 * space); the Patient Study and General Equipment attributes the GCA-9300R fills from its worklist
 * or configuration are Removed or name the app.
 */
export const secondaryCaptureMapping: MappingTable = {
  // Patient (Table 8-4), Patient Study (Table 8-5), General Study (Table 8-6)
  ...patientMapping,
  ...patientStudyMapping,
  ...generalStudyMapping,
  // General Series (Table 8-8)
  ...generalSeriesMapping,
  Laterality: Generated('Empty'),
  BodyPartExamined: Removed,
  // A page is not in the patient coordinate system
  FrameOfReferenceUID: Removed,
  PositionReferenceIndicator: Removed,
  // General Equipment (Table 8-7)
  ...generalEquipmentMapping,
  DeviceSerialNumber: Removed,
  // General Image (Table 8-9)
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
  ...sopCommonMapping,
  // SC Equipment (Table 8-17)
  ...scEquipmentMapping,
  // SC Image (Table 8-18)
  DateOfSecondaryCapture: Generated('ContentDate'),
  TimeOfSecondaryCapture: Generated('ContentTime'),
};
