import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray.js';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData.js';
import { InterpolationMode } from '@kitware/vtk.js/Imaging/Core/AbstractImageInterpolator/Constants.js';
import vtkImageReslice from '@kitware/vtk.js/Imaging/Core/ImageReslice.js';
import { SlabMode as VtkSlabMode } from '@kitware/vtk.js/Imaging/Core/ImageReslice/Constants.js';
import { SdkError, type Volume } from '@atrium/sdk';
import type { PlaneSampling } from './reslice-plane.js';
import type { Interpolation } from './voxel-sampler.js';

// The vtk.js typings omit the inherited data-set and algorithm methods used here.
type ImageData = ReturnType<typeof vtkImageData.newInstance> & { getPointData(): { setScalars(scalars: unknown): void } };
type Reslice = ReturnType<typeof vtkImageReslice.newInstance> & {
  setInputData(image: ImageData): void;
  getOutputData(): { getPointData(): { getScalars(): { getData(): ArrayLike<number> } } };
};
const images = new WeakMap<Volume, ImageData>();

const SLAB_MODES = { mip: VtkSlabMode.MAX, minip: VtkSlabMode.MIN, mean: VtkSlabMode.MEAN } as const;

/** The volume as a vtkImageData (voxels shared, not copied), made once per volume. */
function imageOf(volume: Volume): ImageData {
  let image = images.get(volume);
  if (!image) {
    image = vtkImageData.newInstance() as ImageData;
    image.setDimensions([...volume.dimensions]);
    image.setSpacing([...volume.spacing]);
    image.setOrigin([...volume.origin]);
    // vtk.js keeps the direction matrix column by column: the i, j, k axes in patient coordinates.
    image.setDirection([...volume.direction[0], ...volume.direction[1], ...volume.direction[2]]);
    image.getPointData().setScalars(vtkDataArray.newInstance({ values: volume.voxels, numberOfComponents: 1, name: 'voxels' }));
    images.set(volume, image);
  }
  return image;
}

/**
 * The same plane as {@link reslicePlane}, sampled by vtk.js's `vtkImageReslice` (the engine the
 * design names; kept as an alternative and as a cross-check of Atrium's reslicer): the reslice
 * axes are the plane's row, column and normal with its first pixel as origin, the output one
 * slice of square pixels; a slab is `samples` slices across the thickness combined by vtk's
 * slab mode (MAX, MIN, MEAN). vtk.js has no optimised cubic path: cubic is refused here (Atrium's
 * reslicer has it). Pixels outside the volume get `fill`.
 */
export function vtkReslicePlane(volume: Volume, plane: PlaneSampling, interpolation: Interpolation, fill: number): Float32Array {
  if (interpolation === 'cubic') throw new SdkError('ATRIUM_ERR_PARAM_INVALID', 'parameter "interpolation": cubic is not offered by engine=vtk (the optimised path of vtk.js ImageReslice has no cubic kernel); use engine=atrium', { parameter: 'interpolation' });
  const reslice = vtkImageReslice.newInstance() as Reslice;
  reslice.setInputData(imageOf(volume));
  reslice.setOutputDimensionality(2);
  reslice.setInterpolationMode(interpolation === 'nearest' ? InterpolationMode.NEAREST : InterpolationMode.LINEAR);
  reslice.setOutputScalarType('Float32Array');
  reslice.setBackgroundColor([fill, fill, fill, fill]);
  const { row: r, column: c, normal: n, position: o } = plane;
  // Column-major 4×4: the output x, y, z axes and the origin, in patient coordinates.
  reslice.setResliceAxes([r[0], r[1], r[2], 0, c[0], c[1], c[2], 0, n[0], n[1], n[2], 0, o[0], o[1], o[2], 1]);
  const slab = plane.slab;
  reslice.setOutputOrigin([0, 0, 0]);
  reslice.setOutputSpacing([plane.pixelSpacing, plane.pixelSpacing, slab ? slab.thickness / slab.samples : 1]);
  reslice.setOutputExtent([0, plane.columns - 1, 0, plane.rows - 1, 0, 0]);
  if (slab) {
    reslice.setSlabMode(SLAB_MODES[slab.mode]);
    reslice.setSlabNumberOfSlices(slab.samples);
  }
  const values = reslice.getOutputData().getPointData().getScalars().getData();
  return values instanceof Float32Array ? values : Float32Array.from(values);
}
