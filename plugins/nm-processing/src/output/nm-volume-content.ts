import { Tag, type DerivedPixels, type DicomItem, type DicomValue, type SourceInstance } from '@atrium/sdk';
import { itemsOf } from '../geometry/dicom-values.js';
import type { PlacedVolume } from '../recon/volume-layout.js';

/** What one NM RECON TOMO / RECON GATED TOMO object holds and says. */
export interface NmVolumeSpec {
  readonly kind: 'RECON TOMO' | 'RECON GATED TOMO';
  /** One volume, or one per time slot (RECON GATED TOMO), all on the same grid. */
  readonly volumes: readonly PlacedVolume[];
  /** Multiplies reconstructed values into counts per voxel (the number of views). */
  readonly countScale: number;
  readonly source: SourceInstance;
  /** The source's energy window (1-based) this volume was reconstructed from. */
  readonly energyWindow: number;
  /** Corrected Image (0028,0051) values: the source's and the ones applied here. */
  readonly correctedImage: readonly string[];
  readonly seriesDescription: string;
  /** NM Reconstruction module, Convolution Kernel (SH values of ≤ 16 characters). */
  readonly convolutionKernel: readonly string[];
  readonly derivationDescription: string;
  readonly imageComments: string;
  /** Counts Accumulated (0018,0070): the counts of the projections used. */
  readonly countsAccumulated: number;
}

/** The derived object's pixels and content, and the scale of its stored values. */
export interface NmVolumeObject {
  readonly pixels: DerivedPixels;
  readonly content: Readonly<Record<string, DicomValue>>;
  /** Counts per voxel = stored value × slope (Real World Value Mapping). */
  readonly slope: number;
}

/** Largest stored value: the full 16 bits. */
export const STORED_MAX = 65535;

/**
 * An NM Image object of a reconstructed volume (PS3.3 A.5, C.8.4): frames are the slices (slice 1
 * first; for RECON GATED TOMO time slot by time slot), Frame Increment Pointer → Slice Vector (and R-R
 * Interval, Time Slot Vectors when gated), one energy window and one detector (PS3.3 C.8.4.8.1),
 * Detector Information with the volume's Image Orientation / Position (Patient), Pixel Spacing,
 * Spacing Between Slices and Slice Thickness.
 *
 * The NM IOD has no Rescale Slope: counts per voxel (values × countScale, negatives clipped to 0)
 * are scaled so that the largest is 65535 and rounded to unsigned 16 bits; the scale is carried in a
 * Real World Value Mapping Sequence item (0 … 65535 → counts, slope = counts per stored unit, UCUM
 * `{counts}`), as PS3.3 C.7.6.16.2.11 defines it.
 */
export function nmVolumeObject(spec: NmVolumeSpec): NmVolumeObject {
  const first = spec.volumes[0]!;
  const { columns, rows, slices } = first;
  const slots = spec.volumes.length;
  let max = 0;
  for (const v of spec.volumes) for (const x of v.data) if (x * spec.countScale > max) max = x * spec.countScale;
  const slope = max > 0 ? max / STORED_MAX : 1;
  const data = new Uint16Array(columns * rows * slices * slots);
  spec.volumes.forEach((v, t) => {
    for (let k = 0; k < slices; k++) {
      const frame = (t * slices + k) * rows * columns;
      for (let j = 0; j < rows; j++) for (let i = 0; i < columns; i++) {
        const counts = v.data[(j * columns + i) * slices + k]! * spec.countScale;
        data[frame + j * columns + i] = counts > 0 ? Math.min(STORED_MAX, Math.round(counts / slope)) : 0;
      }
    }
  });
  const gated = spec.kind === 'RECON GATED TOMO';
  const sliceVector = Array.from({ length: slices * slots }, (_, f) => (f % slices) + 1);
  const content: Record<string, DicomValue> = {
    ImageType: ['DERIVED', 'PRIMARY', spec.kind, 'EMISSION'],
    SeriesDescription: spec.seriesDescription.slice(0, 64),
    ImageComments: spec.imageComments,
    DerivationDescription: spec.derivationDescription,
    PatientOrientation: '',
    LossyImageCompression: '00',
    CorrectedImage: [...spec.correctedImage],
    CountsAccumulated: Math.round(spec.countsAccumulated),
    ...laterality(spec.source),
    ...(gated ? { GatedInformationSequence: gatedInformation(spec.source) } : {}),
    PixelSpacing: [first.spacing[1], first.spacing[0]],
    SliceThickness: first.spacing[2],
    SpacingBetweenSlices: first.spacing[2],
    ReconstructionDiameter: columns * first.spacing[0],
    ConvolutionKernel: spec.convolutionKernel.map((k) => k.slice(0, 16)),
    FrameIncrementPointer: gated ? [Tag.RRIntervalVector, Tag.TimeSlotVector, Tag.SliceVector] : [Tag.SliceVector],
    NumberOfEnergyWindows: 1,
    NumberOfDetectors: 1,
    NumberOfRotations: 1,
    SliceVector: sliceVector,
    NumberOfSlices: slices,
    ...(gated ? { RRIntervalVector: sliceVector.map(() => 1), NumberOfRRIntervals: 1, TimeSlotVector: sliceVector.map((_, f) => Math.floor(f / slices) + 1), NumberOfTimeSlots: slots } : {}),
    EnergyWindowInformationSequence: [energyWindowItem(spec.source, spec.energyWindow)],
    DetectorInformationSequence: [detectorItem(spec.source, first)],
    WindowCenter: Math.round(STORED_MAX / 2),
    WindowWidth: STORED_MAX,
    RealWorldValueMappingSequence: [{
      RealWorldValueFirstValueMapped: 0,
      RealWorldValueLastValueMapped: STORED_MAX,
      RealWorldValueIntercept: 0,
      RealWorldValueSlope: slope,
      LUTExplanation: 'Counts per voxel (all views of the acquisition)',
      LUTLabel: 'COUNTS',
      MeasurementUnitsCodeSequence: [{ CodeValue: '{counts}', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'Counts' }],
    }],
  };
  return { pixels: { rows, columns, samplesPerPixel: 1, bitsAllocated: 16, data, frames: slices * slots }, content, slope };
}

