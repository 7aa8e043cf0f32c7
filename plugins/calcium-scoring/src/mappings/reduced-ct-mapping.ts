import { Copied, Generated, Removed, type MappingTable } from '@atrium/sdk';

/**
 * How each attribute of the reduced CT series (CT Image IOD, 1:1: one copy per kept source
 * slice, Pixel Data unchanged) is produced, as the GE SmartScore 4.0 conformance statement
 * (Tables 3-3 … 3-16, the part after "/") gives it: Copied from the source slice,
 * Generated (UIDs, series number, dates, instance number), Removed (performed procedure
 * step references). A copy of the original images keeps nearly everything, so this table is
 * written out in full rather than from the SDK's fragments (which describe a new object).
 * Differences from SmartScore, on purpose: Source Image Sequence is Generated (it references
 * the original slice, which the Referenced Series Sequence of the Common Instance Reference
 * module then needs) instead of Copied, and Contributing Equipment Sequence names the app.
 * Overlay Plane (Table 3-13) is unsupported, as in SmartScore: its attributes are Removed (a copy
 * of the pixels would otherwise bring them along). The GE private attributes SmartScore copies
 * (§3.5) are not: see {@link reducedCtRemarks}.
 */
export const reducedCtMapping: MappingTable = {
  // Patient (Table 3-3)
  PatientName: Copied,
  PatientID: Copied,
  IssuerOfPatientID: Copied,
  PatientBirthDate: Copied,
  PatientSex: Copied,
  ReferencedPatientSequence: Copied,
  PatientBirthTime: Copied,
  OtherPatientNames: Copied,
  OtherPatientIDsSequence: Copied,
  EthnicGroup: Copied,
  SmokingStatus: Copied,
  PatientComments: Copied,
  // General Study (Table 3-4)
  StudyInstanceUID: Copied,
  StudyDate: Copied,
  StudyTime: Copied,
  ReferringPhysicianName: Copied,
  StudyID: Copied,
  AccessionNumber: Copied,
  StudyDescription: Copied,
  PhysiciansOfRecord: Copied,
  NameOfPhysiciansReadingStudy: Copied,
  ReferencedStudySequence: Copied,
  ProcedureCodeSequence: Copied,
  // Patient Study (Table 3-5)
  AdmittingDiagnosesDescription: Copied,
  PatientAge: Copied,
  PatientSize: Copied,
  PatientWeight: Copied,
  Occupation: Copied,
  AdditionalPatientHistory: Copied,
  // General Series (Table 3-6)
  Modality: Copied,
  SeriesInstanceUID: Generated('SeriesInstanceUID'),
  SeriesNumber: Generated('SeriesNumber'),
  Laterality: Copied,
  SeriesDate: Generated('SeriesDate'),
  SeriesTime: Generated('SeriesTime'),
  PerformingPhysicianName: Copied,
  ProtocolName: Copied,
  SeriesDescription: Generated('SeriesDescription'),
  OperatorsName: Copied,
  ReferencedPerformedProcedureStepSequence: Removed,
  BodyPartExamined: Copied,
  PatientPosition: Copied,
  SmallestPixelValueInSeries: Copied,
  LargestPixelValueInSeries: Copied,
  RequestAttributesSequence: Copied,
  PerformedProcedureStepID: Removed,
  PerformedProcedureStepStartDate: Removed,
  PerformedProcedureStepStartTime: Removed,
  PerformedProcedureStepDescription: Removed,
  PerformedProtocolCodeSequence: Removed,
  // Frame of Reference (Table 3-7)
  FrameOfReferenceUID: Copied,
  PositionReferenceIndicator: Copied,
  // General Equipment (Table 3-8)
  Manufacturer: Copied,
  InstitutionName: Copied,
  InstitutionAddress: Copied,
  StationName: Generated('StationName'),
  InstitutionalDepartmentName: Copied,
  ManufacturerModelName: Copied,
  DeviceSerialNumber: Copied,
  SoftwareVersions: Copied,
  SpatialResolution: Copied,
  DateOfLastCalibration: Copied,
  TimeOfLastCalibration: Copied,
  PixelPaddingValue: Copied,
  // General Image (Table 3-9)
  PatientOrientation: Copied,
  ContentDate: Generated('ContentDate'),
  ContentTime: Generated('ContentTime'),
  ImageType: Copied,
  AcquisitionNumber: Copied,
  AcquisitionDate: Copied,
  AcquisitionTime: Copied,
  ReferencedImageSequence: Copied,
  DerivationDescription: Copied,
  DerivationCodeSequence: Removed,
  SourceImageSequence: Generated('SourceImageSequence'),
  ImagesInAcquisition: Copied,
  ImageComments: Copied,
  QualityControlImage: Copied,
  BurnedInAnnotation: Copied,
  LossyImageCompression: Copied,
  LossyImageCompressionRatio: Copied,
  // Image Plane (Table 3-10)
  PixelSpacing: Copied,
  ImageOrientationPatient: Copied,
  ImagePositionPatient: Copied,
  SliceThickness: Copied,
  SliceLocation: Copied,
  // Image Pixel (Table 3-11): the source's pixels, unchanged
  SamplesPerPixel: Copied,
  PhotometricInterpretation: Copied,
  Rows: Copied,
  Columns: Copied,
  BitsAllocated: Copied,
  BitsStored: Copied,
  HighBit: Copied,
  PixelRepresentation: Copied,
  PixelData: Copied,
  // Contrast/Bolus (Table 3-12)
  ContrastBolusAgent: Copied,
  ContrastBolusAgentSequence: Copied,
  ContrastBolusRoute: Copied,
  ContrastBolusAdministrationRouteSequence: Copied,
  ContrastBolusVolume: Copied,
  ContrastBolusStartTime: Copied,
  ContrastBolusStopTime: Copied,
  ContrastBolusTotalDose: Copied,
  ContrastFlowRate: Copied,
  ContrastFlowDuration: Copied,
  ContrastBolusIngredient: Copied,
  ContrastBolusIngredientConcentration: Copied,
  // VOI LUT (Table 3-14)
  VOILUTSequence: Copied,
  WindowCenter: Copied,
  WindowWidth: Copied,
  WindowCenterWidthExplanation: Copied,
  // SOP Common (Table 3-15)
  SOPInstanceUID: Generated('SOPInstanceUID'),
  InstanceCreationDate: Generated('InstanceCreationDate'),
  InstanceCreationTime: Generated('InstanceCreationTime'),
  InstanceCreatorUID: Copied,
  TimezoneOffsetFromUTC: Copied,
  InstanceNumber: Generated('InstanceNumber'),
  SOPInstanceStatus: Copied,
  SOPAuthorizationDateTime: Copied,
  SOPAuthorizationComment: Copied,
  AuthorizationEquipmentCertificationNumber: Copied,
  ContributingEquipmentSequence: Generated('ContributingEquipmentSequence'),
  // CT Image (Table 3-16)
  RescaleIntercept: Copied,
  RescaleSlope: Copied,
  RescaleType: Copied,
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
  ExposureInuAs: Copied,
  FilterType: Copied,
  GeneratorPower: Copied,
  FocalSpots: Copied,
  ConvolutionKernel: Copied,
  // Overlay Plane (Table 3-13): "Module Unsupported"
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
};

