import type { Vec3, VolumeGeometry } from './volume.js';

/** A 4×4 affine matrix, row-major: `m[4·r + c]`; the last row is 0 0 0 1. */
export type Affine = readonly number[];

/** The index ↔ patient transforms of a grid (see {@link volumeTransform}). */
export interface VolumeTransform {
  /** Voxel index (i, j, k) → patient (LPS mm): columns are direction·spacing, the last column the origin. */
  readonly affine: Affine;
  /** Patient (LPS mm) → continuous voxel index: the inverse of {@link affine}. */
  readonly inverse: Affine;
  /** Centre of voxel (i, j, k) in patient coordinates; fractional indices give points between centres. */
  indexToPatient(index: Vec3): [number, number, number];
  /** Continuous voxel index of a patient point (round to get the nearest voxel). */
  patientToIndex(point: Vec3): [number, number, number];
}

/**
 * The affine of a grid and its inverse (PS3.3 C.7.6.2.1.1, Equation C.7.6.2.1-1 extended to the
 * slice axis): `P = origin + i·Δi·Di + j·Δj·Dj + k·Δk·Dk`. The inverse is a general 3×3
 * inverse, so it holds for non-orthogonal axes too. Throws RangeError for a singular grid
 * (a zero spacing or parallel directions).
 */
export function volumeTransform(g: VolumeGeometry): VolumeTransform {
  const [di, dj, dk] = g.direction;
  const [si, sj, sk] = g.spacing;
  const o = g.origin;
  const affine = [
    di[0] * si, dj[0] * sj, dk[0] * sk, o[0],
    di[1] * si, dj[1] * sj, dk[1] * sk, o[1],
    di[2] * si, dj[2] * sj, dk[2] * sk, o[2],
    0, 0, 0, 1,
  ];
  const inverse = invertAffine(affine);
  return {
    affine,
    inverse,
    indexToPatient: (p) => apply(affine, p),
    patientToIndex: (p) => apply(inverse, p),
  };
}

/** The product `a · b` of two affines (apply `b`, then `a`). */
export function composeAffines(a: Affine, b: Affine): number[] {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) for (let k = 0; k < 4; k++) out[4 * r + c]! += a[4 * r + k]! * b[4 * k + c]!;
  return out;
}

/** `m · [p, 1]` for an affine `m`. */
function apply(m: Affine, p: Vec3): [number, number, number] {
  return [
    m[0]! * p[0] + m[1]! * p[1] + m[2]! * p[2] + m[3]!,
    m[4]! * p[0] + m[5]! * p[1] + m[6]! * p[2] + m[7]!,
    m[8]! * p[0] + m[9]! * p[1] + m[10]! * p[2] + m[11]!,
  ];
}

/** Inverse of an affine: inverse of the 3×3 part (adjugate / determinant), then the translation. */
function invertAffine(m: Affine): number[] {
  const [a, b, c, , d, e, f, , g, h, i] = m as number[];
  const A = e! * i! - f! * h!;
  const B = -(d! * i! - f! * g!);
  const C = d! * h! - e! * g!;
  const det = a! * A + b! * B + c! * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) throw new RangeError('the grid is singular: a spacing is zero or two directions are parallel');
  const r = [
    A / det, -(b! * i! - c! * h!) / det, (b! * f! - c! * e!) / det,
    B / det, (a! * i! - c! * g!) / det, -(a! * f! - c! * d!) / det,
    C / det, -(a! * h! - b! * g!) / det, (a! * e! - b! * d!) / det,
  ];
  const t = [m[3]!, m[7]!, m[11]!];
  const tx = -(r[0]! * t[0]! + r[1]! * t[1]! + r[2]! * t[2]!);
  const ty = -(r[3]! * t[0]! + r[4]! * t[1]! + r[5]! * t[2]!);
  const tz = -(r[6]! * t[0]! + r[7]! * t[1]! + r[8]! * t[2]!);
  return [r[0]!, r[1]!, r[2]!, tx, r[3]!, r[4]!, r[5]!, ty, r[6]!, r[7]!, r[8]!, tz, 0, 0, 0, 1];
}
