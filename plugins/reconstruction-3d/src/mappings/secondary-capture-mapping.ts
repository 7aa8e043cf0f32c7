import { Generated, Removed, type MappingTable } from '@atrium/sdk';
import { commonMapping } from './common-mapping.js';

/**
 * The 3-D views (rotating MIP, volume and surface rendering) as Secondary Capture images, as the
 * Shimadzu SCORE 3D conformance statement's appendix lists its SC objects (Patient, General Study,
 * Patient Study, General Series, General Equipment, SC Equipment with Conversion Type WSD, General
 * Image, Image Pixel, SC Image, SOP Common): a projection has no true Image Plane, so Frame of
 * Reference and Image Plane are Removed; Patient Orientation gives the view's orientation letters
 * (the app's); Image Comments says what the view is (angle, mode). The view parameters are in the
 * private block (see the app's privateBlocks).
 */
export const secondaryCaptureMapping: MappingTable = {
  ...commonMapping,
  SeriesDescription: Generated('Content'),
  // Type 2C (General Series): the source's value, or empty when the body part may be paired.
  Laterality: Generated('Content'),
  FrameOfReferenceUID: Removed,
  PositionReferenceIndicator: Removed,
  ImagePositionPatient: Removed,
  ImageOrientationPatient: Removed,
  SliceThickness: Removed,
  SliceLocation: Removed,
  // General Image
  PatientOrientation: Generated('Content'),
  ContentDate: Generated('ContentDate'),
  ContentTime: Generated('ContentTime'),
  ImageType: Generated('ImageType'),
  DerivationDescription: Generated('Content'),
  DerivationCodeSequence: Generated('Content'),
  SourceImageSequence: Generated('SourceImageSequence'),
  ImageComments: Generated('Content'),
  BurnedInAnnotation: Generated('BurnedInAnnotation'),
  ReferencedImageSequence: Removed,
  AcquisitionNumber: Removed,
  AcquisitionDate: Removed,
  AcquisitionTime: Removed,
  // SC Equipment: the workstation
  ConversionType: Generated('ConversionType'),
  SecondaryCaptureDeviceManufacturer: Generated('SecondaryCaptureDeviceManufacturer'),
  SecondaryCaptureDeviceManufacturerModelName: Generated('SecondaryCaptureDeviceManufacturerModelName'),
  SecondaryCaptureDeviceSoftwareVersions: Generated('SecondaryCaptureDeviceSoftwareVersions'),
  // SC Image
  DateOfSecondaryCapture: Generated('ContentDate'),
  TimeOfSecondaryCapture: Generated('ContentTime'),
};
