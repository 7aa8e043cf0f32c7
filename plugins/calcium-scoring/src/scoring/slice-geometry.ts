import type { SdkError } from '@atrium/sdk';
import { calciumError } from '../calcium-errors.js';
import type { ScoringSlice } from './types.js';

type Vec3 = readonly [number, number, number];

/** Geometry of a stack of parallel slices sharing one orientation. */
export interface SliceGeometry {
  /** Unit normal: row direction × column direction. */
  readonly normal: Vec3;
  /** position · normal of each slice, mm, in the order given. */
  readonly distances: readonly number[];
  /** Median |Δ distance| between consecutive slices, mm (> 0). */
  readonly increment: number;
  /** Fractional 0-based [row, column] of a patient point projected on a slice's plane. */
  toPixel(sliceIndex: number, point: Vec3): [number, number];
  /** Patient point (mm) of a fractional 0-based (row, column) of a slice. */
  toPatient(sliceIndex: number, row: number, column: number): [number, number, number];
  /** Index of the slice nearest to a point along the normal, or undefined when farther than half an increment. */
  nearestSlice(point: Vec3): number | undefined;
}

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function inputError(message: string, details: Record<string, unknown> = {}): SdkError {
  return calciumError('ATRIUM_ERR_CALCIUM_INPUT', message, details);
}

/**
 * Derives normal, distances and increment from Image Position/Orientation (Patient) of ≥ 2 slices (never from Slice
 * Thickness), and the mm ↔ pixel mapping. Throws ATRIUM_ERR_CALCIUM_INPUT when orientations differ or the increment is 0.
 */
export function sliceGeometry(slices: readonly ScoringSlice[]): SliceGeometry {
  const first = slices[0];
  if (first === undefined || slices.length < 2) {
    throw inputError(`calcium scoring needs at least 2 slices to derive the slice increment (got ${slices.length})`);
  }
  const o = first.orientation;
  const x: Vec3 = [o[0], o[1], o[2]];
  const y: Vec3 = [o[3], o[4], o[5]];
  const cross: Vec3 = [x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]];
  const len = Math.hypot(...cross);
  if (!(len > 0.5)) throw inputError(`slice 0 (${first.sopInstanceUID}) has a degenerate orientation [${o.join(', ')}]`);
  const normal: Vec3 = [cross[0] / len + 0, cross[1] / len + 0, cross[2] / len + 0]; // + 0 turns −0 into 0
  slices.forEach((s, i) => {
    if (s.orientation.some((v, k) => Math.abs(v - o[k]!) > 1e-4)) {
      throw inputError(`slice ${i} (${s.sopInstanceUID}) has orientation [${s.orientation.join(', ')}], slice 0 has [${o.join(', ')}]`, { sliceIndex: i });
    }
  });
  const distances = slices.map((s) => dot(s.position, normal));
  const steps = distances.slice(1).map((d, i) => Math.abs(d - distances[i]!)).sort((a, b) => a - b);
  const mid = steps.length >> 1;
  const increment = steps.length % 2 === 1 ? steps[mid]! : (steps[mid - 1]! + steps[mid]!) / 2;
  if (!(increment > 0)) throw inputError('slice positions along the normal do not change: the slice increment is 0');

  const at = (i: number): ScoringSlice => {
    const s = slices[i];
    if (s === undefined) throw inputError(`no slice ${i}`);
    return s;
  };
  return {
    normal,
    distances,
    increment,
    toPixel(i, p) {
      const s = at(i);
      const d: Vec3 = [p[0] - s.position[0], p[1] - s.position[1], p[2] - s.position[2]];
      return [dot(d, y) / s.pixelSpacing[0], dot(d, x) / s.pixelSpacing[1]];
    },
    toPatient(i, row, column) {
      const s = at(i);
      const a = column * s.pixelSpacing[1];
      const b = row * s.pixelSpacing[0];
      return [s.position[0] + a * x[0] + b * y[0], s.position[1] + a * x[1] + b * y[1], s.position[2] + a * x[2] + b * y[2]];
    },
    nearestSlice(p) {
      const d = dot(p, normal);
      let best: number | undefined;
      let bestGap = Infinity;
      distances.forEach((di, i) => {
        const gap = Math.abs(d - di);
        if (gap < bestGap) [best, bestGap] = [i, gap];
      });
      return bestGap <= increment / 2 + 1e-6 ? best : undefined;
    },
  };
}
