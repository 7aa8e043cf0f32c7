/**
 * An analytic emission phantom of ellipsoids (values add where they overlap) and, optionally, a
 * uniform attenuating ellipsoid: line integrals are computed exactly from the quadric equations
 * (never with the project's projectors), and the voxelised truth by sub-sampling. Coordinates
 * are millimetres in whatever frame the caller uses (the tests use patient LPS).
 */

/** A point or direction, mm. */
export type Vec3 = readonly [number, number, number];

export interface Ellipsoid {
  readonly center: Vec3;
  /** Semi-axes along x, y, z before the rotation, mm. */
  readonly semiAxes: Vec3;
  /** Activity per mm of path (line integrals are value × chord length). */
  readonly value: number;
  /** Rotation about the z axis, degrees (counter-clockwise from +x towards +y). */
  readonly angle?: number;
}

export interface AnalyticPhantom {
  readonly ellipsoids: readonly Ellipsoid[];
  /** A uniform attenuator (linear attenuation coefficient `mu`, 1/mm) filling this ellipsoid. */
  readonly attenuator?: { readonly shape: Ellipsoid; readonly mu: number };
}

/** The entry and exit parameters of the line `p + t·dir` through an ellipsoid, or undefined when it misses. */
export function chord(e: Ellipsoid, p: Vec3, dir: Vec3): readonly [number, number] | undefined {
  const a = ((e.angle ?? 0) * Math.PI) / 180;
  const ca = Math.cos(a);
  const sa = Math.sin(a);
  // Into the ellipsoid's frame: translate, then rotate by −angle about z.
  const px = p[0] - e.center[0];
  const py = p[1] - e.center[1];
  const lx = ca * px + sa * py;
  const ly = -sa * px + ca * py;
  const lz = p[2] - e.center[2];
  const dx = ca * dir[0] + sa * dir[1];
  const dy = -sa * dir[0] + ca * dir[1];
  const dz = dir[2];
  const [ax, ay, az] = e.semiAxes;
  const A = (dx / ax) ** 2 + (dy / ay) ** 2 + (dz / az) ** 2;
  const B = 2 * ((lx * dx) / ax ** 2 + (ly * dy) / ay ** 2 + (lz * dz) / az ** 2);
  const C = (lx / ax) ** 2 + (ly / ay) ** 2 + (lz / az) ** 2 - 1;
  const disc = B * B - 4 * A * C;
  if (!(disc > 0) || A === 0) return undefined;
  const r = Math.sqrt(disc);
  return [(-B - r) / (2 * A), (-B + r) / (2 * A)];
}

/**
 * The (attenuated) line integral of the phantom along `p + t·dir` (`dir` a unit vector pointing to
 * the detector): Σ value × ∫ over the chord of exp(−μ × path inside the attenuator between the
 * point and the detector) dt, integrated exactly piece by piece.
 */
export function lineIntegral(phantom: AnalyticPhantom, p: Vec3, dir: Vec3): number {
  const att = phantom.attenuator;
  const body = att ? chord(att.shape, p, dir) : undefined;
  let sum = 0;
  for (const e of phantom.ellipsoids) {
    const c = chord(e, p, dir);
    if (!c) continue;
    sum += e.value * (att && body ? attenuatedLength(c[0], c[1], body[0], body[1], att.mu) : c[1] - c[0]);
  }
  return sum;
}

/** ∫ from t1 to t2 of the transmission to the detector (+∞) through a uniform μ between tIn and tOut. */
function attenuatedLength(t1: number, t2: number, tIn: number, tOut: number, mu: number): number {
  let total = 0;
  // Beyond the attenuator, towards the detector: no loss.
  const a = Math.max(t1, tOut);
  if (t2 > a) total += t2 - a;
  // Inside: transmission exp(−μ (tOut − t)).
  const lo = Math.max(t1, tIn);
  const hi = Math.min(t2, tOut);
  if (hi > lo) total += (Math.exp(-mu * (tOut - hi)) - Math.exp(-mu * (tOut - lo))) / mu;
  // Before it: the whole attenuator in the way.
  const b = Math.min(t2, tIn);
  if (b > t1) total += (b - t1) * Math.exp(-mu * (tOut - tIn));
  return total;
}

/** The phantom's value at a point (sum of the ellipsoids containing it). */
export function valueAt(phantom: AnalyticPhantom, p: Vec3): number {
  let v = 0;
  for (const e of phantom.ellipsoids) if (inside(e, p)) v += e.value;
  return v;
}

/** Whether the point lies inside the ellipsoid. */
export function inside(e: Ellipsoid, p: Vec3): boolean {
  const a = ((e.angle ?? 0) * Math.PI) / 180;
  const px = p[0] - e.center[0];
  const py = p[1] - e.center[1];
  const lx = Math.cos(a) * px + Math.sin(a) * py;
  const ly = -Math.sin(a) * px + Math.cos(a) * py;
  const lz = p[2] - e.center[2];
  return (lx / e.semiAxes[0]) ** 2 + (ly / e.semiAxes[1]) ** 2 + (lz / e.semiAxes[2]) ** 2 <= 1;
}

/**
 * The phantom's mean value over each voxel of a grid (`sub`³ samples per voxel), laid out like the
 * reconstructions (`[(row · columns + column) · slices + slice]`); `centre(column, row, slice)` gives
 * a voxel centre and `step` the voxel size (mm) along the three grid axes.
 */
export function voxelise(
  phantom: AnalyticPhantom,
  dims: { readonly columns: number; readonly rows: number; readonly slices: number },
  centre: (column: number, row: number, slice: number) => Vec3,
  axes: readonly [Vec3, Vec3, Vec3],
  sub = 3,
): Float32Array {
  const out = new Float32Array(dims.columns * dims.rows * dims.slices);
  const offsets = Array.from({ length: sub }, (_, i) => (i + 0.5) / sub - 0.5);
  for (let row = 0; row < dims.rows; row++) {
    for (let col = 0; col < dims.columns; col++) {
      for (let k = 0; k < dims.slices; k++) {
        const c = centre(col, row, k);
        let sum = 0;
        for (const a of offsets) for (const b of offsets) for (const g of offsets) {
          sum += valueAt(phantom, [
            c[0] + a * axes[0][0] + b * axes[1][0] + g * axes[2][0],
            c[1] + a * axes[0][1] + b * axes[1][1] + g * axes[2][1],
            c[2] + a * axes[0][2] + b * axes[1][2] + g * axes[2][2],
          ]);
        }
        out[(row * dims.columns + col) * dims.slices + k] = sum / sub ** 3;
      }
    }
  }
  return out;
}
