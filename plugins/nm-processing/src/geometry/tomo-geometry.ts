import type { DicomItem, SourceInstance } from '@atrium/sdk';
import { itemsOf, numberOf, numbersOf, textOf, textsOf } from './dicom-values.js';
import { nmFrameVectors, type NmFrameVectors } from './nm-frame-vectors.js';
import { nmRefusal } from './nm-refusal.js';

/** One projection frame: where it belongs and the detector angle it was acquired at. */
export interface TomoFrame {
  /** 0-based frame number in the image. */
  readonly frame: number;
  readonly energyWindow: number;
  readonly detector: number;
  readonly rotation: number;
  /** 1-based view within its rotation (Angular View Vector). */
  readonly view: number;
  /** R-R interval and time slot (1-based) of a GATED TOMO frame; 1 otherwise. */
  readonly rrInterval: number;
  readonly timeSlot: number;
  /**
   * Detector angle, degrees, as PS3.3 C.8.4.12 defines Start Angle: 0 with the detector at the
   * patient's back, increasing counter-clockwise viewed from the feet (towards the patient's left).
   */
  readonly angle: number;
}

/** The geometry of a TOMO / GATED TOMO acquisition, read from DICOM only. */
export interface TomoGeometry {
  readonly sopInstanceUID: string;
  /** `TOMO` or `GATED TOMO` (Image Type value 3). */
  readonly kind: 'TOMO' | 'GATED TOMO';
  readonly rows: number;
  readonly columns: number;
  /** Pixel Spacing: [between rows, between columns], mm. */
  readonly pixelSpacing: readonly [number, number];
  readonly frames: readonly TomoFrame[];
  readonly vectors: NmFrameVectors;
  /** Bin coordinate (0 = centre of column 0) of the rotation axis, per detector (index detector − 1). */
  readonly axisColumn: readonly number[];
  /** Whether Center of Rotation Offset values were applied (non-zero and Corrected Image without COR). */
  readonly corApplied: boolean;
  /** Row direction (increasing column) of detector 1's frames at its start angle, transverse (x, y) unit vector. */
  readonly rowDirection: readonly [number, number];
  /** Start angle of detector 1 (degrees), where {@link rowDirection} holds. */
  readonly referenceAngle: number;
  /** Patient z of projection row r: z0 + r × zStep. */
  readonly z0: number;
  readonly zStep: number;
  /** Patient (x, y) of the rotation axis. */
  readonly axis: readonly [number, number];
  /** The nominal angular step (degrees) of the first rotation. */
  readonly angularStep: number;
  /** What the reader assumed where DICOM was silent, for the run's warnings. */
  readonly notes: readonly string[];
}

const deg = Math.PI / 180;

/**
 * The acquisition geometry of an NM TOMO or GATED TOMO image, from DICOM only (PS3.3 C.8.4.8,
 * C.8.4.11, C.8.4.12): the Rotation Information Sequence (Start Angle, Angular Step, Rotation
 * Direction CW = decreasing angle / CC = increasing, Scan Arc, Number of Frames in Rotation), the
 * Detector Information Sequence (each detector's Start Angle relative to detector 1, Center of
 * Rotation Offset, detector 1's Image Orientation / Position (Patient)), the frame vectors (Energy
 * Window, Detector, Rotation, Angular View; R-R Interval, Time Slot for GATED TOMO) and Pixel
 * Spacing. Frame f of detector d in rotation r at view v lies at angle
 * Start Angle(r) + (Start Angle(d) − Start Angle(1)) ± (v − 1) × Angular Step.
 *
 * Conventions, where the standard leaves room: the rotation axis projects onto the centre of the
 * detector ((columns − 1) / 2) moved by Center of Rotation Offset (mm, positive to the right, i.e.
 * towards higher columns, C.8.4.11.1.5) unless Corrected Image already contains COR; the row
 * direction of detector 1's Image Orientation (Patient) gives the sense of the columns at its start
 * angle, and every detector's frames turn with the gantry (identical heads facing the axis), so
 * opposite views are mirror images; the projection plane passes through the rotation axis, which
 * places the axis in patient space from detector 1's Image Position (Patient).
 *
 * Refuses (ATRIUM_ERR_NM_REFUSED, naming the attribute) what cannot be reconstructed: no rotation
 * data, angular steps that do not add up to the scan arc, views that do not cover 180°, duplicate
 * views, non-parallel collimators, a tilted detector, an orientation that is not a view of the
 * detector at its start angle, missing pixel spacing.
 */
