import { seriesGeometry, type GeometryIssue, type SlicePlane } from '../geometry/series-geometry.js';
import type { Vec3 } from './volume.js';
import { volumeError } from './volume-error.js';

/** How a stack with uneven spacing is handled: refused (default), or resampled onto a regular grid. */
export type UnevenSpacing = 'refuse' | 'resample';

/** Output slice k is `lower` + `weight` · (`upper` − `lower`), indices into the sorted slices. */
export interface SliceSample {
  readonly lower: number;
  readonly upper: number;
  readonly weight: number;
}

/** Where the slices of a stack go in a volume (see {@link planStack}). */
export interface StackPlan {
  /** Indices of the input slices, sorted along the normal. */
  readonly order: readonly number[];
  readonly origin: Vec3;
  readonly direction: readonly [Vec3, Vec3, Vec3];
  readonly spacing: Vec3;
  /** One entry per output slice. */
  readonly samples: readonly SliceSample[];
  /** True when some output slices are interpolated between input slices. */
  readonly interpolated: boolean;
}

/** Options of {@link planStack}. */
export interface StackOptions {
  readonly unevenSpacing?: UnevenSpacing;
  /** Resample along the normal to this spacing (mm). */
  readonly sliceSpacing?: number;
  /** Slice spacing of a one-slice stack (mm). */
  readonly singleSliceSpacing: number;
  /** Names input slice `i` in messages, e.g. "slice 3 (instance 12) 1.2.3". */
  readonly label: (i: number) => string;
}

/** Largest distance of a slice from its place on the regular grid, as a fraction of the increment. */
const GRID_TOLERANCE = 0.05;

/**
 * Sort slices along the normal of the first one and lay them on a regular grid (pure). The
 * checks of {@link seriesGeometry} apply to the sorted stack: mixed orientations or pixel
 * spacings, duplicate positions and tilted or sheared stacks are refused; uneven spacing (a gap)
 * is refused unless `unevenSpacing: 'resample'`, and so is a stack whose slices drift more than
 * 5 % of the increment from a regular grid. Resampling (also with `sliceSpacing`) interpolates
 * linearly along the normal between the two nearest slices, from the first slice to the last.
 * Throws SdkError ATRIUM_ERR_VOLUME_INPUT / ATRIUM_ERR_VOLUME_GEOMETRY naming the slices.
 */
export function planStack(planes: readonly SlicePlane[], options: StackOptions): StackPlan {
  planes.forEach((p, i) => {
    if (p.imagePositionPatient.length !== 3 || p.imageOrientationPatient.length !== 6 || p.pixelSpacing.length !== 2 || [...p.imagePositionPatient, ...p.imageOrientationPatient, ...p.pixelSpacing].some((v) => !Number.isFinite(v))) {
      throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `${options.label(i)} has no usable Image Position (Patient), Image Orientation (Patient) or Pixel Spacing (3, 6 and 2 numbers)`, { slice: i });
    }
  });
  const first = planes[0];
  if (!first) throw volumeError('ATRIUM_ERR_VOLUME_INPUT', 'a volume needs at least one slice');
  const [row, column] = axes(first.imageOrientationPatient, options.label(0));
  const normal = unit(cross(row, column));
  const [rowSpacing, columnSpacing] = first.pixelSpacing as [number, number];
  if (!(rowSpacing > 0 && columnSpacing > 0)) throw volumeError('ATRIUM_ERR_VOLUME_GEOMETRY', `${options.label(0)} has Pixel Spacing ${rowSpacing}\\${columnSpacing}; both values must be positive`, { slice: 0 });

  const distance = (p: SlicePlane): number => dot(p.imagePositionPatient as unknown as Vec3, normal);
  const order = planes.map((p, i) => ({ i, d: distance(p) })).sort((a, b) => a.d - b.d || a.i - b.i).map((o) => o.i);
  const sorted = order.map((i) => planes[i]!);
  const d = sorted.map(distance);
  const sortedLabel = (k: number): string => options.label(order[k]!);
  const describe = (issue: GeometryIssue): string => `${issue.message.replace(/^slices? [\d and]+: /, '')} (${issue.slices.map(sortedLabel).join(', ')})`;
  const all = seriesGeometry(sorted).issues;
  const issues = all.filter((issue) => issue.kind !== 'uneven-spacing');
  if (issues.length > 0) throw geometryError(issues.map(describe), issues.map((i) => i.kind));

  const n = sorted.length;
  const origin = sorted[0]!.imagePositionPatient as unknown as Vec3;
  const direction = [row, column, normal] as const;
  const inPlane = [columnSpacing, rowSpacing] as const;
  const step = n > 1 ? (d[n - 1]! - d[0]!) / (n - 1) : options.singleSliceSpacing;
  const drift = d.findIndex((v, k) => Math.abs(v - d[0]! - k * step) > GRID_TOLERANCE * step);
  const uneven = all.filter((issue) => issue.kind === 'uneven-spacing').map(describe);
  if (uneven.length === 0 && drift >= 0) uneven.push(`${sortedLabel(drift)} lies ${round(Math.abs(d[drift]! - d[0]! - drift * step))} mm from its place on a regular grid of ${round(step)} mm`);

  if (options.sliceSpacing === undefined && uneven.length === 0) {
    return { order, origin, direction, spacing: [...inPlane, step], samples: order.map((_, k) => ({ lower: k, upper: k, weight: 0 })), interpolated: false };
  }
  if (options.sliceSpacing === undefined && options.unevenSpacing !== 'resample') {
    throw geometryError(uneven, uneven.map(() => 'uneven-spacing'), ' (a gap or uneven spacing: resampling interpolates, on request)');
  }
  const steps = d.slice(1).map((v, k) => v - d[k]!).sort((a, b) => a - b);
  const spacing = options.sliceSpacing ?? steps[Math.floor((steps.length - 1) / 2)] ?? options.singleSliceSpacing;
  if (!(spacing > 0) || !Number.isFinite(spacing)) throw volumeError('ATRIUM_ERR_VOLUME_INPUT', `slice spacing ${spacing} mm: a resampled stack needs a positive spacing`, { sliceSpacing: spacing });
  return { order, origin, direction, spacing: [...inPlane, spacing], samples: resampleAlongNormal(d, spacing), interpolated: true };
}

