import { defineApp, windowToGrey } from '@atrium/sdk';
import { decimal } from '../../geometry/dicom-values.js';
import { projectionGrid, projectionViews, type ProjectionView } from '../../mip/projection-views.js';
import { projectView } from '../../mip/project-view.js';
import { Canvas, burnCaption, burnOrientationLabels } from '../../pixels/canvas.js';
import { orientationLabel } from '../../render/orientation-label.js';
import { scale } from '../../geometry/vec3.js';
import { editVolume } from '../../volume/edit-volume.js';
import { backgroundOf, loadVolume } from '../../volume/load-volume.js';
import { DERIVATION, derivationItems } from '../derivation-codes.js';
import { SCORE3D_LOAD } from '../score3d-load-spec.js';
import { typeTwoConditional } from '../type-two-conditional.js';
import { viewWindow } from '../view-window.js';
import { viewPrivateData } from '../view-private-data.js';
import { viewOutputs } from '../view-outputs.js';
import { mipParameters } from './mip-parameters.js';

const MODE = { mip: 'MIP', minip: 'MINIP', mean: 'MEAN' } as const;

/**
 * Rotating projections (after Shimadzu SCORE 3D): N parallel projections (maximum, minimum or mean
 * intensity) around a patient axis — by default 36 around the patient's vertical (head–foot) axis —
 * optionally through a slab, a clipping box and with bone removed, windowed to 8-bit grey →
 * Secondary Capture images (a projection has no true Image Plane), each with its angle in Image
 * Comments and in the private block, orientation labels burned in at the edges.
 */
export const mipApp = defineApp({
  id: 'mip',
  load: SCORE3D_LOAD,
  parameters: mipParameters,
  outputs: viewOutputs,
  async run(ctx, input, params) {
    const loaded = await loadVolume(ctx, input, params.unevenSpacing, 0.3);
    const fill = backgroundOf(loaded);
    const { volume, edits } = editVolume(loaded, params, fill);
    const window = viewWindow({ center: params.windowCenter, width: params.windowWidth }, volume, { center: 300, width: 1200 });
    const grid = projectionGrid(volume, params.axis, { pixelSpacing: params.pixelSpacing, thickness: params.thickness });
    const views = projectionViews(params.axis, params.projections, params.startAngle);
    const mode = MODE[params.mode];
    const codes = [params.mode === 'minip' ? DERIVATION.minip : DERIVATION.mip, ...(edits.length > 0 ? [DERIVATION.volumeEditing] : [])];
    for (const [n, view] of views.entries()) {
      ctx.signal.throwIfAborted();
      const values = projectView(volume, view, grid, { mode: params.mode, interpolation: params.interpolation, step: grid.pixelSpacing, fill });
      const canvas = new Canvas(grid.columns, grid.rows, 1, windowToGrey(values, window.center, window.width));
      const labels = viewLabels(view);
      burnOrientationLabels(canvas, labels);
      burnCaption(canvas, `${mode} ${decimal(view.angle)} deg ${params.axis}`);
      const what = `${mode} projection ${n + 1} of ${views.length} at ${decimal(view.angle)} degrees about the ${params.axis} axis`;
      await ctx.derive.write('views', {
        sources: input.instances,
        pixels: canvas.pixels(),
        // Orientation and angle labels only: nothing that identifies the patient.
        burnedInAnnotation: false,
        content: {
          ...typeTwoConditional(input.instances[0]!, { patientPosition: false, mr: false }),
          ImageType: [mode],
          PatientOrientation: [labels.right, labels.bottom],
          ImageComments: `${what}; window ${decimal(window.center)}/${decimal(window.width)}${edits.length > 0 ? `; ${edits.join('; ')}` : ''}`,
          DerivationDescription: `Rotating ${mode} of the source volume: ${params.projections} views about the ${params.axis} axis${params.thickness > 0 ? `, slab ${params.thickness} mm` : ''}`,
          DerivationCodeSequence: derivationItems(...codes),
          SeriesDescription: `${mode} ${params.axis} ${params.projections} views`,
        },
        privateData: viewPrivateData({ mode, camera: [view.angle, 0, 1], window, sourceSeriesInstanceUID: input.seriesInstanceUID, parameters: { ...params, view: n + 1, angle: view.angle } }),
      });
      ctx.progress(0.3 + (0.7 * (n + 1)) / views.length, `projection ${n + 1} of ${views.length}`);
    }
    return {
      summary: `${views.length} ${mode} projection(s) of ${grid.columns}×${grid.rows} pixels (${decimal(grid.pixelSpacing)} mm) about the ${params.axis} axis, window ${decimal(window.center)}/${decimal(window.width)}`,
      data: { projections: views.length, angles: views.map((v) => decimal(v.angle)), rows: grid.rows, columns: grid.columns, pixelSpacing: grid.pixelSpacing, window, edits },
    };
  },
});

/** The orientation letters at the edges of a view: the patient directions towards them. */
function viewLabels(view: ProjectionView): { left: string; right: string; top: string; bottom: string } {
  return { left: orientationLabel(scale(view.right, -1)), right: orientationLabel(view.right), top: orientationLabel(scale(view.down, -1)), bottom: orientationLabel(view.down) };
}