export function tomoGeometry(instance: SourceInstance, app: string): TomoGeometry {
  const uid = instance.sopInstanceUID;
  const refuse = (why: string, attribute?: string): never => {
    throw nmRefusal(app, `${why} (${uid})`, { sopInstanceUID: uid, ...(attribute ? { attribute } : {}) });
  };
  const imageType = textsOf(instance.attribute('ImageType'));
  const kind = imageType[2]?.toUpperCase();
  if (kind !== 'TOMO' && kind !== 'GATED TOMO') refuse(`Image Type value 3 is ${kind ?? '(absent)'}; projections for reconstruction are TOMO or GATED TOMO`, 'ImageType');
  const rows = instance.number('Rows') ?? 0;
  const columns = instance.number('Columns') ?? 0;
  if (!(rows > 0 && columns > 1)) refuse(`Rows × Columns is ${rows} × ${columns}`, 'Rows');
  const spacing = instance.numbers('PixelSpacing');
  if (spacing.length !== 2 || !spacing.every((s) => s > 0 && Number.isFinite(s))) refuse(`Pixel Spacing is ${JSON.stringify(spacing)}; two positive values are needed`, 'PixelSpacing');
  const vectors = nmFrameVectors(instance, app);
  const rotations = itemsOf(instance.attribute('RotationInformationSequence'));
  if (rotations.length === 0) refuse('the Rotation Information Sequence is missing or empty: the detector angles are unknown', 'RotationInformationSequence');
  const detectors = itemsOf(instance.attribute('DetectorInformationSequence'));
  if (detectors.length === 0) refuse('the Detector Information Sequence is missing or empty', 'DetectorInformationSequence');
  if (vectors.count.detector > detectors.length) refuse(`${vectors.count.detector} detectors but ${detectors.length} Detector Information item(s)`, 'DetectorInformationSequence');
  if (vectors.count.rotation > rotations.length) refuse(`${vectors.count.rotation} rotations but ${rotations.length} Rotation Information item(s)`, 'RotationInformationSequence');
  for (const dim of ['energyWindow', 'detector', 'rotation', 'angularView'] as const) {
    if (!vectors.of[dim]) refuse(`the ${dim === 'angularView' ? 'Angular View' : dim === 'energyWindow' ? 'Energy Window' : dim === 'detector' ? 'Detector' : 'Rotation'} Vector is missing`, 'FrameIncrementPointer');
  }
  if (kind === 'GATED TOMO' && (!vectors.of.timeSlot || !vectors.of.rrInterval)) refuse('a GATED TOMO image without Time Slot and R-R Interval Vectors', 'TimeSlotVector');

  const notes: string[] = [];
  const rot = rotations.map((item, i) => rotationOf(item, i + 1, refuse));
  const detStart = detectorStartAngles(detectors, vectors.count.detector, refuse, notes);
  detectors.forEach((d, i) => checkDetector(d, i + 1, refuse));
  const corrected = textsOf(instance.attribute('CorrectedImage')).map((v) => v.toUpperCase());
  const cors = detectors.map((d) => numberOf(d.CenterOfRotationOffset) ?? 0);
  const corApplied = !corrected.includes('COR') && cors.some((c) => c !== 0);
  const axisColumn = detectors.map((_, i) => (columns - 1) / 2 + (corApplied ? cors[i]! / spacing[1]! : 0));

  const frames: TomoFrame[] = [];
  const seen = new Set<string>();
  for (let f = 0; f < vectors.frames; f++) {
    const energyWindow = vectors.of.energyWindow![f]!;
    const detector = vectors.of.detector![f]!;
    const rotation = vectors.of.rotation![f]!;
    const view = vectors.of.angularView![f]!;
    const rrInterval = vectors.of.rrInterval?.[f] ?? 1;
    const timeSlot = vectors.of.timeSlot?.[f] ?? 1;
    const r = rot[rotation - 1]!;
    if (view > r.frames) refuse(`frame ${f + 1} is view ${view} of rotation ${rotation}, which has ${r.frames} frames (Number of Frames in Rotation)`, 'AngularViewVector');
    const key = `${energyWindow}/${detector}/${rotation}/${view}/${rrInterval}/${timeSlot}`;
    if (seen.has(key)) refuse(`frame ${f + 1} repeats energy window ${energyWindow}, detector ${detector}, rotation ${rotation}, view ${view}${kind === 'GATED TOMO' ? `, time slot ${timeSlot}` : ''}`, 'AngularViewVector');
    seen.add(key);
    const angle = r.start + (detStart[detector - 1]! - detStart[0]!) + r.sign * (view - 1) * r.step;
    frames.push({ frame: f, energyWindow, detector, rotation, view, rrInterval, timeSlot, angle });
  }
  checkCoverage(frames, rot[0]!.step, refuse);

  const orientation = detectorOrientation(detectors[0]!, rot[0]!.start, refuse);
  const position = numbersOf(detectors[0]!.ImagePositionPatient);
  let p0: readonly number[] = position;
  if (position.length !== 3 || !position.every(Number.isFinite)) {
    notes.push('detector 1 has no Image Position (Patient): the volume is placed with the rotation axis at x = y = 0 and the first projection row at z = 0');
    p0 = [-(orientation.row[0] * (columns - 1) * spacing[1]!) / 2, -(orientation.row[1] * (columns - 1) * spacing[1]!) / 2, 0];
  }
  const axis: [number, number] = [p0[0]! + orientation.row[0] * axisColumn[0]! * spacing[1]!, p0[1]! + orientation.row[1] * axisColumn[0]! * spacing[1]!];
  return {
    sopInstanceUID: uid,
    kind: kind as 'TOMO' | 'GATED TOMO',
    rows,
    columns,
    pixelSpacing: [spacing[0]!, spacing[1]!],
    frames,
    vectors,
    axisColumn,
    corApplied,
    rowDirection: orientation.row,
    referenceAngle: rot[0]!.start,
    z0: p0[2]!,
    zStep: orientation.columnZ * spacing[0]!,
    axis,
    angularStep: rot[0]!.step,
    notes,
  };
}

