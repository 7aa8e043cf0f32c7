import { defineApp, type DicomValue, type SourceSeries, type Volume } from '@atrium/sdk';
import { decimal, direction, point } from '../../geometry/dicom-values.js';
import { planePixels } from '../../pixels/plane-pixels.js';
import { reslicePlane } from '../../reslice/reslice-plane.js';
import { vtkReslicePlane } from '../../reslice/vtk-reslice.js';
import { backgroundOf, loadVolume } from '../../volume/load-volume.js';
import { DERIVATION, derivationItems } from '../derivation-codes.js';
import { SCORE3D_LOAD } from '../score3d-load-spec.js';
import { mprOutputs } from './mpr-outputs.js';
import { mprParameters } from './mpr-parameters.js';
import { mprPlan, planeSampling, planeSources, type MprPlan } from './mpr-plan.js';
import { typeTwoConditional } from '../type-two-conditional.js';
import { mrSequenceAttributes } from './mr-sequence.js';

const SLAB_CODES = { thin: [DERIVATION.mpr], mip: [DERIVATION.mpr, DERIVATION.mip], minip: [DERIVATION.mpr, DERIVATION.minip], mean: [DERIVATION.mpr] } as const;

/**
 * Multiplanar reformatting (after Shimadzu SCORE 3D): axial, coronal, sagittal or oblique planes
 * (by a normal and a point, or three points) through the volume of a CT, Enhanced CT, MR or
 * Enhanced MR series, thin or as slabs (MIP, MinIP, mean), resampled (linear, nearest, cubic) →
 * a derived CT Image or MR Image series in the same Frame of Reference, one instance per plane,
 * with exact Image Position / Orientation, Pixel Spacing, Slice Thickness and Spacing Between
 * Slices, Image Type value 3 as the modules define it (CT: AXIAL, for any reformatted plane;
 * MR: MPR), a Derivation Code Sequence (CID 7203) and the source slices in Source Image Sequence.
 */
export const mprApp = defineApp({
  id: 'mpr',
  load: SCORE3D_LOAD,
  parameters: mprParameters,
  outputs: mprOutputs,
  async run(ctx, input, params) {
    const volume = await loadVolume(ctx, input, params.unevenSpacing, 0.3);
    const plan = mprPlan(volume, params);
    const ct = (input.modality ?? volume.unit) === 'CT' || volume.unit === 'HU';
    const fill = ct ? -1024 : backgroundOf(volume);
    const window = sourceWindow(input, ct);
    const planes = plan.grid.planes.length;
    const description = describe(plan, params.interpolation, params.engine);
    const mr = { ...(ct ? {} : mrSequenceAttributes(input.instances[0]!)), ...typeTwoConditional(input.instances[0]!, { patientPosition: true, mr: !ct }) };
    for (let n = 0; n < planes; n++) {
      ctx.signal.throwIfAborted();
      const sampling = planeSampling(plan, n);
      const values = params.engine === 'vtk' ? vtkReslicePlane(volume, sampling, params.interpolation, fill) : reslicePlane(volume, sampling, params.interpolation, fill);
      const { pixels } = planePixels(values, plan.grid.rows, plan.grid.columns, ct);
      await ctx.derive.write(ct ? 'ct-mpr' : 'mr-mpr', {
        sources: planeSources(volume, input, sampling, params.interpolation),
        pixels,
        burnedInAnnotation: false,
        content: { ...planeContent(plan, n, ct), ...window, ...mr, SeriesDescription: seriesDescription(plan, params.orientation), DerivationDescription: description, DerivationCodeSequence: derivationItems(...SLAB_CODES[plan.slab]), ImageComments: `${description}; plane ${n + 1} of ${planes}` },
      });
      ctx.progress(0.3 + (0.7 * (n + 1)) / planes, `plane ${n + 1} of ${planes}`);
    }
    return {
      summary: `${planes} ${params.orientation} plane(s) of ${plan.grid.columns}×${plan.grid.rows} pixels (${decimal(plan.grid.pixelSpacing)} mm), ${decimal(plan.grid.spacing)} mm apart, ${plan.slab === 'thin' ? 'thin' : `${plan.slab} slabs of ${decimal(plan.thickness)} mm`}`,
      data: resultData(volume, plan, params.orientation),
    };
  },
});

/** The Image Plane of plane n, its Image Type value 3 (and 4), and for CT the identity rescale to HU. */
function planeContent(plan: MprPlan, n: number, ct: boolean): Record<string, DicomValue> {
  const { grid } = plan;
  const plane = grid.planes[n]!;
  return {
    ImagePositionPatient: point(plane.position),
    ImageOrientationPatient: [...direction(grid.axes.row), ...direction(grid.axes.column)],
    PixelSpacing: [grid.pixelSpacing, grid.pixelSpacing],
    SliceThickness: decimal(plan.thickness),
    SpacingBetweenSlices: decimal(grid.spacing),
    SliceLocation: decimal(plane.distance),
    // Image Type value 3 (PS3.3 C.8.2.1.1.1 / C.8.3.1.1.1): CT AXIAL for any reformatted plane; MR MPR,
    // PROJECTION IMAGE for maximum / minimum intensity slabs.
    ImageType: ct ? ['AXIAL'] : plan.slab === 'mip' || plan.slab === 'minip' ? ['PROJECTION IMAGE'] : ['MPR'],
    // Rescale Type (Type 1C) is written only when the values are not HU (PS3.3 C.8.2.1): they are.
    ...(ct ? { RescaleIntercept: 0, RescaleSlope: 1 } : {}),
  };
}

/** The first source's window, else a soft-tissue window for CT (none for MR). */
function sourceWindow(input: SourceSeries, ct: boolean): Record<string, DicomValue> {
  const first = input.instances[0]!;
  const center = first.numbers('WindowCenter')[0];
  const width = first.numbers('WindowWidth')[0];
  if (center !== undefined && width !== undefined && width >= 1) return { WindowCenter: center, WindowWidth: width };
  return ct ? { WindowCenter: 40, WindowWidth: 400 } : {};
}

function seriesDescription(plan: MprPlan, orientation: string): string {
  const slab = plan.slab === 'thin' ? 'thin' : `${plan.slab.toUpperCase()} ${decimal(plan.thickness)} mm`;
  return `MPR ${orientation}, ${slab}, ${decimal(plan.grid.spacing)} mm`;
}

function describe(plan: MprPlan, interpolation: string, engine: string): string {
  const slab = plan.slab === 'thin' ? 'thin planes' : `${plan.slab.toUpperCase()} slabs ${decimal(plan.thickness)} mm`;
  return `Multiplanar reformatting: ${slab}, ${decimal(plan.grid.spacing)} mm apart, ${interpolation} interpolation (${engine === 'vtk' ? 'vtk.js ImageReslice' : 'Atrium reslicer'})`;
}

function resultData(volume: Volume, plan: MprPlan, orientation: string): Record<string, unknown> {
  const { grid } = plan;
  return {
    orientation,
    planes: grid.planes.length,
    rows: grid.rows,
    columns: grid.columns,
    pixelSpacing: grid.pixelSpacing,
    spacing: grid.spacing,
    slab: plan.slab,
    thickness: plan.thickness,
    imageOrientationPatient: [...direction(grid.axes.row), ...direction(grid.axes.column)],
    firstPosition: point(grid.planes[0]!.position),
    volume: { dimensions: volume.dimensions, spacing: volume.spacing, unit: volume.unit },
  };
}
