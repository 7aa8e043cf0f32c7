import { SopClass, Tag, type DicomValue } from '@atrium/sdk';
import { gammaVariate, type GammaVariate } from '../renogram/gamma-variate.js';
import type { NmObject } from './nm-object.js';
import { nmStudyAttributes, type NmStudyIds } from './nm-study-ids.js';
import { poisson, seededRandom } from './seeded-random.js';

/** A kidney of the synthetic renogram: an ellipse (pixels) and its whole-kidney count rate (counts/s). */
export interface SyntheticKidney {
  readonly center: readonly [number, number];
  readonly radii: readonly [number, number];
  readonly curve: GammaVariate;
}

/** The synthetic renogram and what an analysis must find. */
export interface SyntheticRenogram {
  readonly object: NmObject;
  readonly left: SyntheticKidney;
  readonly right: SyntheticKidney;
  /** Frame mid-times, s. */
  readonly times: readonly number[];
  /** The left kidney's share (%) of the integral over the split interval. */
  readonly expectedSplitLeft: number;
  /** The frames (0-based, in time order) holding each kidney's highest count rate. */
  readonly expectedTmaxFrame: { readonly left: number; readonly right: number };
  readonly diureticAt: number;
}

export interface DynamicAcquisitionOptions {
  readonly ids: NmStudyIds;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  /** Left kidney's share of the integral over 60–120 s, %; default 40. */
  readonly splitLeft?: number;
  readonly noiseSeed?: number;
  /** Count-rate scale (default 1): 1 gives a right-kidney peak of about 1500 counts/s (about 200 counts per pixel in a 20 s frame). */
  readonly scale?: number;
}

const COLUMNS = 64;
const PIXEL = 6.8;
/** Phases: 30 frames of 2 s (flow), then 60 frames of 20 s (uptake, excretion; 21 min in all). */
const PHASES = [
  { frames: 30, duration: 2, description: 'FLOW' },
  { frames: 60, duration: 20, description: 'RENOGRAM' },
] as const;

/**
 * A posterior DYNAMIC renogram (64 × 64 frames of 6.8 mm, 90 frames over 21 min, a diuretic at 10 min):
 * two kidneys — uniform ellipses whose whole-kidney count rates are gamma variates, the left one
 * slower — over a uniform body background whose rate falls as the blood clears. The left kidney's
 * amplitude is set so that the integrals of the two curves over 1–2 min are in the ratio
 * `splitLeft` : 100 − `splitLeft`. The detector's rows run towards the patient's left (Image
 * Orientation (Patient) 1\0\0\0\0\−1), so the left kidney is at the higher columns.
 */
export function dynamicRenogram(o: DynamicAcquisitionOptions): SyntheticRenogram {
  const scale = o.scale ?? 1;
  const split = o.splitLeft ?? 40;
  const rightCurve: GammaVariate = { k: 0.3 * scale, t0: 10, alpha: 2.2, beta: 60 };
  const leftShape: GammaVariate = { k: 1, t0: 12, alpha: 2.5, beta: 75 };
  const integral = (g: GammaVariate) => {
    let s = 0;
    for (let t = 60; t < 120; t += 0.01) s += gammaVariate(g, t + 0.005) * 0.01;
    return s;
  };
  const leftCurve: GammaVariate = { ...leftShape, k: ((split / (100 - split)) * integral(rightCurve)) / integral(leftShape) };
  const left: SyntheticKidney = { center: [42, 34], radii: [5, 8], curve: leftCurve };
  const right: SyntheticKidney = { center: [21, 33], radii: [5, 8], curve: rightCurve };
  const background = (t: number) => scale * (0.6 + 4 * Math.exp(-t / 90)); // counts/s per pixel in the body
  const times: { start: number; duration: number }[] = [];
  let start = 0;
  for (const p of PHASES) for (let j = 0; j < p.frames; j++) {
    times.push({ start, duration: p.duration });
    start += p.duration;
  }
  const random = o.noiseSeed === undefined ? undefined : seededRandom(o.noiseSeed);
  const weights = [left, right].map((k) => ellipseWeights(k));
  const frames = times.map(({ start: s, duration }) => {
    const mean = (g: GammaVariate) => {
      let sum = 0;
      for (let i = 0; i < 20; i++) sum += gammaVariate(g, s + ((i + 0.5) * duration) / 20);
      return (sum / 20) * duration;
    };
    const counts = [mean(leftCurve), mean(rightCurve)];
    let bg = 0;
    for (let i = 0; i < 20; i++) bg += background(s + ((i + 0.5) * duration) / 20);
    bg = (bg / 20) * duration;
    return Uint16Array.from({ length: COLUMNS * COLUMNS }, (_, p) => {
      const r = Math.floor(p / COLUMNS);
      const c = p % COLUMNS;
      const body = ((c - 31.5) / 26) ** 2 + ((r - 33) / 30) ** 2 <= 1 ? bg : 0;
      const value = body + counts[0]! * weights[0]![p]! + counts[1]! * weights[1]![p]!;
      return sample(random ? poisson(value, random) : Math.round(value));
    });
  });
  const mids = times.map((t) => t.start + t.duration / 2);
  const peakFrame = (g: GammaVariate) => times.reduce((best, t, i) => (rate(g, t) > rate(g, times[best]!) ? i : best), 0);
  return {
    object: { attributes: renogramAttributes(o, frames.length), frames },
    left,
    right,
    times: mids,
    expectedSplitLeft: split,
    expectedTmaxFrame: { left: peakFrame(leftCurve), right: peakFrame(rightCurve) },
    diureticAt: 600,
  };
}