interface Rotation {
  readonly start: number;
  readonly step: number;
  /** +1 for CC (increasing angle), −1 for CW. */
  readonly sign: 1 | -1;
  readonly frames: number;
}

function rotationOf(item: DicomItem, n: number, refuse: (why: string, attribute?: string) => never): Rotation {
  const start = numberOf(item.StartAngle);
  const step = numberOf(item.AngularStep);
  const direction = textOf(item.RotationDirection)?.toUpperCase();
  const arc = numberOf(item.ScanArc);
  const frames = numberOf(item.NumberOfFramesInRotation);
  const missing = [start === undefined && 'Start Angle', step === undefined && 'Angular Step', direction === undefined && 'Rotation Direction', arc === undefined && 'Scan Arc', frames === undefined && 'Number of Frames in Rotation'].filter(Boolean);
  if (missing.length > 0) refuse(`Rotation Information item ${n} has no ${missing.join(', ')}: the detector angles are unknown`, 'RotationInformationSequence');
  if (direction !== 'CW' && direction !== 'CC') refuse(`Rotation Direction of rotation ${n} is ${direction}; CW or CC`, 'RotationDirection');
  if (!(step! > 0)) refuse(`Angular Step of rotation ${n} is ${step}; it must be positive`, 'AngularStep');
  if (!(Number.isInteger(frames) && frames! >= 1)) refuse(`Number of Frames in Rotation of rotation ${n} is ${frames}`, 'NumberOfFramesInRotation');
  // The standard defines Scan Arc as the effective range; vendors write frames × step or (frames − 1) × step.
  const fits = [frames! * step!, (frames! - 1) * step!].some((a) => Math.abs(a - arc!) <= step! / 2);
  if (!fits) refuse(`rotation ${n}: ${frames} frames × Angular Step ${step}° do not make the Scan Arc ${arc}° (non-uniform angular steps cannot be reconstructed)`, 'ScanArc');
  return { start: start!, step: step!, sign: direction === 'CC' ? 1 : -1, frames: frames! };
}

/** Start angle of each detector; detector 1's is the reference. Refuses several detectors without start angles. */
function detectorStartAngles(detectors: readonly DicomItem[], count: number, refuse: (why: string, attribute?: string) => never, notes: string[]): number[] {
  const starts = detectors.map((d) => numberOf(d.StartAngle));
  if (count <= 1) return [starts[0] ?? 0];
  const missing = starts.slice(0, count).findIndex((s) => s === undefined);
  if (missing >= 0) refuse(`detector ${missing + 1} of ${count} has no Start Angle in the Detector Information Sequence: the heads' positions relative to each other are unknown`, 'StartAngle');
  notes.push(`detector start angles ${starts.slice(0, count).join('°, ')}°`);
  return starts.slice(0, count) as number[];
}

