import {
  Copied, Generated, generalEquipmentMapping, generalSeriesMapping, generalStudyMapping, patientMapping, patientStudyMapping,
  Removed, scEquipmentMapping, sopCommonMapping, type MappingTable,
} from '@atrium/sdk';

/**
 * How each attribute of the report and screen-save images (Secondary Capture Image IOD)
 * is produced, as the GE SmartScore 4.0 conformance statement (Tables 4-4 … 4-16) gives it:
 * the SDK's per-module fragments (which follow those tables), with SmartScore's own choices
 * where the fragments differ — Study Description Removed (Table 4-5), Body Part Examined
 * Removed and Laterality written empty (Table 4-7). `Copied` in an N:1 object (the report) keeps a value
 * only when every source has the same one. The Image Pixel attributes (Table 4-10) are Generated
 * from the pixels the app writes (16-bit MONOCHROME2 or 8-bit RGB); Overlay Plane (4-11) is
 * unsupported; VOI LUT (4-12) and Modality LUT (4-13) are Removed. Differences from SmartScore,
 * on purpose: Burned In Annotation is Generated truthfully (YES: these images carry text, where
 * SmartScore stores "No"); Source Image Sequence, Derivation Description and Contributing
 * Equipment are Generated (SmartScore removes them) so that the images say what they come from;
 * Frame of Reference and Pixel Padding Value are Removed (a rendered page has no patient
 * geometry, and not the source's pixels); SC Device ID is not written.
 */
export const secondaryCaptureMapping: MappingTable = {
  ...patientMapping,
  ...patientStudyMapping,
  ...generalStudyMapping,
  StudyDescription: Removed,
  ...generalSeriesMapping,
  BodyPartExamined: Removed,
  Laterality: Generated('Empty'),
  // Frame of Reference: a rendered page or screen save is not in the patient coordinate system
  FrameOfReferenceUID: Removed,
  PositionReferenceIndicator: Removed,
  ...generalEquipmentMapping,
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
  ...sopCommonMapping,
  ...scEquipmentMapping,
  // SC Image (Table 4-16)
  DateOfSecondaryCapture: Generated('ContentDate'),
  TimeOfSecondaryCapture: Generated('ContentTime'),
};
