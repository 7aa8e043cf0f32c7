import { SopClass, Tag, type DicomItem, type DicomValue } from '@atrium/sdk';
import { lineIntegral, type AnalyticPhantom } from './analytic-phantom.js';
import type { NmObject } from './nm-object.js';
import { nmStudyAttributes, type NmStudyIds } from './nm-study-ids.js';
import { poisson, seededRandom } from './seeded-random.js';

/** An NM TOMO (or GATED TOMO) acquisition of an analytic phantom, with its DICOM attributes. */
export interface TomoAcquisitionOptions {
  readonly ids: NmStudyIds;
  /** The phantom in mm around the rotation axis (z = 0 at the middle row); per time slot for GATED TOMO. */
  readonly phantom: AnalyticPhantom | readonly AnalyticPhantom[];
  /** Columns (bins) and rows of each frame. */
  readonly columns: number;
  readonly rows: number;
  /** Pixel size, mm (square). */
  readonly pixel: number;
  /** Start angle of each detector (degrees, PS3.3 C.8.4.12: 0 at the patient's back, CC towards the left). */
  readonly detectors: readonly number[];
  readonly viewsPerDetector: number;
  /** Angular step, degrees. */
  readonly step: number;
  readonly direction: 'CW' | 'CC';
  /** Patient (x, y) of the rotation axis, mm; default (0, 0). */
  readonly axis?: readonly [number, number];
  /** Patient z of the middle row, mm; default 0. */
  readonly zCenter?: number;
  /** −1 (default): rows run from head to feet; 1: from feet to head. */
  readonly columnZ?: 1 | -1;
  /** Sense of detector 1's columns at its start angle: +1 (default) along (cos θ, −sin θ), −1 opposite. */
  readonly rowSense?: 1 | -1;
  /** Mean counts per view (photopeak); the line integrals are scaled to it. */
  readonly countsPerView: number;
  /** Seed of Poisson noise; none when undefined. */
  readonly noiseSeed?: number;
  /** Add a lower scatter window (window 2, 108–129 keV) holding a quarter of the photopeak counts. */
  readonly scatterWindow?: boolean;
  /** Centre of rotation offset, mm: the data are shifted by it and Center of Rotation Offset says so. */
  readonly corOffset?: number;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly seriesNumber?: number;
  readonly seriesDescription?: string;
  /** R-R interval (ms) of a GATED TOMO acquisition; default 800. */
  readonly rrInterval?: number;
}

const deg = Math.PI / 180;

/**
 * Projections of the phantom as an NM TOMO image (or GATED TOMO when several phantoms are given,
 * one per time slot), geometry written from the definitions of PS3.3 C.8.4.11 / C.8.4.12
 * independently of the app's reader: the detector at angle θ lies in direction (sin θ, cos θ) from the
 * axis (0° posterior, 90° the patient's left); its columns run along ±(cos θ, −sin θ), the sense fixed
 * by detector 1's Image Orientation (Patient) at its start angle; each bin averages 2 × 2 exact line
 * integrals. Frames are ordered window, detector, view, time slot.
 */
