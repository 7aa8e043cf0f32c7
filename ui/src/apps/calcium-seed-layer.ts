import { h } from '../dom/h';
import { str } from '../dicomweb/dicom-json';
import { Tag } from '../standard';
import { imagePlane, patientToPixel, pixelToPatient, type ImagePlane } from '../viewer/image-geometry';
import type { StackPane } from '../viewer/stack-pane';
import { ARTERIES, arteryColor, type Artery } from './arteries';

/** A seed as the calcium app takes it (`{artery, at:[x,y,z]}` in patient mm), with where it was placed. */
export interface Seed {
  artery: Artery;
  at: [number, number, number];
  sopInstanceUID: string;
  imageIndex: number;
  column: number;
  row: number;
  hu: number;
}

/** How far from the click a seed snaps to the brightest calcium pixel (pixels). */
const SNAP_RADIUS = 5;

/**
 * Calcium seeds placed by clicking a lesion: pixels at or over the threshold (the app's candidates)
 * are tinted on the image; a click snaps to the brightest candidate pixel within 5 pixels, asks for
 * the artery, and records the seed at that pixel's centre in patient coordinates — so a seed always
 * lies on calcium the app will find. Seeds show as rings coloured by artery on their slice.
 */
export class CalciumSeedLayer {
  readonly seeds: Seed[] = [];
  threshold = 130;
  private enabled = false;
  private readonly canvas = h('canvas', { class: 'seed-layer', 'data-test': 'seed-layer' });
  private chooser: HTMLElement | undefined;
  readonly listeners = new Set<() => void>();

  constructor(
    private readonly pane: StackPane,
    private readonly notify: (message: string, kind?: 'info' | 'error') => void,
  ) {
    pane.container.append(this.canvas);
    pane.listeners.add(() => this.draw());
    pane.element.addEventListener('pointerdown', (e) => this.onPointerDown(e), true);
  }

  /** Tint candidates and take clicks only while the calcium app is chosen and the Seed tool is on. */
  setEnabled(on: boolean): void {
    this.enabled = on;
    this.closeChooser();
    this.draw();
  }

  setThreshold(hu: number): void {
    this.threshold = hu;
    this.draw();
  }

  remove(i: number): void {
    this.seeds.splice(i, 1);
    this.changed();
  }

  clear(): void {
    this.seeds.length = 0;
    this.changed();
  }

  private changed(): void {
    this.draw();
    for (const fn of this.listeners) fn();
  }

  private current(): { plane: ImagePlane; hu: (c: number, r: number) => number; columns: number; rows: number; sop: string } | undefined {
    const series = this.pane.series;
    if (!series) return undefined;
    const ds = series.instanceOf[this.pane.index];
    const plane = imagePlane(ds);
    const image = this.pane.viewport.getCornerstoneImage?.();
    if (!plane || !image) return undefined;
    const data = image.getPixelData();
    const scaled = image.preScale?.scaled;
    const slope = scaled ? 1 : (image.slope ?? 1);
    const intercept = scaled ? 0 : (image.intercept ?? 0);
    return { plane, columns: image.columns, rows: image.rows, sop: str(ds, Tag.SOPInstanceUID), hu: (c, r) => data[r * image.columns + c] * slope + intercept };
  }

  private onPointerDown(e: PointerEvent): void {
    if (!this.enabled || this.pane.element.dataset.tool !== 'Seed' || e.button !== 0) return;
    const img = this.current();
    if (!img) return;
    e.stopPropagation();
    const rect = this.pane.element.getBoundingClientRect();
    const world = this.pane.viewport.canvasToWorld([e.clientX - rect.left, e.clientY - rect.top]);
    const [fc, fr] = patientToPixel(img.plane, world);
    let best: { c: number; r: number; hu: number; d: number } | undefined;
    for (let r = Math.round(fr) - SNAP_RADIUS; r <= Math.round(fr) + SNAP_RADIUS; r++) {
      for (let c = Math.round(fc) - SNAP_RADIUS; c <= Math.round(fc) + SNAP_RADIUS; c++) {
        const d = Math.hypot(c - fc, r - fr);
        if (r < 0 || c < 0 || r >= img.rows || c >= img.columns || d > SNAP_RADIUS) continue;
        const hu = img.hu(c, r);
        if (hu >= this.threshold && (!best || hu > best.hu || (hu === best.hu && d < best.d))) best = { c, r, hu, d };
      }
    }
    if (!best) {
      this.notify(`No calcium (≥ ${this.threshold} HU) within ${SNAP_RADIUS} pixels of the click: click on a tinted lesion.`, 'error');
      return;
    }
    const chosen = best;
    this.openChooser(e.clientX - rect.left, e.clientY - rect.top, (artery) => {
      this.seeds.push({ artery, at: pixelToPatient(img.plane, chosen.c, chosen.r), sopInstanceUID: img.sop, imageIndex: this.pane.index, column: chosen.c, row: chosen.r, hu: Math.round(chosen.hu) });
      this.changed();
    });
  }

  private openChooser(x: number, y: number, choose: (a: Artery) => void): void {
    this.closeChooser();
    this.chooser = h(
      'div',
      { class: 'artery-chooser', role: 'menu', 'data-test': 'artery-chooser', style: `left:${Math.round(x)}px;top:${Math.round(y)}px` },
      h('div', { class: 'small muted' }, 'Artery of this lesion'),
      ...ARTERIES.map((a) =>
        h('button', { role: 'menuitem', 'data-test': `artery-${a.code}`, style: `border-left:4px solid ${a.color}`, title: a.name, onclick: () => (this.closeChooser(), choose(a.code)) }, `${a.code} · ${a.name}`),
      ),
      h('button', { class: 'muted', onclick: () => this.closeChooser() }, 'Cancel'),
    );
    this.pane.container.append(this.chooser);
  }

  private closeChooser(): void {
    this.chooser?.remove();
    this.chooser = undefined;
  }

  private draw(): void {
    const el = this.pane.element;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(el.clientWidth * dpr);
    this.canvas.height = Math.round(el.clientHeight * dpr);
    const ctx = this.canvas.getContext('2d');
    const img = this.enabled ? this.current() : undefined;
    if (!ctx || !img) return;
    ctx.scale(dpr, dpr);
    const vp = this.pane.viewport;
    const at = (c: number, r: number) => vp.worldToCanvas(pixelToPatient(img.plane, c, r));
    const o = at(0, 0);
    const dx = at(1, 0).map((v, i) => v - o[i]);
    const dy = at(0, 1).map((v, i) => v - o[i]);
    const size = Math.max(1, Math.hypot(dx[0], dx[1]));
    ctx.fillStyle = 'rgba(255, 140, 0, 0.55)';
    for (let r = 0; r < img.rows; r++) {
      for (let c = 0; c < img.columns; c++) {
        if (img.hu(c, r) < this.threshold) continue;
        ctx.fillRect(o[0] + c * dx[0] + r * dy[0] - size / 2, o[1] + c * dx[1] + r * dy[1] - size / 2, size, size);
      }
    }
    ctx.lineWidth = 2;
    ctx.font = '12px sans-serif';
    for (const s of this.seeds) {
      if (s.sopInstanceUID !== img.sop) continue;
      const p = at(s.column, s.row);
      ctx.strokeStyle = ctx.fillStyle = arteryColor(s.artery);
      ctx.beginPath();
      ctx.arc(p[0], p[1], 9, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.fillText(s.artery, p[0] + 11, p[1] - 11);
    }
  }
}
