import {
  Enums,
  cornerstoneStreamingImageVolumeLoader,
  setVolumesForViewports,
  volumeLoader,
  type RenderingEngine,
  type Types,
} from '@cornerstonejs/core';
import { h } from '../dom/h';
import type { SeriesImages } from './series-images';

let loaderRegistered = false;

/**
 * MPR (axial, sagittal, coronal) and a 3-D volume rendering of a CT / MR series, on cornerstone3D's
 * volume viewports (vtk.js 36 inside cornerstone: its own copy, never mixed with the render
 * service's vtk.js). The volume streams in from the same WADO-RS frames as the stack.
 */
export class VolumeViews {
  readonly element = h('div', { class: 'volume-views', hidden: true, 'data-test': 'volume-views' });
  private readonly ids: string[] = [];

  constructor(
    private readonly engine: RenderingEngine,
    /** Called with the new viewport ids once enabled (the viewer binds its volume tools to them). */
    private readonly onEnabled: (viewportIds: string[]) => void,
  ) {}

  /** Show `mode` for a series; resolves once the volume is set on the viewports (it keeps streaming). */
  async show(series: SeriesImages, mode: 'mpr' | '3d'): Promise<void> {
    if (!loaderRegistered) {
      volumeLoader.registerVolumeLoader('cornerstoneStreamingImageVolume', cornerstoneStreamingImageVolumeLoader as unknown as Parameters<typeof volumeLoader.registerVolumeLoader>[1]);
      loaderRegistered = true;
    }
    this.hide();
    this.element.hidden = false;
    this.element.dataset.mode = mode;
    const volumeId = `cornerstoneStreamingImageVolume:${series.seriesUid}`;
    const volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds: series.imageIds });
    const specs: Types.PublicViewportInput[] = (
      mode === 'mpr'
        ? [
            ['mpr-axial', Enums.OrientationAxis.AXIAL],
            ['mpr-sagittal', Enums.OrientationAxis.SAGITTAL],
            ['mpr-coronal', Enums.OrientationAxis.CORONAL],
          ]
        : [['volume-3d', undefined]]
    ).map(([viewportId, orientation]) => {
      const element = h('div', { class: 'viewport-element', 'data-viewport': viewportId as string, oncontextmenu: (e: Event) => e.preventDefault() });
      this.element.append(h('div', { class: 'viewport' }, element, h('div', { class: 'ov tl' }, String(viewportId).replace('mpr-', '').replace('volume-', ''))));
      this.ids.push(viewportId as string);
      return {
        viewportId: viewportId as string,
        element,
        type: mode === 'mpr' ? Enums.ViewportType.ORTHOGRAPHIC : Enums.ViewportType.VOLUME_3D,
        defaultOptions: { background: [0, 0, 0] as Types.Point3, ...(orientation ? { orientation: orientation as Enums.OrientationAxis } : {}) },
      };
    });
    for (const spec of specs) this.engine.enableElement(spec);
    this.onEnabled(this.ids);
    (volume as unknown as { load(): void }).load();
    await setVolumesForViewports(this.engine, [{ volumeId }], this.ids);
    if (mode === '3d') {
      const vp = this.engine.getViewport('volume-3d') as Types.IVolumeViewport;
      vp.setProperties({ preset: 'CT-Bone' });
    }
    this.engine.renderViewports(this.ids);
    this.element.dataset.state = 'shown';
  }

  hide(): void {
    for (const id of this.ids) this.engine.disableElement(id);
    this.ids.length = 0;
    this.element.replaceChildren();
    this.element.hidden = true;
    delete this.element.dataset.state;
  }
}
