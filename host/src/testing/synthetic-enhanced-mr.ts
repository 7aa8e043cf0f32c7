import { closeSync, openSync, writeSync } from 'node:fs';
import { SopClass, Tag, TransferSyntax } from '@atrium/sdk';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { numberElement, stringElement } from '../io/element-factory.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';
import { writeDataset } from '../io/write-dataset.js';
import { buildFileMeta, DICM } from '../io/write-part10.js';
import { syntheticUid } from './synthetic-uid.js';

/** Options of {@link writeSyntheticEnhancedMr}. */
export interface SyntheticEnhancedMrOptions {
  /** Number of Frames (0028,0008), ≥ 1. */
  readonly frames: number;
  /** Rows and Columns; default 16. */
  readonly rows?: number;
  readonly columns?: number;
  /** Seed of the UIDs; default 1. */
  readonly seed?: number;
}

/** What {@link writeSyntheticEnhancedMr} wrote. */
export interface SyntheticEnhancedMr {
  readonly sopInstanceUID: string;
  readonly seriesInstanceUID: string;
  /** File size in bytes. */
  readonly size: number;
}

/** The stored value of pixel (`row`, `column`) of frame `frame` (12 bits): every frame differs from its neighbours. */
export function syntheticMrPixel(frame: number, row: number, column: number): number {
  return (frame * 7 + row * 3 + column) % 4096;
}

/**
 * Writes an Enhanced MR Image (PS3.3 A.36.2) of `frames` frames to `path`, Explicit VR
 * Little Endian, 16-bit native pixels of {@link syntheticMrPixel}: Shared Functional
 * Groups (Pixel Measures, Plane Orientation, MR Timing) and, per frame, the groups a
 * scanner writes for each frame — Frame Content, Plane Position, Plane Orientation, Pixel
 * Value Transformation, Frame VOI LUT, MR Echo, MR Image Frame Type, MR Diffusion, MR
 * Averages (35 elements in 10 items). The header is built in memory; the pixels are
 * written frame by frame, so a file of any size can be made.
 */
export function writeSyntheticEnhancedMr(path: string, options: SyntheticEnhancedMrOptions): SyntheticEnhancedMr {
  const { frames } = options;
  const rows = options.rows ?? 16;
  const columns = options.columns ?? 16;
  const seed = options.seed ?? 1;
  const sopInstanceUID = syntheticUid(seed, 'mr-instance');
  const seriesInstanceUID = syntheticUid(seed, 'mr-series');
  const header = new DataSet([...mrHeader(frames, rows, columns, sopInstanceUID, seriesInstanceUID, seed)].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0)), EXPLICIT_LE);
  const pixelBytes = frames * rows * columns * 2;
  const pixelHeader = Buffer.alloc(12);
  pixelHeader.writeUInt16LE(0x7fe0, 0);
  pixelHeader.writeUInt16LE(0x0010, 2);
  pixelHeader.write('OW', 4, 'latin1');
  pixelHeader.writeUInt32LE(pixelBytes, 8);
  const fd = openSync(path, 'w');
  let size = 0;
  const write = (b: Uint8Array): void => {
    for (let at = 0; at < b.length; ) at += writeSync(fd, b, at, b.length - at);
    size += b.length;
  };
  try {
    write(Buffer.concat([new Uint8Array(128), DICM, writeDataset(buildFileMeta(header, TransferSyntax.ExplicitVRLittleEndian)), writeDataset(header, EXPLICIT_LE), pixelHeader]));
    // Every row is a run of the cycle 0…4095 (see syntheticMrPixel): copied from one table, little endian.
    const cycle = new Uint8Array(2 * (4096 + columns));
    for (let i = 0; i < 4096 + columns; i++) new DataView(cycle.buffer).setUint16(2 * i, i % 4096, true);
    const perChunk = Math.max(1, Math.floor((4 * 1024 * 1024) / (rows * columns * 2)));
    for (let f = 0; f < frames; f += perChunk) {
      const n = Math.min(perChunk, frames - f);
      const chunk = new Uint8Array(n * rows * columns * 2);
      for (let k = 0; k < n; k++) {
        for (let r = 0; r < rows; r++) {
          const start = syntheticMrPixel(f + k, r, 0);
          chunk.set(cycle.subarray(2 * start, 2 * (start + columns)), 2 * ((k * rows + r) * columns));
        }
      }
      write(chunk);
    }
  } finally {
    closeSync(fd);
  }
  return { sopInstanceUID, seriesInstanceUID, size };
}

