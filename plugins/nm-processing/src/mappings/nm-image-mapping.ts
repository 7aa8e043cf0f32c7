import {
  appEquipmentMapping, Copied, Generated, generalSeriesMapping, generalStudyMapping, patientMapping, patientStudyMapping, Removed, sopCommonMapping,
  type MappingTable,
} from '@atrium/sdk';

/**
 * How each attribute of a reconstructed NM image (NM Image IOD, PS3.3 A.5) is produced, module by
 * module as the Canon GCA-9300R conformance statement gives its created NM SOP Instances (Table 8-3
 * and Tables 8-4 … 8-30): the SDK's module fragments where the GCA-9300R agrees with them, its own
 * rule where it differs — Patient Comments (Table 8-4), Patient's Size and Weight (Table 8-5),
 * Protocol Name (Table 8-8) and Institutional Department Name (Table 8-7) Copied. Patient and study
 * attributes Copied from the projections; the equipment is the app (Manufacturer, Model Name,
 * Software Versions from the plugin manifest, where the GCA-9300R writes "TOSHIBA_MEC",
 * "GCA9300R"); series, image, pixel and NM attributes Generated — Image Type
 * DERIVED\PRIMARY\RECON TOMO (or RECON GATED TOMO)\EMISSION, Corrected Image, the NM Multi-frame
 * vectors, Energy Window and Detector Information of the volume, the NM Reconstruction attributes,
 * Real World Value Mapping of the counts; the SOP Common attributes of a new object (Table 8-15).
 * What the GCA-9300R tables do not list is not written (the fragments remove Occupation, Referenced
 * Study Sequence, Procedure Code Sequence, Gantry ID, the source's SOP status and authorization).
 * Differences from the GCA-9300R, on purpose: Series Description records the method (the GCA-9300R
 * takes user input); Source Image Sequence, Derivation Description and Contributing Equipment say
 * what the volume comes from; Acquisition Date / Time are Copied (the GCA-9300R generates them);
 * Actual Frame Duration is not written (PS3.3 C.8.4.9 allows it only for WHOLE BODY and STATIC
 * images); Patient Position is Removed (an NM image carries the Patient Orientation Code Sequences
 * instead, C.7.3.1); Laterality is the source's, or empty; Smallest / Largest Pixel Value in Series
 * are not written (the projections' values are not the volume's); the private Application Module
 * (Table 8-31) is not written. `gated` keeps the NM Multi-gated Acquisition module (RECON GATED
 * TOMO) — the Gated Information Sequence as the app gives it — and removes it otherwise (a summed
 * reconstruction of a gated acquisition is not gated).
 */
export function nmImageMapping(options: { readonly gated: boolean }): MappingTable {
  const gatedRule = options.gated ? Copied : Removed;
  return {
    // Patient (Table 8-4)
    ...patientMapping,
    PatientComments: Copied,
    // Patient Study (Table 8-5)
    ...patientStudyMapping,
    PatientSize: Copied,
    PatientWeight: Copied,
    // General Study (Table 8-6)
    ...generalStudyMapping,
    // General Equipment (Table 8-7): the app
    ...appEquipmentMapping,
    InstitutionalDepartmentName: Copied,
    // General Series (Table 8-8)
    ...generalSeriesMapping,
    ProtocolName: Copied,
    SeriesDescription: Generated('Content'),
    PatientPosition: Removed,
    Laterality: Generated('Content'),
    // SOP Common (Table 8-15)
    ...sopCommonMapping,
    // NM/PET Patient Orientation (Table 8-20)
    PatientOrientationCodeSequence: Copied,
    PatientGantryRelationshipCodeSequence: Copied,
    // Frame of Reference (Table 8-16)
    FrameOfReferenceUID: Copied,
    PositionReferenceIndicator: Copied,
    // General Image (Table 8-9)
    ContentDate: Generated('ContentDate'),
    ContentTime: Generated('ContentTime'),
    ImageType: Generated('Content'),
    AcquisitionNumber: Copied,
    AcquisitionDate: Copied,
    AcquisitionTime: Copied,
    ImageComments: Generated('Content'),
    PatientOrientation: Generated('Content'),
    DerivationDescription: Generated('Content'),
    SourceImageSequence: Generated('SourceImageSequence'),
    ReferencedImageSequence: Removed,
    BurnedInAnnotation: Generated('BurnedInAnnotation'),
    LossyImageCompression: Generated('Content'),
    LossyImageCompressionRatio: Removed,
    LossyImageCompressionMethod: Removed,
    IconImageSequence: Removed,
    // Image Pixel (Table 8-11), NM Image Pixel (Table 8-21), Multi-frame (Table 8-22): from the pixels the app gives
    // NM Multi-frame (Table 8-23)
    EnergyWindowVector: Removed,
    DetectorVector: Removed,
    PhaseVector: Removed,
    NumberOfPhases: Removed,
    RotationVector: Removed,
    AngularViewVector: Removed,
    TimeSliceVector: Removed,
    NumberOfEnergyWindows: Generated('Content'),
    NumberOfDetectors: Generated('Content'),
    NumberOfRotations: Generated('Content'),
    RRIntervalVector: Generated('Content'),
    NumberOfRRIntervals: Generated('Content'),
    TimeSlotVector: Generated('Content'),
    NumberOfTimeSlots: Generated('Content'),
    SliceVector: Generated('Content'),
    NumberOfSlices: Generated('Content'),
    // NM Image (Table 8-24)
    ImageID: Removed,
    CountsAccumulated: Generated('Content'),
    AcquisitionTerminationCondition: Copied,
    TableHeight: Copied,
    TableTraverse: Copied,
    ActualFrameDuration: Removed,
    CountRate: Removed,
    ProcessingFunction: Removed,
    CorrectedImage: Generated('Content'),
    WholeBodyTechnique: Removed,
    ScanVelocity: Removed,
    ScanLength: Removed,
    TriggerSourceOrType: Removed,
    AnatomicRegionSequence: Copied,
    PrimaryAnatomicStructureSequence: Copied,
    RealWorldValueMappingSequence: Generated('Content'),
    // NM Isotope (Table 8-25): the reconstructed window only
    EnergyWindowInformationSequence: Generated('Content'),
    RadiopharmaceuticalInformationSequence: Copied,
    InterventionDrugInformationSequence: Copied,
    // NM Detector (Table 8-26): the volume's orientation and position
    DetectorInformationSequence: Generated('Content'),
    // NM Tomo Acquisition (Table 8-27)
    RotationInformationSequence: Copied,
    TypeOfDetectorMotion: Copied,
    // NM Multi-gated Acquisition (Table 8-28)
    BeatRejectionFlag: gatedRule,
    PVCRejection: gatedRule,
    SkipBeats: gatedRule,
    HeartRate: gatedRule,
    GatedInformationSequence: options.gated ? Generated('Content') : Removed,
    // NM Phase (Table 8-29): not a dynamic image
    PhaseInformationSequence: Removed,
    // NM Reconstruction (PS3.3 C.8.4.15)
    SpacingBetweenSlices: Generated('Content'),
    SliceThickness: Generated('Content'),
    ReconstructionDiameter: Generated('Content'),
    ConvolutionKernel: Generated('Content'),
    SliceLocation: Removed,
    SliceProgressionDirection: Removed,
    // General Anatomy (Table 8-30) is in NM Image above.
  };
}
