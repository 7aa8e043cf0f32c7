import type { AnalyticPhantom, Ellipsoid, Vec3 } from './analytic-phantom.js';

/** A beating left ventricle in a body, one phantom per time slot, and the truth of a spherical LV region. */
export interface GatedPhantom {
  readonly slots: readonly AnalyticPhantom[];
  /** Centre of the ventricle, mm around the rotation axis. */
  readonly center: Vec3;
  /** Activity in the sphere of `regionRadius` around the centre, per slot (value × mm³). */
  readonly regionTruth: readonly number[];
  readonly regionRadius: number;
}

/**
 * A myocardium (a spherical shell of activity 6 in a body of 1) whose cavity shrinks in systole while
 * its mass is kept (outer³ − inner³ constant): inner radius 24 mm at end-diastole (slot 1) down to 16
 * mm at end-systole (mid-cycle). The activity inside a sphere of 26 mm around the centre changes as the
 * wall moves through it; the total activity does not.
 */
export function gatedPhantom(slots = 8): GatedPhantom {
  const center: Vec3 = [30, -15, 8];
  const inner0 = 24;
  const outer0 = 36;
  const mass = outer0 ** 3 - inner0 ** 3;
  const regionRadius = 26;
  const body: Ellipsoid = { center: [0, 0, 0], semiAxes: [100, 75, 400], value: 1 };
  const sphere = (r: number, value: number): Ellipsoid => ({ center, semiAxes: [r, r, r], value });
  const phantoms: AnalyticPhantom[] = [];
  const truth: number[] = [];
  for (let s = 0; s < slots; s++) {
    const inner = inner0 - 8 * Math.sin((Math.PI * s) / slots) ** 2;
    const outer = Math.cbrt(mass + inner ** 3);
    phantoms.push({ ellipsoids: [body, sphere(outer, 5), sphere(inner, -5)] });
    // In the region: body 1 everywhere, plus 5 in the wall between the inner radius and the region's edge.
    truth.push((4 / 3) * Math.PI * (regionRadius ** 3 + 5 * Math.max(0, regionRadius ** 3 - inner ** 3)));
  }
  return { slots: phantoms, center, regionTruth: truth, regionRadius };
}
