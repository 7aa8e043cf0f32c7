import { SdkError, type Vec3 } from '@atrium/sdk';
import { cross, dot, normalize, scale, sub } from '../geometry/vec3.js';

/** The axes of a reformatted plane: Image Orientation (Patient) row and column directions and the normal row × column. */
export interface PlaneAxes {
  readonly row: Vec3;
  readonly column: Vec3;
  /** row × column: the direction in which successive planes advance. */
  readonly normal: Vec3;
}

/** The standard planes, as a workstation shows them (head up, patient's right on the viewer's left). */
export const STANDARD_AXES: Readonly<Record<'axial' | 'coronal' | 'sagittal', PlaneAxes>> = {
  // Image Orientation (Patient) 1\0\0\0\1\0: planes advance towards the head.
  axial: { row: [1, 0, 0], column: [0, 1, 0], normal: [0, 0, 1] },
  // 1\0\0\0\0\-1: seen from the front; planes advance from anterior to posterior.
  coronal: { row: [1, 0, 0], column: [0, 0, -1], normal: [0, 1, 0] },
  // 0\1\0\0\0\-1: seen from the patient's left; planes advance from left to right.
  sagittal: { row: [0, 1, 0], column: [0, 0, -1], normal: [-1, 0, 0] },
};

/**
 * The axes of an oblique plane of the given normal: the row direction is the patient's x axis
 * (right → left) projected into the plane (y when the normal is along x), the column direction
 * completes it and points towards the feet or, for planes containing no head–foot component,
 * posterior — so an oblique plane close to a standard one is displayed like it. The returned
 * normal is row × column (the given normal or its opposite).
 */
export function obliqueAxes(normal: Vec3, parameter: string): PlaneAxes {
  const n = normalize(normal);
  if (!n) throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "${parameter}": the plane's normal is a zero vector (three points on one line?)`, { parameter });
  const project = (v: Vec3): Vec3 | undefined => {
    const p = normalize(sub(v, scale(n, dot(v, n))));
    return p && Math.abs(dot(v, n)) < 0.999 ? p : undefined;
  };
  const row = project([1, 0, 0]) ?? project([0, 1, 0])!;
  let column = normalize(cross(n, row))!;
  if (column[2] > 1e-6 || (Math.abs(column[2]) <= 1e-6 && column[1] < 0)) column = scale(column, -1);
  return { row, column, normal: normalize(cross(row, column))! };
}

/** The axes of the plane through three points (normal (p2 − p1) × (p3 − p1)). */
export function threePointAxes(points: readonly [Vec3, Vec3, Vec3], parameter: string): PlaneAxes {
  return obliqueAxes(cross(sub(points[1], points[0]), sub(points[2], points[0])), parameter);
}
