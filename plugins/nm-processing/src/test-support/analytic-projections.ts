import type { ParallelView, Projections } from '../recon/projections.js';
import { lineIntegral, type AnalyticPhantom } from './analytic-phantom.js';

/** How grid units map to the phantom's millimetres for {@link analyticProjections}. */
export interface AnalyticSampling {
  readonly bins: number;
  readonly slices: number;
  /** Bin and transaxial pixel size, mm. */
  readonly pixel: number;
  /** Slice spacing, mm; slice k is at z = (k − (slices − 1) / 2) × sliceSpacing. */
  readonly sliceSpacing: number;
  /** Sub-rays per bin and per slice (the detector pixel's area is averaged); default 3. */
  readonly sub?: number;
}

/**
 * Exact projections of an analytic phantom for views in grid pixel units: bin b of a view measures
 * the line through (b − center) × pixel mm along `s` (x, y in mm, the grid centre at the origin),
 * in direction `d`, averaged over `sub × sub` sub-rays. Values are in mm × phantom value, divided
 * by `pixel`: the unit of a line integral in pixels, which is what the reconstructions return.
 */
export function analyticProjections(phantom: AnalyticPhantom, views: readonly ParallelView[], sampling: AnalyticSampling): Projections {
  const { bins, slices, pixel, sliceSpacing } = sampling;
  const sub = sampling.sub ?? 3;
  const data = new Float32Array(views.length * bins * slices);
  const offsets = Array.from({ length: sub }, (_, i) => (i + 0.5) / sub - 0.5);
  views.forEach((view, v) => {
    const dir = [view.d[0], view.d[1], 0] as const;
    for (let b = 0; b < bins; b++) {
      for (let k = 0; k < slices; k++) {
        let sum = 0;
        for (const ob of offsets) {
          const s = (b + ob - view.center) * pixel;
          for (const oz of offsets) {
            const z = (k + oz - (slices - 1) / 2) * sliceSpacing;
            sum += lineIntegral(phantom, [s * view.s[0], s * view.s[1], z], dir);
          }
        }
        data[(v * bins + b) * slices + k] = sum / (sub * sub) / pixel;
      }
    }
  });
  return { views: views.length, bins, slices, data };
}

/** Views of a full rotation sampled every 360° / count, bin axis (cos φ, sin φ), the axis at `center`. */
export function circularViews(count: number, center: number, arcDegrees = 360): ParallelView[] {
  return Array.from({ length: count }, (_, v) => {
    const phi = (v * arcDegrees * Math.PI) / 180 / count;
    return { s: [Math.cos(phi), Math.sin(phi)] as const, d: [-Math.sin(phi), Math.cos(phi)] as const, center };
  });
}
