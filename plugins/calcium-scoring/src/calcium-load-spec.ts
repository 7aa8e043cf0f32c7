import type { LoadSpec } from '@atrium/sdk';

/**
 * How the app uses the attributes of its CT sources, after GE SmartScore 4.0's conformance
 * statement (Tables 3-3 … 3-16, the part before "/"): Mandatory (a missing or
 * invalid value stops the run before any work, naming the attribute and the slice), Used,
 * Ignored; `expect` where SmartScore gives an expected value (an unmet one is a warning, and
 * the report says so). Notes keep SmartScore's wording. Differences from SmartScore, on purpose:
 * Rescale Slope and Intercept are Mandatory (HU need both; SmartScore ignores the slope), and
 * compressed sources load. Attributes not listed are Ignored.
 */
export const calciumLoadSpec: LoadSpec = {
  // Patient (Table 3-3)
  PatientName: { usage: 'Used', note: 'Used / Copied; printed on the reports' },
  PatientID: { usage: 'Used', note: 'Used / Copied; printed on the reports' },
  IssuerOfPatientID: { usage: 'Used', note: 'Used / Copied' },
  PatientBirthDate: { usage: 'Used', note: 'Used / Copied; printed on the reports' },
  PatientSex: { usage: 'Used', note: 'Used / Copied; printed on the reports' },
  ReferencedPatientSequence: { usage: 'Ignored', note: 'Ignored / Copied' },
  PatientBirthTime: { usage: 'Ignored', note: 'Ignored / Copied' },
  OtherPatientNames: { usage: 'Ignored', note: 'Ignored / Copied' },
  OtherPatientIDsSequence: { usage: 'Ignored', note: 'Ignored / Copied' },
  EthnicGroup: { usage: 'Used', note: 'Used / Copied' },
  SmokingStatus: { usage: 'Used', note: 'Used / Copied' },
  PatientComments: { usage: 'Used', note: 'Used / Copied' },
  // General Study (Table 3-4)
  StudyInstanceUID: { usage: 'Mandatory', note: 'Mandatory / Copied; derived series land in the source study' },
  StudyDate: { usage: 'Used', note: 'Used / Copied; printed on the reports' },
  StudyTime: { usage: 'Used', note: 'Used / Copied' },
  ReferringPhysicianName: { usage: 'Ignored', note: 'Ignored / Copied' },
  StudyID: { usage: 'Used', note: 'Used / Copied; printed on the reports' },
  AccessionNumber: { usage: 'Ignored', note: 'Ignored / Copied' },
  StudyDescription: { usage: 'Ignored', note: 'Ignored / Copied' },
  // Patient Study (Table 3-5)
  AdmittingDiagnosesDescription: { usage: 'Ignored', note: 'Ignored / Copied' },
  PatientAge: { usage: 'Used', note: 'Used / Copied; printed on the reports' },
  PatientSize: { usage: 'Used', note: 'Used / Copied' },
  PatientWeight: { usage: 'Used', note: 'Used / Copied' },
  Occupation: { usage: 'Ignored', note: 'Ignored / Copied' },
  AdditionalPatientHistory: { usage: 'Used', note: 'Used / Copied' },
  // General Series (Table 3-6)
  Modality: { usage: 'Used', note: 'Used / Copied; Defined Terms: CT = Computed Tomography', expect: 'CT' },
  SeriesInstanceUID: { usage: 'Mandatory', note: 'Mandatory / Generated' },
  SeriesNumber: { usage: 'Used', note: 'Used / Generated' },
  Laterality: { usage: 'Ignored', note: 'Ignored / Copied' },
  SeriesDescription: { usage: 'Used', note: 'Used / Generated' },
  PatientPosition: { usage: 'Used', note: 'Used / Copied' },
  // Frame of Reference (Table 3-7)
  FrameOfReferenceUID: {
    usage: 'Mandatory',
    note: 'Mandatory / Copied; images should share the same Frame Of Reference UID as a necessary condition to be in the same 3D model (more than one stops the run)',
  },
  PositionReferenceIndicator: { usage: 'Ignored', note: 'Ignored / Copied' },
  // General Equipment (Table 3-8)
  Manufacturer: { usage: 'Used', note: 'Used / Copied' },
  InstitutionName: { usage: 'Used', note: 'Used / Copied' },
  ManufacturerModelName: { usage: 'Used', note: 'Used / Copied' },
  PixelPaddingValue: { usage: 'Ignored', note: 'Ignored / Copied' },
  // General Image (Table 3-9)
  PatientOrientation: { usage: 'Used', note: 'Used / Copied' },
  ContentDate: { usage: 'Used', note: 'Used / Generated' },
  ContentTime: { usage: 'Used', note: 'Used / Generated' },
  ImageType: { usage: 'Ignored', note: 'Ignored / Copied' },
  AcquisitionNumber: { usage: 'Used', note: 'Used / Copied' },
  AcquisitionDate: { usage: 'Used', note: 'Used / Copied' },
  AcquisitionTime: { usage: 'Used', note: 'Used / Copied' },
  ImageComments: { usage: 'Used', note: 'Used / Copied' },
  BurnedInAnnotation: { usage: 'Ignored', note: 'Ignored / Copied' },
  LossyImageCompression: { usage: 'Ignored', note: 'Ignored / Copied; unlike SmartScore, compressed sources load' },
  // Image Plane (Table 3-10)
  PixelSpacing: { usage: 'Mandatory', note: 'Mandatory / Copied; lesion areas in mm²' },
  ImageOrientationPatient: { usage: 'Mandatory', note: 'Mandatory / Copied; slices must be axial (oblique or tilted stacks stop the run)' },
  ImagePositionPatient: { usage: 'Mandatory', note: 'Mandatory / Copied; slice order and increment (never Slice Thickness)' },
  SliceThickness: { usage: 'Used', note: 'Used / Copied; the increment comes from Image Position (Patient) and may not exceed it (gaps stop the run); printed on the reports' },
  SliceLocation: { usage: 'Used', note: 'Used / Copied' },
  // Image Pixel (Table 3-11)
  SamplesPerPixel: { usage: 'Ignored', expect: 1, note: 'Ignored (expect "1") / Copied' },
  PhotometricInterpretation: { usage: 'Ignored', expect: 'MONOCHROME2', note: 'Ignored (expect "MONOCHROME2") / Copied' },
  Rows: { usage: 'Mandatory', expect: 512, note: 'Mandatory (expect 512) / Copied' },
  Columns: { usage: 'Mandatory', expect: 512, note: 'Mandatory (expect 512) / Copied' },
  BitsAllocated: { usage: 'Ignored', expect: 16, note: 'Ignored (expect "16") / Copied' },
  BitsStored: { usage: 'Ignored', note: 'Ignored (expect "16") / Copied; any depth loads, the HU come from the rescale' },
  HighBit: { usage: 'Ignored', note: 'Ignored (expect "15") / Copied; any depth loads' },
  PixelRepresentation: { usage: 'Ignored', note: 'Ignored (expect "1") / Copied; signed and unsigned load' },
  PixelData: { usage: 'Used', note: 'Used / Copied; thresholded in HU after rescale' },
  // VOI LUT (Table 3-14)
  WindowCenter: { usage: 'Used', note: 'Used / Copied' },
  WindowWidth: { usage: 'Used', note: 'Used / Copied' },
  // SOP Common (Table 3-15)
  SOPClassUID: { usage: 'Ignored', note: 'Ignored / Copied' },
  SOPInstanceUID: { usage: 'Ignored', note: 'Ignored / Generated' },
  SpecificCharacterSet: { usage: 'Used', note: 'Used / Copied; unlike SmartScore, not only "ISO_IR 100"' },
  InstanceNumber: { usage: 'Used', note: 'Used / Generated; seeds may name a slice by it' },
  // CT Image (Table 3-16)
  RescaleIntercept: { usage: 'Mandatory', note: 'Used / Copied in GE SmartScore; Mandatory here: HU need it' },
  RescaleSlope: { usage: 'Mandatory', note: 'Ignored / Copied in GE SmartScore; Mandatory here: HU need it' },
  KVP: { usage: 'Used', note: 'Used / Copied; chooses the threshold from the kVp table (120 kVp: 130 HU, 100 kVp: 147 HU); other values stop the run unless a threshold is given' },
  ScanOptions: { usage: 'Used', note: 'Used / Copied' },
  GantryDetectorTilt: { usage: 'Ignored', note: 'Ignored / Copied; tilt is detected from the positions' },
  ExposureTime: { usage: 'Used', note: 'Used / Copied' },
  XRayTubeCurrent: { usage: 'Used', note: 'Used / Copied' },
  ConvolutionKernel: { usage: 'Used', note: 'Used / Copied; printed on the reports' },
  // Contrast/Bolus (Table 3-12): Ignored by SmartScore; here contrast stops the run
  ContrastBolusAgent: { usage: 'Used', note: 'Ignored / Copied in GE SmartScore; Used here: a contrast agent (other than NONE) stops the run unless allowContrast=true' },
  ContrastBolusAgentSequence: { usage: 'Used', note: 'Ignored / Copied in GE SmartScore; Used here: an item stops the run unless allowContrast=true' },
  // Not in SmartScore's tables
  CalciumScoringMassFactorPatient: { usage: 'Used', note: 'the mass calibration factor when no calibrationFactor or calibrationPhantom is given (McCollough et al., Radiology 2007)' },
  CalciumScoringMassFactorDevice: { usage: 'Used', note: 'without (0018,9351): the factor of the patient size the patientSize parameter names (values 1-3: small, medium, large)' },
};
