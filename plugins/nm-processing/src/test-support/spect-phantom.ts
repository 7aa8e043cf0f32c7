import type { AnalyticPhantom, Ellipsoid } from './analytic-phantom.js';

/**
 * The SPECT test phantom, millimetres around the rotation axis (x, y transaxial, z along the axis,
 * 0 at the middle of the axial field of view): an elliptic body of activity 1 (semi-axes 100 × 75 mm,
 * long in z), a hot sphere of 4 (radius 18 mm) to the left and anterior, a small hot sphere of 3
 * (radius 11 mm) to the left and posterior, a cold sphere of 0.1 (radius 20 mm) to the right —
 * asymmetric, so that a left-right mirrored reconstruction correlates poorly with the truth.
 * With `mu`, the body attenuates uniformly (1/mm).
 */
export function spectPhantom(options: { readonly mu?: number; readonly scale?: number } = {}): AnalyticPhantom {
  const scale = options.scale ?? 1;
  const body: Ellipsoid = { center: [0, 0, 0], semiAxes: [100, 75, 400], value: scale };
  return {
    ellipsoids: [body, ...SPECT_SPHERES.map((s) => ({ ...s.shape, value: s.shape.value * scale }))],
    ...(options.mu ? { attenuator: { shape: body, mu: options.mu } } : {}),
  };
}

/** The spheres of {@link spectPhantom}: centre (mm), radius (mm), hot or cold. */
export const SPECT_SPHERES: readonly { readonly shape: Ellipsoid; readonly kind: 'hot' | 'cold' }[] = [
  { shape: { center: [45, -30, 12], semiAxes: [18, 18, 18], value: 3 }, kind: 'hot' },
  { shape: { center: [28, 38, -18], semiAxes: [11, 11, 11], value: 2 }, kind: 'hot' },
  { shape: { center: [-42, 12, -6], semiAxes: [20, 20, 20], value: -0.9 }, kind: 'cold' },
];

/** The phantom mirrored left-right (x → −x). */
export function mirrored(p: AnalyticPhantom): AnalyticPhantom {
  const flip = (e: Ellipsoid): Ellipsoid => ({ ...e, center: [-e.center[0], e.center[1], e.center[2]], angle: -(e.angle ?? 0) });
  return { ellipsoids: p.ellipsoids.map(flip), ...(p.attenuator ? { attenuator: { ...p.attenuator, shape: flip(p.attenuator.shape) } } : {}) };
}

/** A uniform cylinder of activity 1 and attenuation `mu` (1/mm), radius `radius` mm, 200 m long (an ellipsoid that long is a cylinder to 1 µm here). */
export function uniformCylinder(radius: number, mu: number): AnalyticPhantom {
  const body: Ellipsoid = { center: [0, 0, 0], semiAxes: [radius, radius, 1e5], value: 1 };
  return { ellipsoids: [body], attenuator: { shape: body, mu } };
}
