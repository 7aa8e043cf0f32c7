/**
 * The reslicer on analytic volumes: an affine ramp is reproduced exactly by linear and cubic
 * interpolation on any plane; a ball and a tilted rod land where geometry says (checked in patient
 * coordinates, within half a voxel) on coronal and oblique planes; Atrium's reslicer and vtk.js's
 * ImageReslice give the same planes.
 */
import { describe, expect, it } from 'vitest';
import { volumeTransform, type Vec3 } from '@atrium/sdk';
import { centreOf } from '../geometry/volume-bounds.js';
import { add, dot, normalize, scale } from '../geometry/vec3.js';
import { analyticVolume, softBall, softRod } from '../test-support/analytic-volume.js';
import { mprGrid } from './mpr-grid.js';
import { obliqueAxes, STANDARD_AXES, type PlaneAxes } from './plane-orientation.js';
import { reslicePlane, type PlaneSampling } from './reslice-plane.js';
import { voxelSampler } from './voxel-sampler.js';
import { vtkReslicePlane } from './vtk-reslice.js';

const ramp = (x: number, y: number, z: number): number => 3 * x - 2 * y + 0.5 * z + 7;
const GRID = { dimensions: [40, 36, 30] as const, spacing: [0.8, 0.8, 1.25] as const, origin: [-15.6, -14, -18] as const };
const tilt = normalize([0.3, -0.5, 1])!;
/** A grid whose axes are not the patient axes (an oblique acquisition): orthonormal, k along `tilt`. */
const tiltedAxes = obliqueAxes(tilt, 'normal');
const TILTED = { ...GRID, direction: [tiltedAxes.row, tiltedAxes.column, tiltedAxes.normal] as [Vec3, Vec3, Vec3] };

function sampling(axes: PlaneAxes, position: Vec3, size: number, pixelSpacing: number): PlaneSampling {
  return { position, row: axes.row, column: axes.column, normal: axes.normal, rows: size, columns: size, pixelSpacing };
}

/** Patient coordinates of pixel (c, r) of a plane. */
function pixelPoint(p: PlaneSampling, c: number, r: number): Vec3 {
  return add(add(p.position, scale(p.row, c * p.pixelSpacing)), scale(p.column, r * p.pixelSpacing));
}

/** Centroid (patient mm) of the pixels above `threshold`, weighted by how far above. */
function centroid(values: Float32Array, p: PlaneSampling, threshold: number): Vec3 {
  let w = 0;
  let s: Vec3 = [0, 0, 0];
  for (let r = 0; r < p.rows; r++) for (let c = 0; c < p.columns; c++) {
    const v = values[r * p.columns + c]! - threshold;
    if (v <= 0) continue;
    w += v;
    s = add(s, scale(pixelPoint(p, c, r), v));
  }
  return scale(s, 1 / w);
}

