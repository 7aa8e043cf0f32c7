import {
  Copied, Generated, generalEquipmentMapping, generalSeriesMapping, generalStudyMapping, patientMapping, patientStudyMapping,
  Removed, scEquipmentMapping, sopCommonMapping, type MappingTable,
} from '@atrium/sdk';

/**
 * How each attribute of the summary image (Secondary Capture Image IOD, N:1 from the whole
 * series) is produced, in the vocabulary of the GE SmartScore conformance statement (§1.9):
 * Copied (only when every source has the same value), Generated (by a named generator of the
 * engine, or `Content`: the app's own value), Removed. The SDK's per-module fragments give the
 * Patient, Study, Series, Equipment and SOP Common rules of a new object in the source study;
 * the General Image rules and the Frame of Reference are the app's. Attributes of the IOD not
 * listed follow the engine's defaults; attributes neither listed nor in the IOD are dropped.
 * The Image Pixel attributes come from the pixels the app writes.
 */
export const summaryMapping: MappingTable = {
  ...patientMapping,
  ...patientStudyMapping,
  ...generalStudyMapping,
  ...generalSeriesMapping,
  ...generalEquipmentMapping,
  ...scEquipmentMapping,
  ...sopCommonMapping,
  // Frame of Reference: a summary image is not in the patient coordinate system
  FrameOfReferenceUID: Removed,
  PositionReferenceIndicator: Removed,
  // General Image: a summary has no patient orientation of its own
  PatientOrientation: Generated('Empty'),
  ContentDate: Generated('ContentDate'),
  ContentTime: Generated('ContentTime'),
  ImageType: Generated('ImageType'),
  AcquisitionNumber: Removed,
  AcquisitionDate: Copied,
  AcquisitionTime: Copied,
  ReferencedImageSequence: Removed,
  DerivationDescription: Generated('DerivationDescription'),
  SourceImageSequence: Generated('SourceImageSequence'),
  ImagesInAcquisition: Removed,
  ImageComments: Generated('Content'),
  QualityControlImage: Removed,
  BurnedInAnnotation: Generated('BurnedInAnnotation'),
  LossyImageCompression: Copied,
  LossyImageCompressionRatio: Copied,
  LossyImageCompressionMethod: Copied,
};
