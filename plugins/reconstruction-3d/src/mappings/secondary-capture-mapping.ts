import {
  appEquipmentMapping, Generated, generalSeriesMapping, Removed, scEquipmentMapping, sopCommonMapping, type MappingTable,
} from '@atrium/sdk';
import { score3dPatientStudyMapping } from './score3d-patient-study-mapping.js';

/**
 * The 3-D views (rotating MIP, volume and surface rendering) as Secondary Capture images, with the
 * modules the Shimadzu SCORE 3D conformance statement's Appendix lists for the SC objects it sends
 * (Patient, General Study, Patient Study, General Series, General Equipment, SC Equipment with
 * Conversion Type WSD, General Image, Image Pixel, SC Image, SOP Common): the SDK's module
 * fragments, and SCORE 3D's rule where it differs from them — General Equipment names the
 * workstation (SCORE 3D writes Manufacturer "Shimadzu Corp." and its Station Name: here the app,
 * from the plugin manifest, {@link appEquipmentMapping}), Patient's Size and Weight Copied
 * ({@link score3dPatientStudyMapping}). The app's own rules: Series Description says what the run
 * made; Laterality (Type 2C) the source's value or empty; a projection has no true Image Plane,
 * so the Frame of Reference and Image Plane attributes are Removed and Patient Orientation gives
 * the view's orientation letters (SCORE 3D writes it empty); Image Comments says what the view is.
 * Modality stays the source's (SCORE 3D writes XA). The view parameters are in the private block
 * (`privateBlocks` of the views' output).
 */
export const secondaryCaptureMapping: MappingTable = {
  ...score3dPatientStudyMapping,
  // General Series
  ...generalSeriesMapping,
  SeriesDescription: Generated('Content'),
  Laterality: Generated('Content'),
  // Not in patient space
  FrameOfReferenceUID: Removed,
  PositionReferenceIndicator: Removed,
  ImagePositionPatient: Removed,
  ImageOrientationPatient: Removed,
  SliceThickness: Removed,
  SliceLocation: Removed,
  // General Equipment and SC Equipment: the workstation
  ...appEquipmentMapping,
  ...scEquipmentMapping,
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
  // SOP Common
  ...sopCommonMapping,
  // SC Image
  DateOfSecondaryCapture: Generated('ContentDate'),
  TimeOfSecondaryCapture: Generated('ContentTime'),
};