/** Where the reduced CT departs from GE SmartScore's tables, printed with the mapping in the conformance statement. */
export const reducedCtNotes: Readonly<Record<string, string>> = {
  SourceImageSequence: 'GE SmartScore Table 3-9: Copied; here the original slice (the Common Instance Reference module needs it)',
  ContributingEquipmentSequence: 'not in GE SmartScore\'s tables: names the app (PS3.3 C.12.1.1.5)',
  RescaleSlope: 'Mandatory at load here (GE SmartScore Table 3-16: Ignored): HU need it',
};

/** What the tables of the reduced CT cannot say. */
export const reducedCtRemarks: readonly string[] = [
  'Private attributes are not copied. GE SmartScore copies the GE private attributes of its §3.5 (GEMS_ACQU_01 / GE HEALTHCARE_ACQU_01 Table Speed, Midscan Time, Gantry Velocity, SFOV Type; GEMS_PARM_01 Delta Start Time, Pitch Ratio, Private Scan Options, motCorr, IBOCorr; GEMS_HELIOS_01 Sigma Mode, Ibone / Peris Flag, Cardiac Recon Algo, Average Heart Rate, Temporal Resolution, Cardiac Phase Number; GEMS_HINO_CT_01 R Time, HBC number); the derivation engine writes only the attributes its tables name (an allow-list), and these have no keyword in them. The original slices keep them.',
];