/** Output slices every `spacing` mm from the first distance to the last, each between its two nearest input slices. */
function resampleAlongNormal(d: readonly number[], spacing: number): SliceSample[] {
  const n = d.length;
  const count = n === 1 ? 1 : Math.floor((d[n - 1]! - d[0]!) / spacing + 1e-6) + 1;
  const samples: SliceSample[] = [];
  let s = 0;
  for (let k = 0; k < count; k++) {
    const at = d[0]! + k * spacing;
    while (s < n - 2 && d[s + 1]! <= at) s++;
    const upper = Math.min(s + 1, n - 1);
    const weight = upper === s ? 0 : (at - d[s]!) / (d[upper]! - d[s]!);
    if (weight < 1e-9) samples.push({ lower: s, upper: s, weight: 0 });
    else if (weight > 1 - 1e-9) samples.push({ lower: upper, upper, weight: 0 });
    else samples.push({ lower: s, upper, weight });
  }
  return samples;
}

function geometryError(problems: readonly string[], kinds: readonly string[], hint = '') {
  const shown = problems.length > 5 ? [...problems.slice(0, 5), `and ${problems.length - 5} more`] : problems;
  return volumeError('ATRIUM_ERR_VOLUME_GEOMETRY', `the slices do not form one regular stack: ${shown.join('; ')}${hint}`, { problems, kinds });
}

/** Row and column direction cosines of Image Orientation (Patient), checked to be orthogonal unit vectors (within 1 %). */
function axes(o: readonly number[], label: string): [Vec3, Vec3] {
  const row: Vec3 = [o[0]!, o[1]!, o[2]!];
  const column: Vec3 = [o[3]!, o[4]!, o[5]!];
  const nr = Math.hypot(...row);
  const nc = Math.hypot(...column);
  if (Math.abs(nr - 1) > 0.01 || Math.abs(nc - 1) > 0.01 || Math.abs(dot(row, column)) > 0.01) {
    throw volumeError('ATRIUM_ERR_VOLUME_GEOMETRY', `${label} has Image Orientation (Patient) ${o.join('\\')}, which is not two orthogonal unit vectors (PS3.3 C.7.6.2.1.1)`, { imageOrientationPatient: [...o] });
  }
  return [unit(row), unit(column)];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
/** `v` scaled to length 1 (−0 written as 0). */
function unit(v: Vec3): Vec3 {
  const n = Math.hypot(...v);
  return [v[0] / n + 0, v[1] / n + 0, v[2] / n + 0];
}
function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
