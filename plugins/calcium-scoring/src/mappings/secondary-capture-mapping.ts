import {
  Copied, Generated, generalEquipmentMapping, generalSeriesMapping, generalStudyMapping, patientMapping, patientStudyMapping,
  Removed, scEquipmentMapping, sopCommonMapping, type MappingTable,
} from '@atrium/sdk';

/**
 * How each attribute of the report and screen-save images (Secondary Capture Image IOD)
 * is produced, as the GE SmartScore 4.0 conformance statement (Tables 4-4 … 4-16) gives it:
 * the SDK's per-module fragments (which follow those tables), with SmartScore's own choices
 * where the fragments differ — Study Description Removed (Table 4-5), Body Part Examined
 * Removed and Laterality written empty (Table 4-7), Secondary Capture Device ID the host name
 * (Table 4-15: InetAddress.getLocalHost()), Image Type DERIVED\SECONDARY\CAPTURE (§4.5.5.1.1.1:
 * the app gives CAPTURE). `Copied` in an N:1 object (the report) keeps a value only when every
 * source has the same one. The Image Pixel attributes (Table 4-10) are Generated from the pixels
 * the app writes (16-bit MONOCHROME2 or 8-bit RGB), the palette and LUT attributes Removed
 * (Tables 4-10, 4-12, 4-13); Overlay Plane (4-11) is unsupported: Removed. Differences from
 * SmartScore, on purpose, each with its reason in {@link secondaryCaptureNotes}.
 */
export const secondaryCaptureMapping: MappingTable = {
  ...patientMapping,
  ...patientStudyMapping,
  ...generalStudyMapping,
  StudyDescription: Removed,
  ...generalSeriesMapping,
  BodyPartExamined: Removed,
  Laterality: Generated('Empty'),
  // Frame of Reference and Image Plane: a rendered page or screen save is not in the patient coordinate system
  FrameOfReferenceUID: Removed,
  PositionReferenceIndicator: Removed,
  ImageOrientationPatient: Removed,
  ImagePositionPatient: Removed,
  SliceThickness: Removed,
  SliceLocation: Removed,
  ...generalEquipmentMapping,
  PixelPaddingValue: Generated('Content'),
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
  DerivationCodeSequence: Removed,
  SourceImageSequence: Generated('SourceImageSequence'),
  ImagesInAcquisition: Removed,
  ImageComments: Generated('Content'),
  QualityControlImage: Removed,
  BurnedInAnnotation: Generated('BurnedInAnnotation'),
  LossyImageCompression: Removed,
  LossyImageCompressionRatio: Removed,
  // Not in Tables 4-9, 4-10 and 4-16, and not given by the pages' pixels: absent
  IconImageSequence: Removed,
  PresentationLUTShape: Removed,
  PixelSpacing: Removed,
  PixelSpacingCalibrationType: Removed,
  PixelSpacingCalibrationDescription: Removed,
  // Image Pixel (Table 4-10): what the app's pixels do not give
  PixelAspectRatio: Removed,
  SmallestImagePixelValue: Removed,
  LargestImagePixelValue: Removed,
  RedPaletteColorLookupTableDescriptor: Removed,
  GreenPaletteColorLookupTableDescriptor: Removed,
  BluePaletteColorLookupTableDescriptor: Removed,
  RedPaletteColorLookupTableData: Removed,
  GreenPaletteColorLookupTableData: Removed,
  BluePaletteColorLookupTableData: Removed,
  ICCProfile: Removed,
  PixelDataProviderURL: Removed,
  PixelPaddingRangeLimit: Removed,
  // Overlay Plane (Table 4-11): unsupported
  OverlayRows: Removed,
  OverlayColumns: Removed,
  OverlayType: Removed,
  OverlayOrigin: Removed,
  OverlayBitsAllocated: Removed,
  OverlayBitPosition: Removed,
  OverlayData: Removed,
  OverlayDescription: Removed,
  OverlaySubtype: Removed,
  OverlayLabel: Removed,
  ROIArea: Removed,
  ROIMean: Removed,
  ROIStandardDeviation: Removed,
  // VOI LUT (Table 4-12) and Modality LUT (Table 4-13): Removed
  VOILUTSequence: Removed,
  WindowCenter: Removed,
  WindowWidth: Removed,
  WindowCenterWidthExplanation: Removed,
  VOILUTFunction: Removed,
  ModalityLUTSequence: Removed,
  RescaleIntercept: Removed,
  RescaleSlope: Removed,
  RescaleType: Removed,
  ...sopCommonMapping,
  ...scEquipmentMapping,
  SecondaryCaptureDeviceID: Generated('StationName'),
  // SC Image (Table 4-16)
  DateOfSecondaryCapture: Generated('ContentDate'),
  TimeOfSecondaryCapture: Generated('ContentTime'),
};

/**
 * The screen saves: as the reports, but RGB only, so without Pixel Padding Value (PS3.3
 * C.7.5.1.1.2: padding is for grayscale images).
 */
export const screenSaveMapping: MappingTable = { ...secondaryCaptureMapping, PixelPaddingValue: Removed };

/** Where the Secondary Captures depart from GE SmartScore's tables, and why (printed in the conformance statement's Note column). */
export const secondaryCaptureNotes: Readonly<Record<string, string>> = {
  PixelPaddingValue: 'GE SmartScore Table 4-8: Copied. Here the sources\' value, on the grayscale physician page only, when it is the same on every source, fits the page\'s signed 16 bits and is no pixel of the page; absent from RGB pages (PS3.3 C.7.5.1.1.2: padding is for grayscale images)',
  BurnedInAnnotation: 'GE SmartScore Table 4-9: "NO" is stored; here YES: the pages and screen saves carry text',
  SourceImageSequence: 'GE SmartScore Table 4-9: Removed; here the source slices, so the images say what they come from',
  DerivationDescription: 'GE SmartScore Table 4-9: Removed; here the output\'s derivation',
  ImageComments: 'GE SmartScore Table 4-9: Removed; here the result and "NOT FOR CLINICAL USE"',
  ContributingEquipmentSequence: 'not in GE SmartScore\'s tables: names the app (PS3.3 C.12.1.1.5)',
  FrameOfReferenceUID: 'a rendered page has no patient geometry',
  ImagePositionPatient: 'a rendered page has no patient geometry (not in GE SmartScore\'s SC tables)',
  PatientWeight: 'GE SmartScore Table 4-4 and 4-6: Removed',
  SecondaryCaptureDeviceID: 'GE SmartScore Table 4-15: InetAddress.getLocalHost(), the host name',
  ImageType: 'DERIVED\\SECONDARY\\CAPTURE (GE SmartScore §4.5.5.1.1.1)',
  PlanarConfiguration: 'GE SmartScore Table 4-10: absent from black-and-white pages, 0 on colour ones (the patient report, the screen saves)',
  PixelSpacing: 'a rendered page or screen save has no calibrated spacing (not in GE SmartScore Tables 4-10, 4-16)',
};
