import { SdkError, volumeTransform, type Parameters, type SourceInstance, type SourceSeries, type Vec3, type Volume } from '@atrium/sdk';
import { parsePoints, parseVector } from '../../geometry/parse-vector.js';
import { finestSpacing, voxelDepthAlong } from '../../geometry/volume-bounds.js';
import { add, scale } from '../../geometry/vec3.js';
import { mprGrid, type MprGrid } from '../../reslice/mpr-grid.js';
import { obliqueAxes, STANDARD_AXES, threePointAxes, type PlaneAxes } from '../../reslice/plane-orientation.js';
import type { PlaneSampling, SlabMode } from '../../reslice/reslice-plane.js';
import type { Interpolation } from '../../reslice/voxel-sampler.js';
import type { mprParameters } from './mpr-parameters.js';

/** The planes of an MPR run and how each is sampled. */
export interface MprPlan {
  readonly grid: MprGrid;
  readonly slab: SlabMode;
  /** Slab thickness (mm); for thin planes the depth of one voxel along the normal. */
  readonly thickness: number;
  /** Samples across a slab (1 for thin planes). */
  readonly samples: number;
}

/**
 * The planes the parameters ask for: the standard orientations, or an oblique plane by its normal
 * (and a point) or by three points; spacing, count and pixel size as given or automatic (see
 * {@link mprGrid}); a slab mode needs a thickness, a thin plane none. Throws SdkError
 * ATRIUM_ERR_PARAM_INVALID naming the parameter otherwise.
 */
export function mprPlan(volume: Volume, p: Parameters<typeof mprParameters>): MprPlan {
  const bad = (parameter: string, why: string): never => {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "${parameter}" ${why}`, { parameter });
  };
  let axes: PlaneAxes;
  let point: Vec3 | undefined = p.point.trim() === '' ? undefined : parseVector(p.point, 'point');
  if (p.orientation === 'oblique') {
    const hasNormal = p.normal.trim() !== '', hasPoints = p.points.trim() !== '';
    if (hasNormal && hasPoints) bad('points', 'cannot be given with "normal": an oblique plane takes one of them');
    if (!hasNormal && !hasPoints) bad('normal', 'is needed: an oblique plane takes "normal" (and "point") or "points"');
    if (hasPoints) {
      const points = parsePoints(p.points, 'points');
      axes = threePointAxes(points, 'points');
      point ??= points[0];
    } else axes = obliqueAxes(parseVector(p.normal, 'normal'), 'normal');
  } else {
    if (p.normal.trim() !== '' || p.points.trim() !== '') bad(p.normal.trim() !== '' ? 'normal' : 'points', `applies only to orientation=oblique (got orientation=${p.orientation})`);
    axes = STANDARD_AXES[p.orientation];
  }
  if (p.slab !== 'thin' && !(p.thickness > 0)) bad('thickness', `must be above 0 for slab=${p.slab}`);
  if (p.slab === 'thin' && p.thickness > 0) bad('thickness', 'applies only to slab modes mip, minip, mean (got slab=thin)');
  const grid = mprGrid(volume, axes, { ...(point ? { point } : {}), spacing: p.spacing, count: p.count, pixelSpacing: p.pixelSpacing });
  const thin = p.slab === 'thin';
  const thickness = thin ? voxelDepthAlong(volume, axes.normal) : p.thickness;
  const samples = thin ? 1 : Math.max(2, Math.ceil(p.thickness / finestSpacing(volume)) + 1);
  return { grid, slab: p.slab, thickness, samples };
}

/** How plane `n` of a plan is sampled. */
export function planeSampling(plan: MprPlan, n: number): PlaneSampling {
  const { grid } = plan;
  const base = { position: grid.planes[n]!.position, row: grid.axes.row, column: grid.axes.column, normal: grid.axes.normal, rows: grid.rows, columns: grid.columns, pixelSpacing: grid.pixelSpacing };
  return plan.slab === 'thin' ? base : { ...base, slab: { mode: plan.slab, thickness: plan.thickness, samples: plan.samples } };
}

/**
 * The source instances a plane's samples come from: those of the slices the plane meets (its
 * corners, ± half a slab's thickness), with the neighbours the interpolation reads (one more slice
 * each way for cubic); every instance when the volume's slices were interpolated or come from one
 * multi-frame image.
 */
export function planeSources(volume: Volume, input: SourceSeries, sampling: PlaneSampling, interpolation: Interpolation): SourceInstance[] {
  if (!volume.sliceSources || input.instances.length === 1) return [...input.instances];
  const t = volumeTransform(volume);
  const { position: o, row, column, normal, rows, columns, pixelSpacing: s } = sampling;
  const half = sampling.slab ? sampling.slab.thickness / 2 : 0;
  let kMin = Infinity, kMax = -Infinity;
  for (const [c, r, d] of [[0, 0, -1], [columns - 1, 0, -1], [0, rows - 1, -1], [columns - 1, rows - 1, -1], [0, 0, 1], [columns - 1, 0, 1], [0, rows - 1, 1], [columns - 1, rows - 1, 1]] as const) {
    const k = t.patientToIndex(add(add(add(o, scale(row, c * s)), scale(column, r * s)), scale(normal, d * half)))[2];
    kMin = Math.min(kMin, k);
    kMax = Math.max(kMax, k);
  }
  const reach = interpolation === 'cubic' ? 1 : 0;
  const nz = volume.dimensions[2];
  const from = Math.max(0, Math.floor(kMin + 1e-6) - reach), to = Math.min(nz - 1, Math.ceil(kMax - 1e-6) + reach);
  const uids = new Set(volume.sliceSources.slice(from, to + 1).map((src) => src.sopInstanceUID));
  const sources = input.instances.filter((i) => uids.has(i.sopInstanceUID));
  return sources.length > 0 ? sources : [...input.instances];
}
