import type { SlicePhantom } from '../../host/src/testing/synthetic-ct-series.js';

type Vec3 = readonly [number, number, number];

/** One object of the 3-D test phantom. */
export interface PhantomObject {
  readonly label: string;
  readonly kind: 'ball' | 'rod';
  /** Ball centre, or a point on the rod's axis (mm, patient coordinates). */
  readonly centre: Vec3;
  /** Unit direction of a rod's axis. */
  readonly axis?: Vec3;
  readonly radius: number;
  readonly hu: number;
}

/**
 * The objects of {@link ballRodPhantom}: in a water cylinder (0 HU, radius 28 mm, along z) in air, a
 * bone ball (1000 HU), a soft-tissue ball (200 HU) and a contrast rod (400 HU) tilted out of every
 * patient axis. Slices of a 64×64, 1 mm series span x, y −31.5…31.5 mm; 48 slices of 1.25 mm span
 * z 0…−58.75 mm.
 */
export const BALL_ROD_OBJECTS: readonly PhantomObject[] = [
  { label: 'water cylinder', kind: 'rod', centre: [0, 0, 0], axis: [0, 0, 1], radius: 28, hu: 0 },
  { label: 'bone ball', kind: 'ball', centre: [6.3, -5.2, -21.4], radius: 8, hu: 1000 },
  { label: 'soft-tissue ball', kind: 'ball', centre: [-11.6, 9.7, -36.9], radius: 6, hu: 200 },
  { label: 'contrast rod', kind: 'rod', centre: [-9, -7, -30], axis: normalise([0.5, 0.4, 1]), radius: 2.5, hu: 400 },
];

/** The bone ball, the reference object of the geometry and surface tests. */
export const BONE_BALL = BALL_ROD_OBJECTS[1]!;
/** The tilted rod. */
export const CONTRAST_ROD = BALL_ROD_OBJECTS[3]!;

/**
 * HU at a point: air (−1000), then each object painted in order with a soft edge — the value ramps
 * linearly over one millimetre across the surface (half inside, half outside) — so that centroids,
 * crossings and iso-surfaces can be checked below a voxel.
 */
export function phantomHu(x: number, y: number, z: number): number {
  let hu = -1000;
  for (const o of BALL_ROD_OBJECTS) {
    const d: Vec3 = [x - o.centre[0], y - o.centre[1], z - o.centre[2]];
    let r = Math.hypot(d[0], d[1], d[2]);
    if (o.kind === 'rod') {
      const a = o.axis!;
      const along = d[0] * a[0] + d[1] * a[1] + d[2] * a[2];
      r = Math.hypot(d[0] - along * a[0], d[1] - along * a[1], d[2] - along * a[2]);
    }
    const f = Math.min(1, Math.max(0, 0.5 - (r - o.radius)));
    hu += f * (o.hu - hu);
  }
  return Math.round(hu);
}

/** {@link phantomHu} as the slices of `syntheticCtSeries`. */
export const ballRodPhantom: SlicePhantom = {
  slice(z, { x0, y0, spacing, rows, columns }) {
    const out = new Int16Array(rows * columns);
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[r * columns + c] = phantomHu(x0 + c * spacing, y0 + r * spacing, z);
    return out;
  },
};

function normalise(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}
