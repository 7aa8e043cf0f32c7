/** Image Plane attributes of one slice (PS3.3 C.7.6.2), in patient coordinates (mm). */
export interface SlicePlane {
  /** Image Position (Patient) (0020,0032): centre of the first transmitted pixel. */
  readonly imagePositionPatient: readonly number[];
  /** Image Orientation (Patient) (0020,0037): row then column direction cosines. */
  readonly imageOrientationPatient: readonly number[];
  /** Pixel Spacing (0028,0030): row spacing (between rows), column spacing (between columns). */
  readonly pixelSpacing: readonly number[];
}

/**
 * One problem of a stack, structured: its kind, the slices concerned (0-based, in the order
 * given) and the message of {@link SeriesGeometry.problems}.
 * - `orientation`: Image Orientation (Patient) differs from the first slice;
 * - `pixel-spacing`: Pixel Spacing differs from the first slice;
 * - `duplicate-position`: two consecutive slices at the same place along the normal;
 * - `uneven-spacing`: a step more than 1 % from the median (a gap: a missing slice);
 * - `tilt`: consecutive positions move across the image plane (gantry tilt or shear).
 */
export interface GeometryIssue {
  readonly kind: 'orientation' | 'pixel-spacing' | 'duplicate-position' | 'uneven-spacing' | 'tilt';
  readonly slices: readonly number[];
  readonly message: string;
}

/** Geometry of a stack of slices, in the order given. */
export interface SeriesGeometry {
  /** Row and column direction cosines of the first slice. */
  readonly orientation: readonly [number, number, number, number, number, number];
  /** Slice normal: row × column. */
  readonly normal: readonly [number, number, number];
  /** Pixel Spacing of the first slice: [row spacing, column spacing] (mm). */
  readonly pixelSpacing: readonly [number, number];
  /** Image Position (Patient) of each slice. */
  readonly positions: readonly (readonly [number, number, number])[];
  /** Distance of each slice along the normal (mm), the projection of its position. */
  readonly distances: readonly number[];
  /**
   * Slice increment (mm): the median absolute step between consecutive slices along the
   * normal — taken from Image Position (Patient), never from Slice Thickness. Undefined for one slice.
   */
  readonly sliceIncrement: number | undefined;
  /** Problems that make the stack unsuitable for 3-D measurement ([] when none). */
  readonly problems: readonly string[];
  /** The same problems with their kind and slices, in the same order. */
  readonly issues: readonly GeometryIssue[];
}

const TOLERANCE = 1e-3;

/**
 * Compute the geometry of a stack of slices (pure). Problems reported: inconsistent
 * orientation or pixel spacing between slices, positions not along the normal (a tilted
 * or sheared stack), duplicate positions, uneven spacing (more than 1 % from the median).
 */
export function seriesGeometry(slices: readonly SlicePlane[]): SeriesGeometry {
  const first = slices[0];
  if (!first) throw new RangeError('seriesGeometry needs at least one slice');
  const o = first.imageOrientationPatient;
  if (o.length !== 6 || first.imagePositionPatient.length !== 3 || first.pixelSpacing.length !== 2) {
    throw new RangeError('Image Orientation (Patient) needs 6 values, Image Position (Patient) 3, Pixel Spacing 2');
  }
  const orientation = [o[0]!, o[1]!, o[2]!, o[3]!, o[4]!, o[5]!] as const;
  const normal = cross([o[0]!, o[1]!, o[2]!], [o[3]!, o[4]!, o[5]!]);
  const issues: GeometryIssue[] = [];
  const issue = (kind: GeometryIssue['kind'], at: readonly number[], message: string): void => void issues.push({ kind, slices: at, message });
  slices.forEach((s, i) => {
    if (s.imageOrientationPatient.some((v, k) => Math.abs(v - o[k]!) > TOLERANCE)) issue('orientation', [i], `slice ${i + 1}: Image Orientation (Patient) differs from slice 1`);
    if (s.pixelSpacing.some((v, k) => Math.abs(v - first.pixelSpacing[k]!) > TOLERANCE)) issue('pixel-spacing', [i], `slice ${i + 1}: Pixel Spacing differs from slice 1`);
  });
  const positions = slices.map((s) => [s.imagePositionPatient[0]!, s.imagePositionPatient[1]!, s.imagePositionPatient[2]!] as const);
  const distances = positions.map((p) => dot(p, normal));
  const steps = distances.slice(1).map((d, i) => Math.abs(d - distances[i]!));
  const sliceIncrement = steps.length === 0 ? undefined : median(steps);
  steps.forEach((s, i) => {
    if (s < TOLERANCE) issue('duplicate-position', [i, i + 1], `slices ${i + 1} and ${i + 2}: same position along the normal`);
    else if (sliceIncrement !== undefined && Math.abs(s - sliceIncrement) > 0.01 * sliceIncrement) issue('uneven-spacing', [i, i + 1], `slices ${i + 1} and ${i + 2}: spacing ${round(s)} mm differs from ${round(sliceIncrement)} mm`);
  });
  positions.slice(1).forEach((p, i) => {
    const d = sub(p, positions[i]!);
    const along = dot(d, normal);
    const across = Math.hypot(d[0] - along * normal[0], d[1] - along * normal[1], d[2] - along * normal[2]);
    if (across > 0.01 * Math.max(1, Math.abs(along))) issue('tilt', [i, i + 1], `slices ${i + 1} and ${i + 2}: positions move ${round(across)} mm across the image plane (tilted or sheared stack)`);
  });
  const problems = issues.map((p) => p.message);
  return { orientation, normal, pixelSpacing: [first.pixelSpacing[0]!, first.pixelSpacing[1]!], positions, distances, sliceIncrement, problems, issues };
}

type Vec = readonly [number, number, number];
function cross(a: Vec, b: Vec): [number, number, number] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function dot(a: Vec, b: Vec): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
function sub(a: Vec, b: Vec): [number, number, number] {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
