/** One insert of the synthetic CT phantom, in patient coordinates (mm). */
export interface PhantomShape {
  /** What the insert stands for, e.g. 'water cylinder', 'bone rod'. */
  readonly label: string;
  /** `rod`: a cylinder along z (infinite); `sphere`: a ball. */
  readonly kind: 'rod' | 'sphere';
  /** Centre (x, y, z); z is ignored for rods. */
  readonly center: readonly [number, number, number];
  readonly radius: number;
  /** Hounsfield units inside the shape. */
  readonly hu: number;
}

/** An analytic CT phantom: air, then shapes painted in order (a later shape wins). */
export interface CtPhantom {
  /** HU outside every shape (air, -1000). */
  readonly backgroundHu: number;
  readonly shapes: readonly PhantomShape[];
  /** HU at a point (mm, patient coordinates): inside means distance ≤ radius. */
  huAt(x: number, y: number, z: number): number;
  /**
   * HU of a whole axial slice at height `z`, row-major: pixel (r, c) is the point
   * (x0 + c·spacing, y0 + r·spacing, z). Equal to {@link huAt} at every pixel, only faster.
   */
  slice(z: number, grid: { readonly x0: number; readonly y0: number; readonly spacing: number; readonly rows: number; readonly columns: number }): Int16Array;
}

/**
 * The phantom drawn by `syntheticCtSeries`, scaled to a field of view (mm) and centred on
 * x = y = 0: a water cylinder (0 HU, radius 0.4·fov) in air (-1000 HU) holding three rods
 * along z — bone (1000 HU, at +x), fat (-100 HU, at -x), iodine contrast (300 HU, at +y) —
 * and a soft-tissue sphere (60 HU, at -y) centred on `sphereZ`.
 */
export function ctPhantom(fieldOfView: number, sphereZ: number): CtPhantom {
  const f = fieldOfView;
  const shapes: PhantomShape[] = [
    { label: 'water cylinder', kind: 'rod', center: [0, 0, 0], radius: 0.4 * f, hu: 0 },
    { label: 'bone rod', kind: 'rod', center: [0.2 * f, 0, 0], radius: 0.05 * f, hu: 1000 },
    { label: 'fat rod', kind: 'rod', center: [-0.2 * f, 0, 0], radius: 0.05 * f, hu: -100 },
    { label: 'contrast rod', kind: 'rod', center: [0, 0.2 * f, 0], radius: 0.04 * f, hu: 300 },
    { label: 'soft-tissue sphere', kind: 'sphere', center: [0, -0.2 * f, sphereZ], radius: 0.1 * f, hu: 60 },
  ];
  const backgroundHu = -1000;
  return {
    backgroundHu,
    shapes,
    huAt(x, y, z) {
      let hu = backgroundHu;
      for (const s of shapes) if (inside(s, x, y, z)) hu = s.hu;
      return hu;
    },
    slice(z, { x0, y0, spacing, rows, columns }) {
      const out = new Int16Array(rows * columns).fill(backgroundHu);
      for (const s of shapes) {
        // Only the pixels of the shape's bounding box (with a one-pixel margin) are tested.
        const reach = s.radius + spacing;
        const c0 = Math.max(0, Math.floor((s.center[0] - reach - x0) / spacing));
        const c1 = Math.min(columns - 1, Math.ceil((s.center[0] + reach - x0) / spacing));
        const r0 = Math.max(0, Math.floor((s.center[1] - reach - y0) / spacing));
        const r1 = Math.min(rows - 1, Math.ceil((s.center[1] + reach - y0) / spacing));
        for (let r = r0; r <= r1; r++) {
          const y = y0 + r * spacing;
          for (let c = c0; c <= c1; c++) if (inside(s, x0 + c * spacing, y, z)) out[r * columns + c] = s.hu;
        }
      }
      return out;
    },
  };
}

function inside(s: PhantomShape, x: number, y: number, z: number): boolean {
  const dx = x - s.center[0];
  const dy = y - s.center[1];
  const dz = s.kind === 'sphere' ? z - s.center[2] : 0;
  return dx * dx + dy * dy + dz * dz <= s.radius * s.radius;
}