function checkDetector(d: DicomItem, n: number, refuse: (why: string, attribute?: string) => never): void {
  const collimator = textOf(d.CollimatorType)?.toUpperCase();
  if (collimator !== undefined && collimator !== 'PARA') refuse(`detector ${n} has Collimator Type ${collimator}; only parallel-hole (PARA) projections are reconstructed`, 'CollimatorType');
  const focal = numberOf(d.FocalDistance);
  if (focal !== undefined && focal !== 0) refuse(`detector ${n} has Focal Distance ${focal} mm (a converging or diverging collimator)`, 'FocalDistance');
  const tilt = numberOf(d.GantryDetectorTilt);
  if (tilt !== undefined && Math.abs(tilt) > 0.01) refuse(`detector ${n} is tilted by ${tilt}° (Gantry/Detector Tilt)`, 'GantryDetectorTilt');
}

/** Detector 1's frame orientation at its start angle: a transverse row direction and columns along ±z. */
function detectorOrientation(d: DicomItem, startAngle: number, refuse: (why: string, attribute?: string) => never): { row: [number, number]; columnZ: 1 | -1 } {
  const o = numbersOf(d.ImageOrientationPatient);
  if (o.length !== 6 || !o.every(Number.isFinite)) refuse('detector 1 has no Image Orientation (Patient): the sense of the projection columns (patient left / right) is unknown', 'ImageOrientationPatient');
  const [rx, ry, rz, , , cz] = o as [number, number, number, number, number, number];
  const dir = [Math.sin(startAngle * deg), Math.cos(startAngle * deg)];
  const norm = Math.hypot(rx, ry);
  if (Math.abs(rz) > 0.1 || norm < 0.9 || Math.abs(cz) < 0.9 || Math.abs((rx * dir[0]! + ry * dir[1]!) / norm) > 0.1) {
    refuse(`detector 1's Image Orientation (Patient) ${o.join('\\')} is not the view of a detector at Start Angle ${startAngle}° turning about the patient's long axis (rows must run across the detector face, columns along z)`, 'ImageOrientationPatient');
  }
  return { row: [rx / norm, ry / norm], columnZ: cz > 0 ? 1 : -1 };
}

/** Refuse views that do not cover 180° (modulo 180°, no gap wider than two angular steps). */
function checkCoverage(frames: readonly TomoFrame[], step: number, refuse: (why: string, attribute?: string) => never): void {
  const groups = new Map<string, { label: string; angles: number[] }>();
  for (const f of frames) {
    const key = `${f.energyWindow}/${f.rrInterval}/${f.timeSlot}`;
    const g = groups.get(key) ?? { label: `energy window ${f.energyWindow}${f.timeSlot > 1 || f.rrInterval > 1 ? `, R-R interval ${f.rrInterval}, time slot ${f.timeSlot}` : ''}`, angles: [] };
    g.angles.push(((f.angle % 180) + 180) % 180);
    groups.set(key, g);
  }
  for (const { label, angles } of groups.values()) {
    const sorted = [...angles].sort((a, b) => a - b);
    let gap = sorted[0]! + 180 - sorted[sorted.length - 1]!;
    for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, sorted[i]! - sorted[i - 1]!);
    if (gap > 2 * step + 1e-6) refuse(`the views of ${label} leave a gap of ${gap.toFixed(1)}° in the half circle; parallel-beam reconstruction needs 180° of views`, 'ScanArc');
  }
}

/** The detector's direction (from the axis towards the detector) at `angle` degrees, patient (x, y). */
export function detectorDirection(angle: number): [number, number] {
  return [Math.sin(angle * deg), Math.cos(angle * deg)];
}

/**
 * The row direction (increasing column) of a frame at `angle`: detector 1's at its start angle,
 * turned with the gantry by angle − reference.
 */
export function frameRowDirection(g: Pick<TomoGeometry, 'rowDirection' | 'referenceAngle'>, angle: number): [number, number] {
  const a = (angle - g.referenceAngle) * deg;
  const [ux, uy] = g.rowDirection;
  return [ux * Math.cos(a) + uy * Math.sin(a), -ux * Math.sin(a) + uy * Math.cos(a)];
}