/** Body parts that come in pairs (PS3.3 C.7.3.1: Laterality is Type 2C for them). */
const PAIRED = /^(BREAST|KIDNEY|LUNG|EYE|EAR|OVARY|TESTIS|ADRENAL|CLAVICLE|SHOULDER|ARM|ELBOW|FOREARM|WRIST|HAND|FINGER|HIP|THIGH|KNEE|LEG|ANKLE|FOOT|TOE|EXTREMITY|UPRLIMB|LOWRLIMB|UPPER EXTREMITY|LOWER EXTREMITY)$/;

/**
 * Laterality (General Series, Type 2C: required for a paired body part): the source's; else empty when
 * Body Part Examined is absent or a paired structure (the side is unknown), and absent otherwise.
 */
function laterality(source: SourceInstance): Record<string, DicomValue> {
  const given = source.string('Laterality');
  if (given !== undefined) return { Laterality: given };
  const part = source.string('BodyPartExamined')?.toUpperCase();
  return part === undefined || PAIRED.test(part) ? { Laterality: '' } : {};
}

/**
 * The source's Gated Information Sequence for a RECON GATED TOMO volume, without the Time Slot
 * Information Sequence of its Data Information items: PS3.3 C.8.4.13 requires that one when Frame
 * Increment Pointer holds Time Slot Vector, which the volume's does, but dicom3tools' dciodvfy
 * evaluates the condition inside the nested item, finds no Frame Increment Pointer there and reports
 * the sequence as an error; its Time Slot Times stay in the projections the volume references.
 */
function gatedInformation(source: SourceInstance): DicomItem[] {
  return itemsOf(source.attribute('GatedInformationSequence')).map((item) => ({
    ...item,
    ...(item.DataInformationSequence !== undefined
      ? { DataInformationSequence: itemsOf(item.DataInformationSequence).map(({ TimeSlotInformationSequence: _, ...rest }) => rest) }
      : {}),
  }));
}

/** The source's Energy Window Information item of `window` (Type 2 sequence: an empty item when the source has none). */
function energyWindowItem(source: SourceInstance, window: number): DicomItem {
  return itemsOf(source.attribute('EnergyWindowInformationSequence'))[window - 1] ?? {};
}

/** Detector Information for a volume: the source's collimator, the volume's orientation and first voxel. */
function detectorItem(source: SourceInstance, v: PlacedVolume): DicomItem {
  const d = itemsOf(source.attribute('DetectorInformationSequence'))[0] ?? {};
  const keep = (k: string): Record<string, DicomValue> => (d[k] !== undefined ? { [k]: d[k]! } : {});
  return {
    ...keep('CollimatorGridName'),
    CollimatorType: d.CollimatorType ?? '',
    FocalDistance: d.FocalDistance ?? '',
    ...keep('ZoomFactor'),
    ImageOrientationPatient: [...v.direction[0], ...v.direction[1]].map(clean),
    ImagePositionPatient: v.origin.map(clean),
  };
}

/** A coordinate rounded to 0.1 µm (so that it prints in a Decimal String), −0 as 0. */
function clean(x: number): number {
  return Math.round(x * 1e4) / 1e4 + 0;
}
