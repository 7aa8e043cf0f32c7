/**
 * Independent referees for the reslicer: scipy's `ndimage.map_coordinates` (Debian python3-scipy)
 * computes the same coronal and oblique planes from the volume's geometry on its own (linear and
 * nearest), and VTK C++ (`vtkImageReslice` through Debian python3-vtk9) the same planes with cubic
 * interpolation (its cubic kernel is the Catmull-Rom convolution Atrium implements). Compared on
 * the pixels whose samples lie inside the volume.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vec3, Volume } from '@atrium/sdk';
import { havePeers, runPython } from '../support/peers.js';
import { useTempDir } from '../support/temp-dir.js';
import { centreOf } from '../../plugins/reconstruction-3d/src/geometry/volume-bounds.js';
import { add, scale } from '../../plugins/reconstruction-3d/src/geometry/vec3.js';
import { analyticVolume } from '../../plugins/reconstruction-3d/src/test-support/analytic-volume.js';
import { obliqueAxes, STANDARD_AXES, type PlaneAxes } from '../../plugins/reconstruction-3d/src/reslice/plane-orientation.js';
import { reslicePlane, type PlaneSampling } from '../../plugins/reconstruction-3d/src/reslice/reslice-plane.js';
import type { Interpolation } from '../../plugins/reconstruction-3d/src/reslice/voxel-sampler.js';

const SIZE = 40;
const smooth = (x: number, y: number, z: number): number => 400 * Math.sin(x / 4) * Math.cos(y / 5) + 30 * z + 0.5 * x * y;

/** A plane through (near) the volume's centre: 0.13 mm off it, so that no sample sits exactly halfway between two voxels (where nearest-neighbour rounding may go either way). */
function planeThrough(volume: Volume, axes: PlaneAxes, pixelSpacing: number): PlaneSampling {
  const corner = add(add(centreOf(volume), scale(axes.normal, 0.13)), scale(add(axes.row, axes.column), (-(SIZE - 1) / 2) * pixelSpacing + 0.011));
  return { position: corner, row: axes.row, column: axes.column, normal: axes.normal, rows: SIZE, columns: SIZE, pixelSpacing };
}

/** Python prologue: the volume and the plane from the files, and the continuous index of each pixel. */
const PROLOGUE = `
import sys, json, numpy as np
spec = json.load(open(sys.argv[1]))
nx, ny, nz = spec['dimensions']
vol = np.fromfile(sys.argv[2], dtype='<f4').reshape(nz, ny, nx)
D = np.array(spec['direction']).T * np.array(spec['spacing'])
p = spec['plane']
c, r = np.meshgrid(np.arange(p['columns']), np.arange(p['rows']))
pts = np.array(p['position'])[:, None, None] + np.array(p['row'])[:, None, None] * c * p['pixelSpacing'] + np.array(p['column'])[:, None, None] * r * p['pixelSpacing']
idx = np.linalg.solve(D, (pts - np.array(spec['origin'])[:, None, None]).reshape(3, -1)).reshape(3, p['rows'], p['columns'])
inside = np.all([(idx[a] >= 0) & (idx[a] <= n - 1) for a, n in enumerate((nx, ny, nz))], axis=0)
`;

const SCIPY = `${PROLOGUE}
from scipy.ndimage import map_coordinates
order = {'linear': 1, 'nearest': 0}[spec['interpolation']]
out = map_coordinates(vol, [idx[2], idx[1], idx[0]], order=order, mode='nearest')
np.where(inside, out, np.nan).astype('<f4').tofile(sys.argv[3])
`;

const VTK = `${PROLOGUE}
import vtk
from vtk.util import numpy_support
image = vtk.vtkImageData()
image.SetDimensions(nx, ny, nz)
image.SetSpacing(*spec['spacing'])
image.SetOrigin(*spec['origin'])
image.GetPointData().SetScalars(numpy_support.numpy_to_vtk(vol.ravel(), deep=1, array_type=vtk.VTK_FLOAT))
reslice = vtk.vtkImageReslice()
reslice.SetInputData(image)
reslice.SetResliceAxesDirectionCosines(*p['row'], *p['column'], *p['normal'])
reslice.SetResliceAxesOrigin(*p['position'])
reslice.SetOutputOrigin(0, 0, 0)
reslice.SetOutputSpacing(p['pixelSpacing'], p['pixelSpacing'], 1)
reslice.SetOutputExtent(0, p['columns'] - 1, 0, p['rows'] - 1, 0, 0)
reslice.SetOutputDimensionality(2)
reslice.SetInterpolationModeToCubic()
reslice.SetOutputScalarType(vtk.VTK_FLOAT)
reslice.Update()
out = numpy_support.vtk_to_numpy(reslice.GetOutput().GetPointData().GetScalars()).reshape(p['rows'], p['columns'])
np.where(inside, out, np.nan).astype('<f4').tofile(sys.argv[3])
`;

