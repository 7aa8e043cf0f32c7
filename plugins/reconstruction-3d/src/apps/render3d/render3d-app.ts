import { defineApp, SdkError, type Parameters, type RenderedImage, type Scene, type Vec3, type Volume } from '@atrium/sdk';
import { decimal } from '../../geometry/dicom-values.js';
import { centreOf, cornerPoints } from '../../geometry/volume-bounds.js';
import { norm, scale, sub } from '../../geometry/vec3.js';
import { Canvas, burnCaption, burnOrientationLabels } from '../../pixels/canvas.js';
import { orientationLabel } from '../../render/orientation-label.js';
import { presetTransfer, type PresetTransfer } from '../../render/transfer-presets.js';
import { viewCamera, viewFrame, type ViewAngles } from '../../render/view-camera.js';
import { isoSurface } from '../../surface/iso-surface.js';
import { meshMeasures } from '../../surface/mesh.js';
import { coarserGrid } from '../../volume/coarser-grid.js';
import { parseClipBox } from '../../volume/clip-box.js';
import { editVolume, type EditedVolume } from '../../volume/edit-volume.js';
import { backgroundOf, loadVolume } from '../../volume/load-volume.js';
import { DERIVATION, derivationItems } from '../derivation-codes.js';
import { SCORE3D_LOAD } from '../score3d-load-spec.js';
import { typeTwoConditional } from '../type-two-conditional.js';
import { viewOutputs } from '../view-outputs.js';
import { viewPrivateData } from '../view-private-data.js';
import { render3dParameters } from './render3d-parameters.js';

type Params = Parameters<typeof render3dParameters>;
const SURFACE_COLOUR = [0.93, 0.89, 0.8] as const;

/**
 * Volume rendering and surface rendering (after Shimadzu SCORE 3D): the volume of a CT or MR with
 * a preset (bone, vessels, soft tissue, MIP), or the iso-surface at a value, seen from a camera
 * (azimuth, elevation, zoom; several views turning about the head–foot axis), clipped to a box and
 * with bone removed on request, drawn by the host's WebGL2 renderer (`ctx.render`: vtk.js in
 * headless Chromium) → RGB Secondary Capture images carrying the view parameters in the SCORE 3D
 * private block (rendering mode, camera, window or iso-value, source series), orientation labels
 * burned in.
 */
export const render3dApp = defineApp({
  id: 'render-3d',
  load: SCORE3D_LOAD,
  parameters: render3dParameters,
  outputs: viewOutputs,
  async run(ctx, input, params) {
    const renderer = ctx.render;
    if (!renderer) throw new SdkError('ATRIUM_ERR_RENDER_UNAVAILABLE', 'this host offers no 3-D renderer (ctx.render); run the app in the Atrium host');
    const loaded = await loadVolume(ctx, input, params.unevenSpacing, 0.3);
    const fill = backgroundOf(loaded);
    // Surfaces close at the box (voxels outside set to the background); a volume is clipped by the renderer.
    const edited = editVolume(loaded, params.mode === 'surface' ? params : { ...params, clipBox: '' }, fill);
    const box = params.mode === 'surface' ? undefined : parseClipBox(params.clipBox);
    const angles = Array.from({ length: params.views }, (_, n): ViewAngles => ({ azimuth: params.azimuth + (360 * n) / params.views, elevation: params.elevation, zoom: params.zoom }));
    const { centre, radius } = extentOf(edited.volume, box ?? edited.clipBox);
    ctx.progress(0.4, params.mode === 'surface' ? 'iso-surface' : 'preparing the volume');
    const { scene, transfer, summary } = buildScene(edited, params, angles.map((a) => viewCamera(a, centre, radius)), box, ctx.signal);
    ctx.progress(0.5, `rendering ${angles.length} view(s)`);
    const images = await renderer.scene(scene);
    const mode = params.mode === 'surface' ? 'SURFACE' : params.preset === 'mip' ? 'MIP' : 'VOLUME';
    const codes = [params.mode === 'surface' ? DERIVATION.surfaceRendering : params.preset === 'mip' ? DERIVATION.mip : DERIVATION.volumeRendering, ...(edited.edits.length > 0 || box ? [DERIVATION.volumeEditing] : [])];
    for (const [n, image] of images.entries()) {
      ctx.signal.throwIfAborted();
      const view = angles[n]!;
      const canvas = annotated(image, view, mode === 'SURFACE' ? `SURFACE ${decimal(params.isoValue)}` : `${mode} ${params.preset}`);
      await ctx.derive.write('views', {
        sources: input.instances,
        pixels: canvas.pixels(),
        // Orientation labels and the view's name only: nothing that identifies the patient.
        burnedInAnnotation: false,
        content: {
          ...typeTwoConditional(input.instances[0]!, { patientPosition: false, mr: false }),
          ImageType: [mode],
          PatientOrientation: [orientationLabel(viewFrame(view).right), orientationLabel(scale(viewFrame(view).up, -1))],
          ImageComments: `${summary}; view ${n + 1} of ${images.length}: azimuth ${decimal(view.azimuth)}, elevation ${decimal(view.elevation)}, zoom ${decimal(view.zoom)}`,
          DerivationDescription: `${summary}${[...edited.edits, ...(box ? ['clipping box'] : [])].map((e) => `; ${e}`).join('')}`,
          DerivationCodeSequence: derivationItems(...codes),
          SeriesDescription: mode === 'SURFACE' ? `3D surface ${decimal(params.isoValue)}` : `3D ${params.preset}`,
        },
        privateData: viewPrivateData({
          mode,
          camera: [view.azimuth, view.elevation, view.zoom],
          ...(transfer ? { window: transfer.window, transfer: transfer.transfer } : {}),
          ...(params.mode === 'surface' ? { isoValue: params.isoValue } : {}),
          sourceSeriesInstanceUID: input.seriesInstanceUID,
          parameters: { ...params, view: n + 1 },
        }),
      });
      ctx.progress(0.5 + (0.5 * (n + 1)) / images.length, `view ${n + 1} of ${images.length}`);
    }
    return { summary: `${images.length} ${mode.toLowerCase()} view(s) of ${params.size}×${params.size}: ${summary}`, data: resultData(images, edited, params) };
  },
});

