import { resampleVolume, type Vec3 } from '@atrium/sdk';
import { fromSdkVolume, toSdkVolume, type PlacedVolume } from './volume-layout.js';

/** The three cardiac views of nuclear cardiology. */
export type CardiacView = 'short-axis' | 'vertical-long-axis' | 'horizontal-long-axis';

/** The axes of the heart: long axis L (base → apex), a ⊥ L towards anterior, r = a × L (septum → lateral wall). */
export interface CardiacAxes {
  readonly long: Vec3;
  readonly anterior: Vec3;
  readonly lateral: Vec3;
}

const deg = Math.PI / 180;

/**
 * The cardiac axes of a long axis given by its azimuth (degrees in the transaxial plane, from the
 * patient's left towards anterior) and elevation (degrees out of that plane, towards the feet), in
 * patient coordinates (LPS): L = (cos e cos a, −cos e sin a, −sin e).
 */
export function cardiacAxes(azimuth: number, elevation: number): CardiacAxes {
  const a = azimuth * deg;
  const e = elevation * deg;
  const long: Vec3 = [Math.cos(e) * Math.cos(a), -Math.cos(e) * Math.sin(a), -Math.sin(e)];
  const ant = Math.abs(long[1]) > 0.99 ? ([0, 0, 1] as Vec3) : ([0, -1, 0] as Vec3);
  const anterior = normalise(sub(ant, scale(long, dot(ant, long))));
  return { long, anterior, lateral: cross(anterior, long) };
}

/**
 * Row and column directions of each view, as nuclear cardiology displays them (ASNC imaging
 * guidelines): short axis seen from the apex, anterior wall up, lateral wall right (slices from the
 * apex to the base); vertical long axis with the apex right and the anterior wall up (slices from the
 * septum to the lateral wall); horizontal long axis with the apex up and the lateral wall right (slices
 * from the inferior to the anterior wall). The slice direction is row × column.
 */
export function viewDirections(axes: CardiacAxes, view: CardiacView): readonly [Vec3, Vec3, Vec3] {
  const { long, anterior, lateral } = axes;
  const [row, col]: [Vec3, Vec3] = view === 'short-axis' ? [lateral, neg(anterior)] : view === 'vertical-long-axis' ? [long, neg(anterior)] : [lateral, neg(long)];
  return [row, col, cross(row, col)];
}

/**
 * A transaxial volume resampled (trilinear) on a cube of the transaxial pixel size centred on the
 * volume's centre, as wide as its largest extent, oriented as `view`.
 */
export function reorient(v: PlacedVolume, axes: CardiacAxes, view: CardiacView, signal?: AbortSignal): PlacedVolume {
  const s = v.spacing[0];
  const n = Math.ceil(Math.max(v.columns * v.spacing[0], v.rows * v.spacing[1], v.slices * v.spacing[2]) / s);
  const centre = [0, 1, 2].map((c) => v.origin[c]! + [0, 1, 2].reduce((acc, a) => acc + v.direction[a]![c]! * (([v.columns, v.rows, v.slices][a]! - 1) / 2) * v.spacing[a]!, 0));
  const direction = viewDirections(axes, view);
  const origin = [0, 1, 2].map((c) => centre[c]! - ((n - 1) / 2) * s * (direction[0][c]! + direction[1][c]! + direction[2][c]!)) as unknown as Vec3;
  const out = resampleVolume(toSdkVolume(v), { dimensions: [n, n, n], spacing: [s, s, s], origin, direction, frameOfReferenceUID: v.frameOfReferenceUID }, { interpolation: 'trilinear', fill: 0, ignoreFrameOfReference: true, ...(signal ? { signal } : {}) });
  return fromSdkVolume(out);
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function scale(a: Vec3, k: number): Vec3 {
  return [a[0] * k, a[1] * k, a[2] * k];
}
function neg(a: Vec3): Vec3 {
  return [-a[0], -a[1], -a[2]];
}
function normalise(a: Vec3): Vec3 {
  return scale(a, 1 / Math.sqrt(dot(a, a)));
}