describe('reslicer against independent tools', () => {
  const tmp = useTempDir('atrium-reslice-referee-');
  const axial = analyticVolume({ dimensions: [48, 44, 36], spacing: [0.7, 0.7, 1.5], origin: [-16.45, -15.05, -26.25] }, smooth);
  const tilt = obliqueAxes([0.25, -0.35, 1], 'normal');
  const tilted = analyticVolume({ dimensions: [48, 44, 36], spacing: [0.7, 0.7, 1.5], origin: [-16.45, -15.05, -26.25], direction: [tilt.row, tilt.column, tilt.normal] }, smooth);
  const oblique = obliqueAxes([0.5, 1, 0.4], 'normal');

  const referee = (tool: 'scipy' | 'python3-vtk', script: string, volume: Volume, plane: PlaneSampling, interpolation: Interpolation): Float32Array => {
    const dir = tmp();
    const spec = { dimensions: volume.dimensions, spacing: volume.spacing, origin: volume.origin, direction: volume.direction, plane, interpolation };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    writeFileSync(join(dir, 'volume.f4'), Float32Array.from(volume.voxels));
    runPython(tool, script, [join(dir, 'spec.json'), join(dir, 'volume.f4'), join(dir, 'plane.f4')]);
    const bytes = readFileSync(join(dir, 'plane.f4'));
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  };
  const compare = (ours: Float32Array, theirs: Float32Array, tolerance: number): void => {
    const compared = [...theirs].filter((v) => !Number.isNaN(v)).length;
    expect(compared).toBeGreaterThan(SIZE * SIZE * 0.4);
    const worst = Math.max(...[...theirs].map((v, i) => (Number.isNaN(v) ? 0 : Math.abs(v - ours[i]!))));
    expect(worst).toBeLessThan(tolerance);
  };

  const cases: [string, Volume, PlaneAxes][] = [
    ['coronal plane of an axial series', axial, STANDARD_AXES.coronal],
    ['oblique plane of an axial series', axial, oblique],
    ['oblique plane of a tilted series', tilted, oblique],
  ];

  it.skipIf(!havePeers('scipy')).each(cases)('scipy map_coordinates: %s (linear, nearest)', (_, volume, axes) => {
    const plane = planeThrough(volume, axes, 0.6);
    compare(reslicePlane(volume, plane, 'linear', NaN), referee('scipy', SCIPY, volume, plane, 'linear'), 1e-2);
    // Nearest: the same voxel except where a sample lies halfway between two (rounding); compare most pixels exactly.
    const ours = reslicePlane(volume, plane, 'nearest', NaN);
    const theirs = referee('scipy', SCIPY, volume, plane, 'nearest');
    const same = [...theirs].filter((v, i) => !Number.isNaN(v) && Math.abs(v - ours[i]!) < 1e-3).length;
    expect(same / [...theirs].filter((v) => !Number.isNaN(v)).length).toBeGreaterThan(0.99);
  });

  it.skipIf(!havePeers('python3-vtk')).each(cases.slice(0, 2))('VTK C++ vtkImageReslice: %s (cubic)', (_, volume, axes) => {
    const plane = planeThrough(volume, axes, 0.6);
    const theirs = referee('python3-vtk', VTK, volume, plane, 'cubic');
    // Only where the 4×4×4 neighbourhood lies inside the volume: both kernels clamp at the border, but differently.
    const ours = reslicePlane(volume, plane, 'cubic', NaN);
    const interior = Float32Array.from(theirs, (v, i) => (insideBy(volume, plane, i, 1.5) ? v : NaN));
    compare(ours, interior, 0.05);
  });
});

/** Whether pixel i's sample lies at least `margin` voxels inside the volume. */
function insideBy(volume: Volume, plane: PlaneSampling, i: number, margin: number): boolean {
  const c = i % plane.columns, r = Math.floor(i / plane.columns);
  const p: Vec3 = add(add(plane.position, scale(plane.row, c * plane.pixelSpacing)), scale(plane.column, r * plane.pixelSpacing));
  const d = [0, 1, 2].map((a) => p[a]! - volume.origin[a]!);
  return [0, 1, 2].every((a) => {
    const index = (d[0]! * volume.direction[a]![0] + d[1]! * volume.direction[a]![1] + d[2]! * volume.direction[a]![2]) / volume.spacing[a]!;
    return index >= margin && index <= volume.dimensions[a]! - 1 - margin;
  });
}
