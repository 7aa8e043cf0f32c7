import type { Vec3, VolumeGeometry } from '@atrium/sdk';
import { cornerPoints, centreOf, finestSpacing } from '../geometry/volume-bounds.js';
import { cross, dot, norm, rotate, scale, sub } from '../geometry/vec3.js';

/** The patient axis a rotating projection turns about. */
export type RotationAxis = 'head-foot' | 'left-right' | 'anterior-posterior';

/** One projection: its angle and the directions of its rays and of its image. */
export interface ProjectionView {
  /** Degrees from the start view, about the rotation axis. */
  readonly angle: number;
  /** Direction of the rays, from the viewer through the patient. */
  readonly ray: Vec3;
  /** Image row direction (left → right on the screen). */
  readonly right: Vec3;
  /** Image column direction (top → bottom on the screen). */
  readonly down: Vec3;
}

/** The image grid shared by all views of a rotation. */
export interface ProjectionGrid {
  /** The point the views turn about (the volume's centre). */
  readonly centre: Vec3;
  readonly rows: number;
  readonly columns: number;
  /** Square pixels (mm). */
  readonly pixelSpacing: number;
  /** Half the depth the rays cross, centred on the axis (mm). */
  readonly halfDepth: number;
  /** True when a slab thickness keeps the rays from crossing the whole volume. */
  readonly slab: boolean;
}

/**
 * Start views of the three rotations: head–foot starts from the front (rays anterior → posterior,
 * the patient's right on the viewer's left, head up); left–right starts from the front too, turning
 * over the head; anterior–posterior starts from the patient's left side.
 */
const START: Readonly<Record<RotationAxis, { axis: Vec3; ray: Vec3; right: Vec3 }>> = {
  'head-foot': { axis: [0, 0, 1], ray: [0, 1, 0], right: [1, 0, 0] },
  'left-right': { axis: [1, 0, 0], ray: [0, 1, 0], right: [1, 0, 0] },
  'anterior-posterior': { axis: [0, 1, 0], ray: [-1, 0, 0], right: [0, 1, 0] },
};

/** `count` views evenly spaced over 360° (starting at `start` degrees) about a patient axis. */
export function projectionViews(axis: RotationAxis, count: number, start = 0): ProjectionView[] {
  const s = START[axis];
  return Array.from({ length: count }, (_, n) => {
    const angle = start + (360 * n) / count;
    const radians = (angle * Math.PI) / 180;
    const ray = rotate(s.ray, s.axis, radians);
    const right = rotate(s.right, s.axis, radians);
    return { angle: ((angle % 360) + 360) % 360, ray, right, down: cross(ray, right) };
  });
}

/**
 * The image grid of a rotation about `axis`: wide enough for the volume seen from any angle (the
 * largest distance of a corner from the axis, on both sides), as tall as the volume along the
 * axis, square pixels of the volume's finest spacing (or `pixelSpacing`); rays cross the whole
 * volume unless `thickness` limits them to a slab centred on the axis.
 */
export function projectionGrid(volume: VolumeGeometry, axis: RotationAxis, options: { readonly pixelSpacing?: number; readonly thickness?: number } = {}): ProjectionGrid {
  const a = START[axis].axis;
  const centre = centreOf(volume);
  const corners = cornerPoints(volume).map((p) => sub(p, centre));
  const radius = Math.max(...corners.map((p) => norm(sub(p, scale(a, dot(p, a))))));
  const along = Math.max(...corners.map((p) => Math.abs(dot(p, a))));
  const pixelSpacing = options.pixelSpacing && options.pixelSpacing > 0 ? options.pixelSpacing : finestSpacing(volume);
  const columns = 2 * Math.ceil(radius / pixelSpacing) + 1;
  const rows = 2 * Math.ceil(along / pixelSpacing - 1e-6) + 1;
  const slab = options.thickness !== undefined && options.thickness > 0 && options.thickness / 2 < radius;
  return { centre, rows, columns, pixelSpacing, halfDepth: slab ? options.thickness! / 2 : radius, slab };
}