/** The scene of the run: the (coarser) volume with its preset, or the iso-surface mesh. */
function buildScene(edited: EditedVolume, params: Params, cameras: Scene['cameras'], box: EditedVolume['clipBox'], signal: AbortSignal): { scene: Scene; transfer: PresetTransfer | undefined; summary: string } {
  const base = { width: params.size, height: params.size, background: [0, 0, 0] as const, cameras, ...(box ? { clipBox: box } : {}) };
  if (params.mode === 'surface') {
    const mesh = isoSurface(edited.volume, params.isoValue, () => signal.throwIfAborted());
    const m = meshMeasures(mesh);
    if (m.triangles === 0) throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "isoValue": no surface at ${[params.isoValue, edited.volume.unit].filter((x) => x !== undefined).join(' ')} in the volume`, { parameter: 'isoValue' });
    return { scene: { ...base, surfaces: [{ positions: mesh.positions, triangles: mesh.triangles, colour: SURFACE_COLOUR }] }, transfer: undefined, summary: `surface rendering at ${decimal(params.isoValue)} (${m.triangles} triangles)` };
  }
  const windowGiven = params.windowWidth > 0 ? { center: params.windowCenter, width: params.windowWidth } : undefined;
  const transfer = presetTransfer(params.preset, edited.volume, windowGiven);
  const grid = coarserGrid(edited.volume, params.renderResolution, signal);
  return {
    scene: { ...base, volume: { grid, voxels: grid.voxels, blend: transfer.blend, transfer: transfer.transfer, shade: params.shade && transfer.shade } },
    transfer,
    summary: `volume rendering, preset ${params.preset} (${grid.dimensions.join('×')} voxels)`,
  };
}

/** What the camera frames: the clipping box, else the volume (centre, and radius of the enclosing sphere). */
function extentOf(volume: Volume, box: EditedVolume['clipBox']): { centre: Vec3; radius: number } {
  if (box) {
    const centre: Vec3 = [(box.min[0] + box.max[0]) / 2, (box.min[1] + box.max[1]) / 2, (box.min[2] + box.max[2]) / 2];
    return { centre, radius: norm(sub(box.max, centre)) };
  }
  const centre = centreOf(volume);
  return { centre, radius: Math.max(...cornerPoints(volume).map((p) => norm(sub(p, centre)))) };
}

/** The rendered image with orientation labels and the view's name burned in. */
function annotated(image: RenderedImage, view: ViewAngles, name: string): Canvas {
  const canvas = new Canvas(image.width, image.height, 3, image.rgb);
  const frame = viewFrame(view);
  burnOrientationLabels(canvas, { left: orientationLabel(scale(frame.right, -1)), right: orientationLabel(frame.right), top: orientationLabel(frame.up), bottom: orientationLabel(scale(frame.up, -1)) });
  burnCaption(canvas, `${name} az ${decimal(view.azimuth)} el ${decimal(view.elevation)}`);
  return canvas;
}

function resultData(images: readonly RenderedImage[], edited: EditedVolume, params: Params): Record<string, unknown> {
  return { views: images.length, size: params.size, renderMs: images.map((i) => Math.round(i.renderMs)), edits: edited.edits };
}