describe('reslicePlane', () => {
  const straight = analyticVolume(GRID, ramp);
  const tilted = analyticVolume(TILTED, ramp);

  it.each([['patient-aligned', straight], ['tilted', tilted]] as const)('reproduces an affine ramp exactly with linear and cubic interpolation (%s grid)', (_, volume) => {
    const axes = obliqueAxes([0.4, 0.7, -0.6], 'normal');
    const p = sampling(axes, add(centreOf(volume), scale(add(axes.row, axes.column), -4 * 0.9)), 9, 0.9);
    for (const interpolation of ['linear', 'cubic'] as const) {
      const values = reslicePlane(volume, p, interpolation, NaN);
      for (let r = 0; r < p.rows; r++) for (let c = 0; c < p.columns; c++) {
        const q = pixelPoint(p, c, r);
        expect(values[r * p.columns + c]!).toBeCloseTo(ramp(q[0], q[1], q[2]), 3);
      }
    }
  });

  it('takes the aligned fast path for coronal and sagittal planes at the voxel spacing, with the same values as the general one', () => {
    const wavy = analyticVolume(GRID, (x, y, z) => 100 * Math.sin(x / 3) + 50 * Math.cos(y / 2) * z);
    const sample = voxelSampler(wavy.voxels, wavy.dimensions, 'linear');
    for (const axes of [STANDARD_AXES.coronal, STANDARD_AXES.sagittal]) {
      const grid = mprGrid(wavy, axes, { point: [0.31, -0.27, 1.1] });
      const p = { ...sampling(axes, grid.planes[0]!.position, 1, grid.pixelSpacing), rows: grid.rows, columns: grid.columns };
      const values = reslicePlane(wavy, p, 'linear', -5000);
      const t = volumeTransform(wavy);
      values.forEach((v, i) => {
        const q = t.patientToIndex(pixelPoint(p, i % p.columns, Math.floor(i / p.columns)));
        const expected = sample(q[0], q[1], q[2]);
        expect(v).toBeCloseTo(Number.isNaN(expected) ? -5000 : expected, 3);
      });
    }
  });

  it('gives the fill value outside the volume and nearest voxel values inside', () => {
    const p = sampling(STANDARD_AXES.axial, [-15.6, -14, -18], 3, 0.8);
    const values = reslicePlane(straight, p, 'nearest', -999);
    expect(values[0]).toBeCloseTo(ramp(-15.6, -14, -18), 4);
    const outside = reslicePlane(straight, { ...p, position: [100, 0, 0] }, 'nearest', -999);
    expect([...outside]).toEqual(new Array(9).fill(-999));
  });

  describe('puts a ball and a tilted rod where geometry says, within half a voxel', () => {
    const centre: Vec3 = [3.2, -4.1, 2.7];
    const rodPoint: Vec3 = [-8, -4, 1];
    const rodAxis = normalize([1, 1, 1])!;
    const value = (x: number, y: number, z: number): number => Math.max(softBall(centre, 4, 1000, -1000)(x, y, z), softRod(rodPoint, rodAxis, 1.5, 600, -1000)(x, y, z));
    const volume = analyticVolume(GRID, value, true);
    const halfVoxel = Math.max(...GRID.spacing) / 2;
    const cases: [string, PlaneAxes][] = [['coronal', STANDARD_AXES.coronal], ['sagittal', STANDARD_AXES.sagittal], ['oblique', obliqueAxes([0.5, 1, 0.4], 'normal')]];

    it.each(cases)('%s planes: the ball\'s centre and the rod\'s axis in patient coordinates', (_, axes) => {
      const grid = mprGrid(volume, axes, { point: centre, count: 1 });
      const plane = sampling(axes, grid.planes[0]!.position, Math.max(grid.rows, grid.columns), grid.pixelSpacing);
      const planeWith = { ...plane, rows: grid.rows, columns: grid.columns };
      const values = reslicePlane(volume, planeWith, 'linear', -1000);
      // The plane passes through the ball's centre: the bright disc centred on it (800 HU excludes the rod).
      const found = centroid(values, planeWith, 800);
      for (let a = 0; a < 3; a++) expect(Math.abs(found[a]! - centre[a]!)).toBeLessThan(halfVoxel);
      // The rod crosses the plane where its axis meets it.
      const t = (dot(centre, axes.normal) - dot(rodPoint, axes.normal)) / dot(rodAxis, axes.normal);
      const crossing = add(rodPoint, scale(rodAxis, t));
      const inRod = Float32Array.from(values, (v, i) => (distanceToBall(pixelPoint(planeWith, i % grid.columns, Math.floor(i / grid.columns)), centre) > 6 ? v : -1000));
      const rod = centroid(inRod, planeWith, 0);
      for (let a = 0; a < 3; a++) expect(Math.abs(rod[a]! - crossing[a]!)).toBeLessThan(halfVoxel);
    });
  });

  it('equals vtk.js ImageReslice (linear, nearest, a MIP slab) on a tilted grid', () => {
    const volume = analyticVolume(TILTED, (x, y, z) => 100 * Math.sin(x / 3) * Math.cos(y / 4) + z * z);
    const axes = obliqueAxes([0.2, 1, 0.3], 'normal');
    const p = sampling(axes, add(centreOf(volume), scale(add(axes.row, axes.column), -10 * 0.7)), 20, 0.7);
    for (const interpolation of ['linear', 'nearest'] as const) {
      const ours = reslicePlane(volume, p, interpolation, -5000);
      const vtk = vtkReslicePlane(volume, p, interpolation, -5000);
      const differ = [...ours].filter((v, i) => Math.abs(v - vtk[i]!) > 1e-2 * Math.max(1, Math.abs(v)));
      expect(differ.length, interpolation).toBe(0);
    }
    const slab = { ...p, slab: { mode: 'mip' as const, thickness: 4, samples: 5 } };
    const ours = reslicePlane(volume, slab, 'linear', -5000);
    const vtk = vtkReslicePlane(volume, slab, 'linear', -5000);
    // vtk.js rounds slab results to whole numbers (its slab path keeps the input's integer rounding).
    expect(vtk.every((v) => Number.isInteger(v))).toBe(true);
    expect(Math.max(...ours.map((v, i) => Math.abs(v - vtk[i]!)))).toBeLessThanOrEqual(0.5 + 1e-3);
  });
});

function distanceToBall(p: Vec3, centre: Vec3): number {
  return Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]);
}
