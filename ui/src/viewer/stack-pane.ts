import { Enums, type RenderingEngine, type Types } from '@cornerstonejs/core';
import { utilities as toolUtils } from '@cornerstonejs/tools';
import { h } from '../dom/h';
import { key, nums } from '../dicomweb/dicom-json';
import { Tag } from '../standard';
import type { SeriesImages } from './series-images';
import { ViewportOverlay } from './viewport-overlay';
import { fromRange, toRange } from './window-presets';

/**
 * One stack viewport: its element, the series it shows, the overlay, scrolling, window and cine.
 * `onChange` runs after every new image, window or camera change (the seed layer redraws on it).
 */
export class StackPane {
  readonly element: HTMLDivElement;
  readonly container: HTMLDivElement;
  series: SeriesImages | undefined;
  private readonly overlay: ViewportOverlay;
  private playing = false;
  readonly listeners = new Set<() => void>();

  constructor(
    private readonly engine: RenderingEngine,
    readonly viewportId: string,
  ) {
    this.element = h('div', { class: 'viewport-element', 'data-viewport': viewportId, oncontextmenu: (e: Event) => e.preventDefault() });
    this.container = h('div', { class: 'viewport', 'data-pane': viewportId }, this.element);
    this.overlay = new ViewportOverlay(this.container);
    const refresh = () => this.refresh();
    for (const ev of [Enums.Events.STACK_NEW_IMAGE, Enums.Events.VOI_MODIFIED, Enums.Events.CAMERA_MODIFIED, Enums.Events.IMAGE_RENDERED]) this.element.addEventListener(ev, refresh);
  }

  /** Enable the viewport once its element is in the page (cornerstone measures it). */
  enable(): void {
    this.engine.enableElement({ viewportId: this.viewportId, type: Enums.ViewportType.STACK, element: this.element, defaultOptions: { background: [0, 0, 0] } });
  }

  get viewport(): Types.IStackViewport {
    return this.engine.getViewport(this.viewportId) as Types.IStackViewport;
  }

  /** Show a series from its first image (or the middle one for a volume); resolves once it is on screen. */
  async show(series: SeriesImages, index = 0): Promise<void> {
    this.stopCine();
    this.series = series;
    this.element.dataset.series = series.seriesUid;
    this.element.dataset.state = 'loading';
    await this.viewport.setStack(series.imageIds, Math.min(index, series.imageIds.length - 1));
    this.viewport.render();
    this.element.dataset.state = 'shown';
    this.refresh();
  }

  get index(): number {
    return this.viewport.getCurrentImageIdIndex();
  }

  async scroll(delta: number): Promise<void> {
    if (!this.series) return;
    const next = Math.max(0, Math.min(this.series.imageIds.length - 1, this.index + delta));
    if (next !== this.index) await this.viewport.setImageIdIndex(next);
  }

  setWindow(center: number, width: number): void {
    this.viewport.setProperties({ voiRange: toRange(center, width) });
    this.viewport.render();
  }

  get window(): { center: number; width: number } | undefined {
    const range = this.viewport.getProperties().voiRange;
    return range ? fromRange(range) : undefined;
  }

  reset(): void {
    this.viewport.resetProperties();
    this.viewport.resetCamera();
    this.viewport.render();
  }

  /** Cine: play the frames (a multi-frame image's at its Frame Time, else 10 per second); again to stop. */
  toggleCine(): boolean {
    if (this.playing) this.stopCine();
    else if (this.series && this.series.imageIds.length > 1) {
      const frameTime = nums(this.series.instanceOf[0], Tag.FrameTime)[0];
      toolUtils.cine.playClip(this.element, { framesPerSecond: frameTime ? Math.min(60, 1000 / frameTime) : 10, loop: true });
      this.playing = true;
    }
    this.element.dataset.cine = String(this.playing);
    return this.playing;
  }

  stopCine(): void {
    if (!this.playing) return;
    toolUtils.cine.stopClip(this.element);
    this.playing = false;
    this.element.dataset.cine = 'false';
  }

  private refresh(): void {
    const series = this.series;
    if (!series) return;
    const index = this.index;
    const ds = series.instanceOf[index];
    this.element.dataset.index = String(index);
    const camera = ds?.[key(Tag.ImageOrientationPatient)] ? this.viewport.getCamera() : undefined;
    const w = this.window;
    if (w) this.element.dataset.window = `${Math.round(w.center)},${Math.round(w.width)}`;
    this.overlay.update({
      ds,
      index,
      count: series.imageIds.length,
      window: w,
      zoom: this.viewport.getZoom?.(),
      camera: camera?.viewUp && camera.viewPlaneNormal ? { viewUp: [...camera.viewUp], viewPlaneNormal: [...camera.viewPlaneNormal] } : undefined,
    });
    for (const fn of this.listeners) fn();
  }
}
