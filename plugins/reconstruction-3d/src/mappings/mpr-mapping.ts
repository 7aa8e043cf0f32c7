import {
  appEquipmentMapping, Copied, Generated, generalSeriesMapping, Removed, sopCommonMapping, type MappingTable,
} from '@atrium/sdk';
import { score3dPatientStudyMapping } from './score3d-patient-study-mapping.js';

/**
 * The image of a reformatted plane (CT Image or MR Image IOD): the SDK's module fragments for the
 * patient, study, series, equipment and SOP Common (Patient's Size and Weight Copied as the Shimadzu
 * SCORE 3D conformance statement's Appendix lists them, {@link score3dPatientStudyMapping});
 * General Equipment names the workstation that made the series ({@link appEquipmentMapping}: the
 * app, from the plugin manifest, as SCORE 3D names itself in the objects it writes), the acquisition
 * stays in the copied CT / MR attributes. Geometry, pixels and derivation are the app's (Image Plane
 * from the plane: position, orientation, pixel spacing, thickness, spacing between planes; Image
 * Type value 3 as the IOD's module defines it; a Derivation Code Sequence from PS3.16 CID 7203);
 * Frame of Reference, acquisition and contrast copied from the source slices the plane crosses
 * (only where they all agree); Source Image Sequence lists those slices.
 */
const imageMapping: MappingTable = {
  ...score3dPatientStudyMapping,
  // General Series
  ...generalSeriesMapping,
  // "MPR coronal, thin, 1 mm" ...: what the run made
  SeriesDescription: Generated('Content'),
  // Type 2C for CT and MR images (General Series): the source's value, else empty (see typeTwoConditional).
  Laterality: Generated('Content'),
  PatientPosition: Generated('Content'),
  // General Equipment: the workstation
  ...appEquipmentMapping,
  // SOP Common
  ...sopCommonMapping,
  // Frame of Reference: the same patient coordinates as the source
  FrameOfReferenceUID: Copied,
  PositionReferenceIndicator: Copied,
  // General Image
  ContentDate: Generated('ContentDate'),
  ContentTime: Generated('ContentTime'),
  ImageType: Generated('ImageType'),
  AcquisitionNumber: Copied,
  AcquisitionDate: Copied,
  AcquisitionTime: Copied,
  DerivationDescription: Generated('Content'),
  DerivationCodeSequence: Generated('Content'),
  SourceImageSequence: Generated('SourceImageSequence'),
  ReferencedImageSequence: Removed,
  ImagesInAcquisition: Removed,
  ImageComments: Generated('Content'),
  BurnedInAnnotation: Generated('BurnedInAnnotation'),
  LossyImageCompression: Copied,
  LossyImageCompressionRatio: Copied,
  LossyImageCompressionMethod: Copied,
  // Image Plane: the plane's own
  ImagePositionPatient: Generated('Content'),
  ImageOrientationPatient: Generated('Content'),
  SliceThickness: Generated('Content'),
  SliceLocation: Generated('Content'),
  SpacingBetweenSlices: Generated('Content'),
  // Contrast/Bolus
  ContrastBolusAgent: Copied,
  ContrastBolusAgentSequence: Copied,
  ContrastBolusRoute: Copied,
  ContrastBolusVolume: Copied,
  ContrastBolusStartTime: Copied,
  ContrastBolusTotalDose: Copied,
  ContrastFlowRate: Copied,
  ContrastFlowDuration: Copied,
  ContrastBolusIngredient: Copied,
  ContrastBolusIngredientConcentration: Copied,
};

/** A reformatted plane of a CT (CT Image IOD, PS3.3 A.3): CT Image attributes of the acquisition copied. */
export const ctMprMapping: MappingTable = {
  ...imageMapping,
  KVP: Copied,
  ScanOptions: Copied,
  DataCollectionDiameter: Copied,
  ReconstructionDiameter: Copied,
  DistanceSourceToDetector: Copied,
  DistanceSourceToPatient: Copied,
  GantryDetectorTilt: Copied,
  TableHeight: Copied,
  RotationDirection: Copied,
  ExposureTime: Copied,
  XRayTubeCurrent: Copied,
  Exposure: Copied,
  FilterType: Copied,
  GeneratorPower: Copied,
  FocalSpots: Copied,
  ConvolutionKernel: Copied,
};

/**
 * A reformatted plane of an MR (MR Image IOD, PS3.3 A.4): the MR Image attributes of the
 * acquisition copied; Scanning Sequence and Sequence Variant (Type 1) are the app's — the source's
 * values, or for an Enhanced MR source (which has none at the top level) derived from its Echo
 * Pulse Sequence, Inversion Recovery and Echo Planar Pulse Sequence; Repetition Time (Type 2C)
 * the source's or empty.
 */
export const mrMprMapping: MappingTable = {
  ...imageMapping,
  ScanningSequence: Generated('Content'),
  SequenceVariant: Generated('Content'),
  ScanOptions: Copied,
  MRAcquisitionType: Copied,
  SequenceName: Copied,
  AngioFlag: Copied,
  RepetitionTime: Generated('Content'),
  EchoTime: Copied,
  EchoTrainLength: Copied,
  InversionTime: Copied,
  TriggerTime: Copied,
  NumberOfAverages: Copied,
  ImagingFrequency: Copied,
  ImagedNucleus: Copied,
  MagneticFieldStrength: Copied,
  FlipAngle: Copied,
  ReceiveCoilName: Copied,
  TransmitCoilName: Copied,
};
