import type { LoadSpec } from '@atrium/sdk';

/**
 * How the NM apps use the attributes of their source image, in the Mandatory / Used / Ignored
 * vocabulary of the project's load specifications (the Canon GCA-9300R conformance statement lists
 * what it writes, not what it reads; its receiving side checks only Type 1 attributes, §4.1.3.3.1).
 * Patient and study attributes are Used (copied into the derived objects, printed on the pages);
 * what places the frames in space and time is Mandatory.
 */
const common: LoadSpec = {
  PatientName: { usage: 'Used', note: 'printed on the pages; Copied' },
  PatientID: { usage: 'Used', note: 'printed on the pages; Copied' },
  PatientBirthDate: { usage: 'Used', note: 'Copied' },
  PatientSex: { usage: 'Used', note: 'Copied' },
  StudyInstanceUID: { usage: 'Mandatory', note: 'derived series land in the source study' },
  StudyDate: { usage: 'Used', note: 'printed on the pages; Copied' },
  SeriesInstanceUID: { usage: 'Mandatory', note: 'Generated for the derived series' },
  Modality: { usage: 'Used', expect: 'NM', note: 'Copied' },
  ImageType: { usage: 'Mandatory', note: 'value 3 says what the frames are (TOMO, GATED TOMO, DYNAMIC, RECON TOMO …)' },
  NumberOfFrames: { usage: 'Mandatory', note: 'the frames to process' },
  Rows: { usage: 'Mandatory' },
  Columns: { usage: 'Mandatory' },
  PixelSpacing: { usage: 'Mandatory', note: 'pixel size in mm (geometry, ROIs in mm)' },
  BitsAllocated: { usage: 'Ignored', expect: 16, note: 'any depth loads' },
  FrameIncrementPointer: { usage: 'Used', note: 'the vectors it names are read' },
  EnergyWindowVector: { usage: 'Used', note: 'energy window of each frame (all 1 when absent with one window)' },
  NumberOfEnergyWindows: { usage: 'Used' },
  EnergyWindowInformationSequence: { usage: 'Used', note: 'energy ranges: photopeak or scatter window; the reconstructed window is written into the volume' },
  DetectorVector: { usage: 'Used' },
  NumberOfDetectors: { usage: 'Used' },
  RadiopharmaceuticalInformationSequence: { usage: 'Used', note: 'the radionuclide (photopeak energies); Copied' },
  FrameOfReferenceUID: { usage: 'Used', note: 'Copied; a CT for attenuation correction must share it' },
  CorrectedImage: { usage: 'Used', note: 'COR: centre-of-rotation offsets already applied; Copied with the corrections added' },
  Manufacturer: { usage: 'Ignored', note: 'the derived objects name the app' },
};

/** Load specification of the SPECT apps (`nm-recon`, `nm-gated`): projections and their geometry. */
export const tomoLoadSpec: LoadSpec = {
  ...common,
  RotationInformationSequence: { usage: 'Used', note: 'Start Angle, Angular Step, Rotation Direction, Scan Arc, Number of Frames in Rotation of each rotation (required for TOMO; a run without it is refused)' },
  DetectorInformationSequence: { usage: 'Used', note: 'Start Angle of each head, Center of Rotation Offset, collimator; Image Orientation / Position (Patient) of head 1 (required for TOMO)' },
  RotationVector: { usage: 'Used' },
  AngularViewVector: { usage: 'Used', note: 'view of each frame within its rotation' },
  RRIntervalVector: { usage: 'Used', note: 'GATED TOMO' },
  TimeSlotVector: { usage: 'Used', note: 'GATED TOMO: time slot of each frame' },
  NumberOfTimeSlots: { usage: 'Used' },
  GatedInformationSequence: { usage: 'Used', note: 'GATED TOMO: Copied into the gated reconstruction' },
  SliceVector: { usage: 'Used', note: 'RECON TOMO input: shown, not reconstructed again' },
};

/** Load specification of `nm-renogram`: a dynamic study and its timing. */
export const dynamicLoadSpec: LoadSpec = {
  ...common,
  PhaseVector: { usage: 'Used', note: 'phase of each frame' },
  NumberOfPhases: { usage: 'Used' },
  PhaseInformationSequence: { usage: 'Mandatory', note: 'Actual Frame Duration, Phase Delay, Pause Between Frames, Number of Frames in Phase: the time of each frame' },
  TimeSliceVector: { usage: 'Used', note: 'frame order within its phase' },
  InterventionDrugInformationSequence: { usage: 'Used', note: 'a diuretic: T½ after its injection time' },
};
