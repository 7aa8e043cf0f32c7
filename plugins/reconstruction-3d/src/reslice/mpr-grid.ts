import { SdkError, volumeTransform, type Vec3, type VolumeGeometry } from '@atrium/sdk';
import { extentAlong, finestSpacing, voxelDepthAlong } from '../geometry/volume-bounds.js';
import { add, dot, scale } from '../geometry/vec3.js';
import type { PlaneAxes } from './plane-orientation.js';

/** One plane of a reformatted set: Image Position (Patient) of its first pixel, distance along the normal. */
export interface MprPlane {
  readonly position: Vec3;
  /** position · normal (mm). */
  readonly distance: number;
}

/** The planes of a reformatted series, all of one size and orientation. */
export interface MprGrid {
  readonly axes: PlaneAxes;
  readonly rows: number;
  readonly columns: number;
  /** Square pixels (mm). */
  readonly pixelSpacing: number;
  /** Distance between successive planes (mm). */
  readonly spacing: number;
  readonly planes: readonly MprPlane[];
}

/** How the planes are laid out; 0 or absent means automatic. */
export interface MprGridOptions {
  /** A point the planes are placed around (mm); default the voxel centre nearest the volume's centre (so planes along a voxel axis pass through voxel centres). */
  readonly point?: Vec3;
  /** Distance between planes (mm); default the depth of one voxel along the normal. */
  readonly spacing?: number;
  /** Number of planes, centred on the point; default every plane that meets the volume. */
  readonly count?: number;
  /** In-plane pixel size (mm); default the volume's finest spacing. */
  readonly pixelSpacing?: number;
}

/** Largest number of rows or columns of a reformatted plane. */
export const MAX_PLANE_SIZE = 4096;
/** Largest number of planes in a set. */
export const MAX_PLANES = 4096;

/**
 * Lay out a set of parallel planes through a volume: each plane covers the projection of the
 * whole volume on it (so every plane has the same size and a voxel of the volume is never cut off),
 * with square pixels; the planes are `spacing` apart along the normal, through `point`. Throws
 * SdkError ATRIUM_ERR_PARAM_INVALID when the planes would be too large or too many for the asked
 * pixel size and spacing, or when none meets the volume.
 */
export function mprGrid(volume: VolumeGeometry, axes: PlaneAxes, options: MprGridOptions = {}): MprGrid {
  const point = options.point ?? volumeTransform(volume).indexToPatient(volume.dimensions.map((n) => Math.round((n - 1) / 2)) as unknown as Vec3);
  const pixelSpacing = positiveOr(options.pixelSpacing, finestSpacing(volume));
  const spacing = positiveOr(options.spacing, voxelDepthAlong(volume, axes.normal));
  const u = extentAlong(volume, axes.row);
  const v = extentAlong(volume, axes.column);
  const d = extentAlong(volume, axes.normal);
  const columns = Math.floor((u.max - u.min) / pixelSpacing + 1e-6) + 1;
  const rows = Math.floor((v.max - v.min) / pixelSpacing + 1e-6) + 1;
  if (columns > MAX_PLANE_SIZE || rows > MAX_PLANE_SIZE) {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "pixelSpacing": a plane would be ${columns}×${rows} pixels of ${pixelSpacing} mm (at most ${MAX_PLANE_SIZE}); give a larger "pixelSpacing"`, { parameter: 'pixelSpacing' });
  }
  const d0 = dot(point, axes.normal);
  const steps: number[] = [];
  if (options.count !== undefined && options.count > 0) {
    for (let k = 0; k < options.count; k++) steps.push(k - (options.count - 1) / 2);
  } else {
    const eps = 1e-6 * Math.max(1, spacing);
    for (let m = Math.ceil((d.min - d0 - eps) / spacing); d0 + m * spacing <= d.max + eps; m++) steps.push(m);
  }
  const meets = (m: number): boolean => Math.abs(d0 + m * spacing - (d.min + d.max) / 2) <= (d.max - d.min) / 2 + spacing / 2;
  if (!steps.some(meets)) throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `no plane meets the volume: "point" lies ${Math.abs(d0 - (d.min + d.max) / 2).toFixed(1)} mm from its centre along the normal`, { parameter: 'point' });
  if (steps.length > MAX_PLANES) throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "spacing": ${steps.length} planes of ${spacing} mm (at most ${MAX_PLANES}); give a larger "spacing" or a "count"`, { parameter: 'spacing' });
  const u0 = dot(point, axes.row);
  const v0 = dot(point, axes.column);
  const planes = steps.map((m): MprPlane => {
    const onPlane = add(point, scale(axes.normal, m * spacing));
    const position = add(add(onPlane, scale(axes.row, u.min - u0)), scale(axes.column, v.min - v0));
    return { position, distance: d0 + m * spacing };
  });
  return { axes, rows, columns, pixelSpacing, spacing, planes };
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && value > 0 ? value : fallback;
}