/** A count as a 16-bit sample; a phantom that would overflow is a mistake in the phantom, not data to clip. */
function sample(n: number): number {
  if (n > 65535) throw new RangeError(`the synthetic renogram would store ${n} counts in a pixel (16 bits hold 65535): lower its scale`);
  return n;
}

/** Mean count rate of a curve over a frame. */
function rate(g: GammaVariate, t: { start: number; duration: number }): number {
  let sum = 0;
  for (let i = 0; i < 20; i++) sum += gammaVariate(g, t.start + ((i + 0.5) * t.duration) / 20);
  return sum / 20;
}

/** Each pixel's share of a uniform ellipse (4 × 4 samples per pixel), summing to 1. */
function ellipseWeights(k: SyntheticKidney): Float64Array {
  const w = new Float64Array(COLUMNS * COLUMNS);
  let total = 0;
  for (let r = 0; r < COLUMNS; r++) for (let c = 0; c < COLUMNS; c++) {
    let inside = 0;
    for (const a of [-0.375, -0.125, 0.125, 0.375]) for (const b of [-0.375, -0.125, 0.125, 0.375]) {
      if (((c + a - k.center[0]) / k.radii[0]) ** 2 + ((r + b - k.center[1]) / k.radii[1]) ** 2 <= 1) inside++;
    }
    w[r * COLUMNS + c] = inside;
    total += inside;
  }
  return w.map((x) => x / total);
}

function renogramAttributes(o: DynamicAcquisitionOptions, frames: number): Record<string, DicomValue> {
  const phaseVector: number[] = [];
  const sliceVector: number[] = [];
  PHASES.forEach((p, i) => {
    for (let j = 0; j < p.frames; j++) {
      phaseVector.push(i + 1);
      sliceVector.push(j + 1);
    }
  });
  return {
    ...nmStudyAttributes(o.ids),
    SOPClassUID: SopClass.NuclearMedicineImageStorage,
    SOPInstanceUID: o.sopInstanceUID,
    SeriesInstanceUID: o.seriesInstanceUID,
    SeriesNumber: 4,
    SeriesDescription: 'Renogram posterior (phantom)',
    InstanceNumber: 1,
    ImageType: ['ORIGINAL', 'PRIMARY', 'DYNAMIC', 'EMISSION'],
    CorrectedImage: ['UNIF'],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: COLUMNS,
    Columns: COLUMNS,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 0,
    PixelSpacing: [PIXEL, PIXEL],
    NumberOfFrames: frames,
    FrameIncrementPointer: [Tag.EnergyWindowVector, Tag.DetectorVector, Tag.PhaseVector, Tag.TimeSliceVector],
    EnergyWindowVector: phaseVector.map(() => 1),
    NumberOfEnergyWindows: 1,
    EnergyWindowInformationSequence: [{ EnergyWindowName: 'TC99M', EnergyWindowRangeSequence: [{ EnergyWindowLowerLimit: 126.45, EnergyWindowUpperLimit: 154.55 }] }],
    DetectorVector: phaseVector.map(() => 1),
    NumberOfDetectors: 1,
    DetectorInformationSequence: [{
      CollimatorGridName: 'LEHR',
      CollimatorType: 'PARA',
      FocalDistance: 0,
      ImageOrientationPatient: [1, 0, 0, 0, 0, -1],
      ImagePositionPatient: [-31.5 * PIXEL, 200, 31.5 * PIXEL],
      ViewCodeSequence: [{ CodeValue: 'R-10214', CodingSchemeDesignator: 'SRT', CodeMeaning: 'posterior' }],
    }],
    PhaseVector: phaseVector,
    NumberOfPhases: PHASES.length,
    TimeSliceVector: sliceVector,
    PhaseInformationSequence: PHASES.map((p) => ({
      ActualFrameDuration: p.duration * 1000,
      NumberOfFramesInPhase: p.frames,
      PhaseDelay: 0,
      PauseBetweenFrames: 0,
      PhaseDescription: p.description,
    })),
    InterventionDrugInformationSequence: [{ InterventionDrugName: 'Furosemide', InterventionDrugStartTime: '094000', InterventionDrugDose: 40 }],
  };
}