export function tomoAcquisition(o: TomoAcquisitionOptions): NmObject {
  const phantoms = Array.isArray(o.phantom) ? (o.phantom as readonly AnalyticPhantom[]) : [o.phantom as AnalyticPhantom];
  const gated = phantoms.length > 1;
  const axis = o.axis ?? [0, 0];
  const zCenter = o.zCenter ?? 0;
  const columnZ = o.columnZ ?? -1;
  const sense = o.rowSense ?? 1;
  const cor = o.corOffset ?? 0;
  const axisColumn = (o.columns - 1) / 2 + cor / o.pixel;
  const sign = o.direction === 'CC' ? 1 : -1;
  const windows = o.scatterWindow ? 2 : 1;
  const slots = phantoms.length;

  const integrals: Float64Array[] = [];
  const index: { window: number; detector: number; view: number; slot: number }[] = [];
  for (let w = 1; w <= windows; w++) {
    for (const [d, detStart] of o.detectors.entries()) {
      for (let v = 1; v <= o.viewsPerDetector; v++) {
        for (let s = 1; s <= slots; s++) {
          const theta = detStart + sign * (v - 1) * o.step;
          integrals.push(frameIntegrals(phantoms[s - 1]!, theta, o, axisColumn, columnZ, sense));
          index.push({ window: w, detector: d + 1, view: v, slot: s });
        }
      }
    }
  }
  const photopeakFrames = integrals.filter((_, i) => index[i]!.window === 1);
  const total = photopeakFrames.reduce((sum, f) => sum + f.reduce((a, b) => a + b, 0), 0);
  const scale = (o.countsPerView * o.detectors.length * o.viewsPerDetector) / total;
  const random = o.noiseSeed === undefined ? undefined : seededRandom(o.noiseSeed);
  const frames = integrals.map((f, i) => {
    const factor = index[i]!.window === 2 ? 0.25 * scale : scale;
    return Uint16Array.from(f, (x) => {
      const n = random ? poisson(x * factor, random) : Math.round(x * factor);
      if (n > 65535) throw new RangeError(`the acquisition would store ${n} counts in a bin (16 bits hold 65535): lower countsPerView`);
      return n;
    });
  });

  const firstRowZ = zCenter - columnZ * ((o.rows - 1) / 2) * o.pixel;
  const t0 = o.detectors[0]! * deg;
  const row = [sense * Math.cos(t0), -sense * Math.sin(t0), 0];
  const imagePosition = [axis[0] - row[0]! * axisColumn * o.pixel, axis[1] - row[1]! * axisColumn * o.pixel, firstRowZ];
  const detectorItems: DicomItem[] = o.detectors.map((start) => ({
    CollimatorGridName: 'LEHR',
    CollimatorType: 'PARA',
    FieldOfViewShape: 'RECTANGLE',
    FieldOfViewDimensions: [Math.round(o.columns * o.pixel), Math.round(o.rows * o.pixel)],
    FocalDistance: 0,
    CenterOfRotationOffset: cor,
    StartAngle: start,
    RadialPosition: 250,
    ImageOrientationPatient: [...row.map(round6), 0, 0, columnZ],
    ImagePositionPatient: imagePosition.map(round6),
  }));
  const vectors: Record<string, DicomValue> = {
    EnergyWindowVector: index.map((i) => i.window),
    DetectorVector: index.map((i) => i.detector),
    RotationVector: index.map(() => 1),
    AngularViewVector: index.map((i) => i.view),
    ...(gated ? { RRIntervalVector: index.map(() => 1), TimeSlotVector: index.map((i) => i.slot) } : {}),
  };
  const windowItem = (name: string, lower: number, upper: number): DicomItem => ({ EnergyWindowName: name, EnergyWindowRangeSequence: [{ EnergyWindowLowerLimit: lower, EnergyWindowUpperLimit: upper }] });
  const attributes: Record<string, DicomValue> = {
    ...nmStudyAttributes(o.ids),
    SOPClassUID: SopClass.NuclearMedicineImageStorage,
    SOPInstanceUID: o.sopInstanceUID,
    SeriesInstanceUID: o.seriesInstanceUID,
    SeriesNumber: o.seriesNumber ?? 1,
    SeriesDescription: o.seriesDescription ?? (gated ? 'Gated SPECT projections (phantom)' : 'SPECT projections (phantom)'),
    InstanceNumber: 1,
    ImageType: ['ORIGINAL', 'PRIMARY', gated ? 'GATED TOMO' : 'TOMO', 'EMISSION'],
    CountsAccumulated: frames.reduce((sum, f) => sum + f.reduce((a, b) => a + b, 0), 0),
    CorrectedImage: ['UNIF'],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: o.rows,
    Columns: o.columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    PixelSpacing: [o.pixel, o.pixel],
    NumberOfFrames: frames.length,
    FrameIncrementPointer: gated
      ? [Tag.EnergyWindowVector, Tag.DetectorVector, Tag.RotationVector, Tag.RRIntervalVector, Tag.TimeSlotVector, Tag.AngularViewVector]
      : [Tag.EnergyWindowVector, Tag.DetectorVector, Tag.RotationVector, Tag.AngularViewVector],
    ...vectors,
    NumberOfEnergyWindows: windows,
    EnergyWindowInformationSequence: [windowItem('TC99M', 126.45, 154.55), ...(o.scatterWindow ? [windowItem('SCATTER', 108.0, 129.0)] : [])],
    NumberOfDetectors: o.detectors.length,
    DetectorInformationSequence: detectorItems,
    NumberOfRotations: 1,
    RotationInformationSequence: [{
      StartAngle: o.detectors[0]!,
      AngularStep: o.step,
      RotationDirection: o.direction,
      ScanArc: o.step * o.viewsPerDetector,
      ActualFrameDuration: 20000,
      NumberOfFramesInRotation: o.viewsPerDetector,
      TableTraverse: 0,
      TableHeight: 150,
    }],
    TypeOfDetectorMotion: 'STEP AND SHOOT',
    ...(gated ? gatedAttributes(slots, o.rrInterval ?? 800) : {}),
  };
  return { attributes, frames };
}

/** The exact projection of one frame: [row][column], 2 × 2 sub-rays per bin; every head's columns have the same sense relative to the head. */
function frameIntegrals(phantom: AnalyticPhantom, theta: number, o: TomoAcquisitionOptions, axisColumn: number, columnZ: number, sense: number): Float64Array {
  const t = theta * deg;
  const dir = [Math.sin(t), Math.cos(t), 0] as const;
  const u = [sense * Math.cos(t), -sense * Math.sin(t)];
  const out = new Float64Array(o.rows * o.columns);
  const offsets = [-0.25, 0.25];
  for (let r = 0; r < o.rows; r++) {
    for (let c = 0; c < o.columns; c++) {
      let sum = 0;
      for (const oc of offsets) for (const or of offsets) {
        const s = (c + oc - axisColumn) * o.pixel;
        const z = columnZ * (r + or - (o.rows - 1) / 2) * o.pixel;
        sum += lineIntegral(phantom, [s * u[0]!, s * u[1]!, z], dir);
      }
      out[r * o.columns + c] = sum / 4;
    }
  }
  return out;
}

function gatedAttributes(slots: number, rr: number): Record<string, DicomValue> {
  return {
    NumberOfRRIntervals: 1,
    NumberOfTimeSlots: slots,
    BeatRejectionFlag: 'Y',
    SkipBeats: 0,
    HeartRate: Math.round(60000 / rr),
    GatedInformationSequence: [{
      TriggerTime: 0,
      CardiacFramingType: 'FORW',
      DataInformationSequence: [{
        FrameTime: rr / slots,
        NominalInterval: rr,
        LowRRValue: Math.round(rr * 0.9),
        HighRRValue: Math.round(rr * 1.1),
        IntervalsAcquired: 600,
        IntervalsRejected: 5,
        TimeSlotInformationSequence: Array.from({ length: slots }, (_, i) => ({ TimeSlotTime: (i * rr) / slots })),
      }],
    }],
  };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6 + 0;
}
