// VTK C++ (through Debian's python3-vtk9) as the peer of the 3-D benchmark: the same volume and the
// same operations, timed inside Python (warm medians), so only VTK's own work is measured.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { which } from './peer-tools.mjs';

/** A python3 that imports vtk (Debian: /usr/bin/python3 with python3-vtk9), or undefined. */
export function pythonWithVtk() {
  return [process.env.ATRIUM_PYTHON, '/usr/bin/python3', which('python3')].find((p) => p && existsSync(p) && spawnSync(p, ['-c', 'import vtk, numpy'], { stdio: 'ignore' }).status === 0);
}

const SCRIPT = `
import sys, json, time, statistics, numpy as np, vtk
from vtk.util import numpy_support
spec = json.loads(sys.argv[2])
nx, ny, nz = spec['dimensions']
values = np.fromfile(sys.argv[1], dtype='<i2').reshape(nz, ny, nx)
def image_of(v):
    image = vtk.vtkImageData()
    image.SetDimensions(v.shape[2], v.shape[1], v.shape[0])
    image.SetSpacing(*spec['spacing'])
    image.SetOrigin(*spec['origin'])
    image.GetPointData().SetScalars(numpy_support.numpy_to_vtk(v.ravel(), deep=0, array_type=vtk.VTK_SHORT))
    return image
image = image_of(values)
def warm(f):
    f()
    times = []
    for _ in range(spec['reps']):
        t = time.perf_counter(); f(); times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)
def reslice(axes, origin, spacing, extent, dim, slab=None, interpolation='linear'):
    r = vtk.vtkImageReslice()
    r.SetInputData(image)
    r.SetResliceAxesDirectionCosines(*axes[0], *axes[1], *axes[2])
    r.SetResliceAxesOrigin(*origin)
    r.SetOutputOrigin(0, 0, 0)
    r.SetOutputSpacing(*spacing)
    r.SetOutputExtent(*extent)
    r.SetOutputDimensionality(dim)
    r.SetOutputScalarType(vtk.VTK_FLOAT)
    r.SetInterpolationModeToLinear() if interpolation == 'linear' else r.SetInterpolationModeToNearestNeighbor()
    if slab:
        r.SetSlabModeToMax(); r.SetSlabNumberOfSlices(slab)
    def run():
        r.Modified(); r.Update()
    return run
out = {}
p = spec['plane']
out['obliquePlane'] = warm(reslice([p['row'], p['column'], p['normal']], p['position'], [p['pixelSpacing'], p['pixelSpacing'], 1], [0, p['columns'] - 1, 0, p['rows'] - 1, 0, 0], 2))
c = spec['coronal']
out['coronalSet'] = warm(reslice([c['row'], c['column'], c['normal']], c['position'], [c['pixelSpacing'], c['pixelSpacing'], c['spacing']], [0, c['columns'] - 1, 0, c['rows'] - 1, 0, c['planes'] - 1], 3))
m = spec['mip']
out['mipSlab'] = warm(reslice([m['row'], m['column'], m['normal']], m['position'], [m['pixelSpacing'], m['pixelSpacing'], m['pixelSpacing']], [0, m['columns'] - 1, 0, m['rows'] - 1, 0, 0], 2, slab=m['samples'], interpolation='nearest'))
part = image_of(np.ascontiguousarray(values[:spec['isoSlices']]))
for name, cls in (('flyingEdges', vtk.vtkFlyingEdges3D), ('marchingCubes', vtk.vtkMarchingCubes)):
    f = cls(); f.SetInputData(part); f.SetValue(0, 300)
    if hasattr(f, 'ComputeNormalsOff'): f.ComputeNormalsOff()
    if hasattr(f, 'ComputeGradientsOff'): f.ComputeGradientsOff()
    if hasattr(f, 'ComputeScalarsOff'): f.ComputeScalarsOff()
    def run(f=f):
        f.Modified(); f.Update()
    out[name] = warm(run)
    out[name + 'Triangles'] = f.GetOutput().GetNumberOfPolys()
out['version'] = vtk.vtkVersion.GetVTKVersion()
print(json.dumps(out))
`;

/**
 * VTK's timings of the benchmark's operations on the raw Int16 volume at `rawPath`: one oblique
 * plane (vtkImageReslice, linear), the coronal set (one 3-D reslice), a MIP slab of the whole depth
 * (vtkImageReslice slab MAX, nearest samples), iso-surfaces at 300 HU (vtkFlyingEdges3D and
 * vtkMarchingCubes) of the first `isoSlices` slices. Milliseconds, warm medians of `reps`.
 */
export function vtkTimings(python, rawPath, volume, { reps, isoSlices }) {
  const [nx, ny, nz] = volume.dimensions;
  const ps = volume.spacing[0];
  const centre = [0, 1, 2].map((a) => volume.origin[a] + ((volume.dimensions[a] - 1) / 2) * volume.spacing[a]);
  const n = [0.3, 1, 0.4].map((x) => x / Math.hypot(0.3, 1, 0.4));
  const row = normalise([1 - n[0] * n[0], -n[0] * n[1], -n[0] * n[2]]);
  let column = cross(n, row);
  if (column[2] > 0) column = column.map((x) => -x);
  const normal = cross(row, column);
  const plane = { position: centre.map((c, a) => c - 255.5 * ps * (row[a] + column[a])), row, column, normal, rows: 512, columns: 512, pixelSpacing: ps };
  const coronalRows = Math.floor(((nz - 1) * volume.spacing[2]) / ps) + 1;
  const coronal = { row: [1, 0, 0], column: [0, 0, -1], normal: [0, 1, 0], position: [volume.origin[0], volume.origin[1], volume.origin[2] + (nz - 1) * volume.spacing[2]], pixelSpacing: ps, spacing: ps, columns: nx, rows: coronalRows, planes: ny };
  const mip = { row: [1, 0, 0], column: [0, 0, -1], normal: [0, 1, 0], position: [volume.origin[0], centre[1], volume.origin[2] + (nz - 1) * volume.spacing[2]], pixelSpacing: ps, columns: nx, rows: coronalRows, samples: ny };
  const spec = { dimensions: volume.dimensions, spacing: volume.spacing, origin: volume.origin, reps, isoSlices, plane, coronal, mip };
  const r = spawnSync(python, ['-c', SCRIPT, rawPath, JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`VTK peer failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function normalise(v) {
  const l = Math.hypot(...v);
  return v.map((x) => x / l);
}

function cross(a, b) {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