function* mrHeader(frames: number, rows: number, columns: number, sop: string, series: string, seed: number): Generator<DataElement> {
  const t = (tag: number, vr: string, v: string | readonly string[]): DataElement => stringElement(tag, vr, v);
  const n = (tag: number, vr: string, v: readonly number[]): DataElement => numberElement(tag, vr, v, EXPLICIT_LE);
  const sq = (tag: number, ...items: DataElement[][]): DataElement => ({
    tag, vr: 'SQ', value: new Uint8Array(0), undefinedLength: false,
    items: items.map((elements) => ({ dataset: new DataSet(elements.sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0)), EXPLICIT_LE), undefinedLength: false })),
  });
  yield* [
    t(Tag.ImageType, 'CS', ['ORIGINAL', 'PRIMARY', 'VOLUME', 'NONE']), t(Tag.SOPClassUID, 'UI', SopClass.EnhancedMRImageStorage), t(Tag.SOPInstanceUID, 'UI', sop),
    t(Tag.StudyDate, 'DA', '20240102'), t(Tag.ContentDate, 'DA', '20240102'), t(Tag.StudyTime, 'TM', '093000'), t(Tag.ContentTime, 'TM', '093000'),
    t(Tag.AcquisitionDateTime, 'DT', '20240102093000'), t(Tag.AccessionNumber, 'SH', ''), t(Tag.Modality, 'CS', 'MR'), t(Tag.Manufacturer, 'LO', 'Atrium'),
    t(Tag.ReferringPhysicianName, 'PN', ''), t(Tag.ManufacturerModelName, 'LO', 'writeSyntheticEnhancedMr'), t(Tag.SeriesDescription, 'LO', `Synthetic ${frames} frames`),
    t(Tag.PatientName, 'PN', 'Synthetic^Enhanced MR'), t(Tag.PatientID, 'LO', `SYNTH-MR-${seed}`), t(Tag.PatientBirthDate, 'DA', '19700101'), t(Tag.PatientSex, 'CS', 'O'),
    t(Tag.StudyInstanceUID, 'UI', syntheticUid(seed, 'mr-study')), t(Tag.SeriesInstanceUID, 'UI', series), t(Tag.StudyID, 'SH', '1'), t(Tag.SeriesNumber, 'IS', '1'),
    t(Tag.InstanceNumber, 'IS', '1'), t(Tag.FrameOfReferenceUID, 'UI', syntheticUid(seed, 'mr-frame-of-reference')), t(Tag.PositionReferenceIndicator, 'LO', ''),
    t(Tag.ContentQualification, 'CS', 'RESEARCH'), t(Tag.ResonantNucleus, 'CS', '1H'), t(Tag.MagneticFieldStrength, 'DS', '3'), t(Tag.KSpaceFiltering, 'CS', 'NONE'),
    t(Tag.ApplicableSafetyStandardAgency, 'CS', 'IEC'), t(Tag.ImageComments, 'LT', 'not for clinical use'),
    t(Tag.DeviceSerialNumber, 'LO', '1'), t(Tag.SoftwareVersions, 'LO', '1'), t(Tag.PatientPosition, 'CS', 'HFS'), sq(Tag.AcquisitionContextSequence),
    t(Tag.PixelPresentation, 'CS', 'MONOCHROME'), t(Tag.VolumetricProperties, 'CS', 'VOLUME'), t(Tag.VolumeBasedCalculationTechnique, 'CS', 'NONE'),
    t(Tag.ComplexImageComponent, 'CS', 'MAGNITUDE'), t(Tag.AcquisitionContrast, 'CS', 'T1'), n(Tag.AcquisitionDuration, 'FD', [60]),
    t(Tag.PulseSequenceName, 'SH', 'SYNTH'), t(Tag.MRAcquisitionType, 'CS', '3D'), t(Tag.EchoPulseSequence, 'CS', 'GRADIENT'), 
    t(Tag.MultiPlanarExcitation, 'CS', 'NO'), t(Tag.PhaseContrast, 'CS', 'NO'), t(Tag.TimeOfFlightContrast, 'CS', 'NO'), t(Tag.SteadyStatePulseSequence, 'CS', 'NONE'),
    t(Tag.EchoPlanarPulseSequence, 'CS', 'NO'), t(Tag.SaturationRecovery, 'CS', 'NO'), t(Tag.SpectrallySelectedSuppression, 'CS', 'NONE'), t(Tag.OversamplingPhase, 'CS', 'NONE'),
    t(Tag.GeometryOfKSpaceTraversal, 'CS', 'RECTILINEAR'), t(Tag.SegmentedKSpaceTraversal, 'CS', 'SINGLE'), t(Tag.CoverageOfKSpace, 'CS', 'FULL'), t(Tag.RectilinearPhaseEncodeReordering, 'CS', 'LINEAR'), n(Tag.NumberOfKSpaceTrajectories, 'US', [1]),
    sq(Tag.DimensionOrganizationSequence, [t(Tag.DimensionOrganizationUID, 'UI', syntheticUid(seed, 'mr-dimensions'))]),
    sq(Tag.DimensionIndexSequence,
      [t(Tag.DimensionOrganizationUID, 'UI', syntheticUid(seed, 'mr-dimensions')), n(Tag.DimensionIndexPointer, 'AT', [Tag.StackID]), n(Tag.FunctionalGroupPointer, 'AT', [Tag.FrameContentSequence])],
      [t(Tag.DimensionOrganizationUID, 'UI', syntheticUid(seed, 'mr-dimensions')), n(Tag.DimensionIndexPointer, 'AT', [Tag.InStackPositionNumber]), n(Tag.FunctionalGroupPointer, 'AT', [Tag.FrameContentSequence])]),
    n(Tag.SamplesPerPixel, 'US', [1]), t(Tag.PhotometricInterpretation, 'CS', 'MONOCHROME2'), t(Tag.NumberOfFrames, 'IS', String(frames)),
    n(Tag.Rows, 'US', [rows]), n(Tag.Columns, 'US', [columns]), n(Tag.BitsAllocated, 'US', [16]), n(Tag.BitsStored, 'US', [12]), n(Tag.HighBit, 'US', [11]),
    n(Tag.PixelRepresentation, 'US', [0]), t(Tag.BurnedInAnnotation, 'CS', 'NO'), t(Tag.LossyImageCompression, 'CS', '00'), t(Tag.PresentationLUTShape, 'CS', 'IDENTITY'),
    t(Tag.DimensionOrganizationType, 'CS', '3D'),
    sq(Tag.SharedFunctionalGroupsSequence, [
      sq(Tag.PixelMeasuresSequence, [t(Tag.PixelSpacing, 'DS', ['1', '1']), t(Tag.SliceThickness, 'DS', '1')]),
      sq(Tag.MRTimingAndRelatedParametersSequence, [
        t(Tag.RepetitionTime, 'DS', '5'), t(Tag.FlipAngle, 'DS', '15'), t(Tag.EchoTrainLength, 'IS', '1'), n(Tag.RFEchoTrainLength, 'US', [0]), n(Tag.GradientEchoTrainLength, 'US', [1]),
        sq(Tag.OperatingModeSequence, [t(Tag.OperatingModeType, 'CS', 'STATIC FIELD'), t(Tag.OperatingMode, 'CS', 'IEC_NORMAL')]),
        sq(Tag.SpecificAbsorptionRateSequence, [t(Tag.SpecificAbsorptionRateDefinition, 'CS', 'IEC_WHOLE_BODY'), n(Tag.SpecificAbsorptionRateValue, 'FD', [0.1])]),
      ]),
      sq(Tag.FrameAnatomySequence, [
        t(Tag.FrameLaterality, 'CS', 'U'),
        sq(Tag.AnatomicRegionSequence, [t(Tag.CodeValue, 'SH', '12738006'), t(Tag.CodingSchemeDesignator, 'SH', 'SCT'), t(Tag.CodeMeaning, 'LO', 'Brain')]),
      ]),
      sq(Tag.MRModifierSequence, [t(Tag.InversionRecovery, 'CS', 'NO'), t(Tag.FlowCompensation, 'CS', 'NONE'), t(Tag.Spoiling, 'CS', 'RF'), t(Tag.T2Preparation, 'CS', 'NO'),
        t(Tag.SpectrallySelectedExcitation, 'CS', 'NONE'), t(Tag.SpatialPresaturation, 'CS', 'NONE'), t(Tag.PartialFourier, 'CS', 'NO'), t(Tag.ParallelAcquisition, 'CS', 'NO')]),
      sq(Tag.MRImagingModifierSequence, [t(Tag.MagnetizationTransfer, 'CS', 'NONE'), t(Tag.BloodSignalNulling, 'CS', 'NO'), t(Tag.Tagging, 'CS', 'NONE'),
        n(Tag.TransmitterFrequency, 'FD', [127.7]), t(Tag.PixelBandwidth, 'DS', '200')]),
      sq(Tag.MRReceiveCoilSequence, [t(Tag.ReceiveCoilName, 'SH', 'HEAD'), t(Tag.ReceiveCoilManufacturerName, 'LO', ''), t(Tag.ReceiveCoilType, 'CS', 'MULTICOIL'), t(Tag.QuadratureReceiveCoil, 'CS', 'NO'),
        sq(Tag.MultiCoilDefinitionSequence, [t(Tag.MultiCoilElementName, 'SH', 'H1'), t(Tag.MultiCoilElementUsed, 'CS', 'YES')])]),
      sq(Tag.MRFOVGeometrySequence, [t(Tag.InPlanePhaseEncodingDirection, 'CS', 'ROW'), n(Tag.MRAcquisitionFrequencyEncodingSteps, 'US', [columns]),
        n(Tag.MRAcquisitionPhaseEncodingStepsInPlane, 'US', [rows]), n(Tag.MRAcquisitionPhaseEncodingStepsOutOfPlane, 'US', [frames % 65536]),
        t(Tag.PercentSampling, 'DS', '100'), t(Tag.PercentPhaseFieldOfView, 'DS', '100')]),
      sq(Tag.MRTransmitCoilSequence, [t(Tag.TransmitCoilName, 'SH', 'BODY'), t(Tag.TransmitCoilManufacturerName, 'LO', ''), t(Tag.TransmitCoilType, 'CS', 'BODY')]),
    ]),
  ];
  const perFrame: DataElement[][] = [];
  for (let f = 0; f < frames; f++) {
    perFrame.push([
      sq(Tag.FrameContentSequence, [
        n(Tag.FrameAcquisitionNumber, 'US', [f % 65536]), t(Tag.FrameReferenceDateTime, 'DT', '20240102093000'), t(Tag.FrameAcquisitionDateTime, 'DT', '20240102093000'),
        n(Tag.FrameAcquisitionDuration, 'FD', [10]), t(Tag.StackID, 'SH', '1'), n(Tag.InStackPositionNumber, 'UL', [f + 1]), n(Tag.TemporalPositionIndex, 'UL', [1]),
        n(Tag.DimensionIndexValues, 'UL', [1, f + 1]),
      ]),
      sq(Tag.PlanePositionSequence, [t(Tag.ImagePositionPatient, 'DS', ['0', '0', String(f)])]),
      sq(Tag.PlaneOrientationSequence, [t(Tag.ImageOrientationPatient, 'DS', ['1', '0', '0', '0', '1', '0'])]),
      sq(Tag.PixelValueTransformationSequence, [t(Tag.RescaleIntercept, 'DS', '0'), t(Tag.RescaleSlope, 'DS', '1'), t(Tag.RescaleType, 'LO', 'US')]),
      sq(Tag.FrameVOILUTSequence, [t(Tag.WindowCenter, 'DS', '2048'), t(Tag.WindowWidth, 'DS', '4096'), t(Tag.WindowCenterWidthExplanation, 'LO', 'FULL')]),
      sq(Tag.MREchoSequence, [n(Tag.EffectiveEchoTime, 'FD', [2.5])]),
      sq(Tag.MRImageFrameTypeSequence, [
        t(Tag.FrameType, 'CS', ['ORIGINAL', 'PRIMARY', 'VOLUME', 'NONE']), t(Tag.PixelPresentation, 'CS', 'MONOCHROME'), t(Tag.VolumetricProperties, 'CS', 'VOLUME'),
        t(Tag.VolumeBasedCalculationTechnique, 'CS', 'NONE'), t(Tag.ComplexImageComponent, 'CS', 'MAGNITUDE'), t(Tag.AcquisitionContrast, 'CS', 'T1'),
      ]),
      sq(Tag.MRDiffusionSequence, [n(Tag.DiffusionBValue, 'FD', [0]), t(Tag.DiffusionDirectionality, 'CS', 'NONE')]),
      sq(Tag.MRAveragesSequence, [t(Tag.NumberOfAverages, 'DS', '1')]),
    ]);
  }
  yield sq(Tag.PerFrameFunctionalGroupsSequence, ...perFrame);
}
