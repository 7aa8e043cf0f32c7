import type { SourceInstance, Vec3 } from '@atrium/sdk';
import type { ParallelView, Projections, ReconGrid } from '../recon/projections.js';
import { detectorDirection, frameRowDirection, type TomoFrame, type TomoGeometry } from './tomo-geometry.js';

/** Frames of one reconstruction: one energy window, all detectors and rotations, one time slot or all summed. */
export interface ProjectionSet {
  /** The frames of each view (several when time slots are summed), views in acquisition order. */
  readonly views: readonly (readonly TomoFrame[])[];
}

/**
 * The frames of an energy window as views: for each distinct (detector, rotation, view), the frames
 * of `timeSlot` (a GATED TOMO time slot) or, without it, of every time slot (the ungated sum).
 */
export function projectionSet(g: TomoGeometry, energyWindow: number, timeSlot?: number): ProjectionSet {
  const byView = new Map<string, TomoFrame[]>();
  for (const f of g.frames) {
    if (f.energyWindow !== energyWindow || (timeSlot !== undefined && f.timeSlot !== timeSlot)) continue;
    const key = `${f.detector}/${f.rotation}/${f.view}`;
    byView.set(key, [...(byView.get(key) ?? []), f]);
  }
  return { views: [...byView.values()] };
}

/** The view geometry of each view of a set, in the grid's pixel units (X = patient x, Y = patient y). */
export function parallelViews(g: TomoGeometry, set: ProjectionSet): ParallelView[] {
  return set.views.map((frames) => {
    const f = frames[0]!;
    return { s: frameRowDirection(g, f.angle), d: detectorDirection(f.angle), center: g.axisColumn[f.detector - 1]! };
  });
}

/** The reconstruction grid of the acquisition: columns × columns transaxial pixels, one slice per projection row. */
export function reconGrid(g: TomoGeometry): ReconGrid {
  return { size: g.columns, slices: g.rows };
}

/**
 * The reconstructed volume's place in the patient: transaxial rows along +x, columns along +y
 * (voxel spacing the projections' column spacing), slices from the lowest z upwards (the row
 * spacing), the rotation axis through the grid centre.
 */
export function volumePlacement(g: TomoGeometry): { readonly origin: Vec3; readonly spacing: Vec3; readonly direction: readonly [Vec3, Vec3, Vec3] } {
  const ds = g.pixelSpacing[1];
  const c = (g.columns - 1) / 2;
  const zMin = Math.min(g.z0, g.z0 + (g.rows - 1) * g.zStep);
  return {
    origin: [g.axis[0] - c * ds, g.axis[1] - c * ds, zMin],
    spacing: [ds, ds, Math.abs(g.zStep)],
    direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  };
}

/**
 * Read the frames of a set into projections (`[(view · bins + column) · slices + slice]`, slice 0 the
 * lowest z), summing the frames of each view. Frames are read one by one; `onFrame` counts them.
 */
export async function readProjections(
  instance: SourceInstance,
  g: TomoGeometry,
  set: ProjectionSet,
  options: { readonly signal?: AbortSignal; readonly onFrame?: () => void } = {},
): Promise<Projections> {
  const bins = g.columns;
  const slices = g.rows;
  const data = new Float32Array(set.views.length * bins * slices);
  const upwards = g.zStep > 0;
  for (const [v, frames] of set.views.entries()) {
    for (const f of frames) {
      options.signal?.throwIfAborted();
      const frame = await instance.frame(f.frame, { rescale: true });
      for (let r = 0; r < slices; r++) {
        const k = upwards ? r : slices - 1 - r;
        for (let col = 0; col < bins; col++) {
          const i = (v * bins + col) * slices + k;
          data[i] = data[i]! + Number(frame.data[r * bins + col] ?? 0);
        }
      }
      options.onFrame?.();
    }
  }
  return { views: set.views.length, bins, slices, data };
}
