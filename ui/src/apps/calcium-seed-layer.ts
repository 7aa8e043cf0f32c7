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

/** The image on screen as the seed layer reads it: geometry, HU of a pixel, size, SOP Instance UID. */
interface CurrentImage {
  plane: ImagePlane;
  hu: (c: number, r: number) => number;
  columns: number;
  rows: number;
  sop: string;
}

/** How far from the click a seed snaps to the brightest calcium pixel (pixels). */
const SNAP_RADIUS = 5;

/**
 * Calcium seeds placed by clicking a lesion: pixels at or over the threshold (the app's candidates)
 * are tinted on the image; a click snaps to the brightest candidate pixel within 5 pixels, asks for
 * the artery, and records the seed at that pixel's centre in patient coordinates — so a seed always
 * lies on calcium the app will find. Dragging a region around several lesions seeds each of them
 * for one artery. Seeds show as rings coloured by artery on their slice.
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

  private current(): CurrentImage | undefined {
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
    const start = [e.clientX - rect.left, e.clientY - rect.top];
    let end = start;
    const move = (m: PointerEvent) => {
      end = [m.clientX - rect.left, m.clientY - rect.top];
      this.draw([start, end]);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      if (Math.hypot(end[0] - start[0], end[1] - start[1]) < 4) this.seedAtClick(img, start);
      else this.seedsInRegion(img, start, end);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  /** The pixel (column, row) under a canvas point. */
  private pixelAt(img: CurrentImage, p: number[]): [number, number] {
    return patientToPixel(img.plane, this.pane.viewport.canvasToWorld([p[0], p[1]]));
  }

  /** A click: the brightest candidate pixel within {@link SNAP_RADIUS} of it, then the artery. */
  private seedAtClick(img: CurrentImage, at: number[]): void {
    const [fc, fr] = this.pixelAt(img, at);
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
      this.draw();
      this.notify(`No calcium (≥ ${this.threshold} HU) within ${SNAP_RADIUS} pixels of the click: click on a tinted lesion.`, 'error');
      return;
    }
    this.chooseArtery(img, at, [best]);
  }

  /**
   * A region drawn around lesions: one seed per lesion inside it (each 8-connected group of
   * candidate pixels on this slice, at its brightest pixel), all for the artery chosen once.
   */
  private seedsInRegion(img: CurrentImage, a: number[], b: number[]): void {
    const [c0, r0] = this.pixelAt(img, a);
    const [c1, r1] = this.pixelAt(img, b);
    const cMin = Math.max(0, Math.round(Math.min(c0, c1)));
    const cMax = Math.min(img.columns - 1, Math.round(Math.max(c0, c1)));
    const rMin = Math.max(0, Math.round(Math.min(r0, r1)));
    const rMax = Math.min(img.rows - 1, Math.round(Math.max(r0, r1)));
    const seen = new Set<number>();
    const lesions: { c: number; r: number; hu: number }[] = [];
    for (let r = rMin; r <= rMax; r++) {
      for (let c = cMin; c <= cMax; c++) {
        if (seen.has(r * img.columns + c) || img.hu(c, r) < this.threshold) continue;
        let best = { c, r, hu: img.hu(c, r) };
        const stack = [[c, r]];
        seen.add(r * img.columns + c);
        while (stack.length) {
          const [x, y] = stack.pop()!;
          const hu = img.hu(x, y);
          if (hu > best.hu) best = { c: x, r: y, hu };
          for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              const nx = x + dx;
              const ny = y + dy;
              if (nx < cMin || ny < rMin || nx > cMax || ny > rMax || seen.has(ny * img.columns + nx) || img.hu(nx, ny) < this.threshold) continue;
              seen.add(ny * img.columns + nx);
              stack.push([nx, ny]);
            }
          }
        }
        lesions.push(best);
      }
    }
    if (!lesions.length) {
      this.draw();
      this.notify(`No calcium (≥ ${this.threshold} HU) inside the region.`, 'error');
      return;
    }
    this.chooseArtery(img, b, lesions);
  }

  private chooseArtery(img: CurrentImage, at: number[], lesions: { c: number; r: number; hu: number }[]): void {
    const index = this.pane.index;
    this.openChooser(at[0], at[1], lesions.length, (artery) => {
      for (const l of lesions) this.seeds.push({ artery, at: pixelToPatient(img.plane, l.c, l.r), sopInstanceUID: img.sop, imageIndex: index, column: l.c, row: l.r, hu: Math.round(l.hu) });
      this.changed();
    });
  }

  private openChooser(x: number, y: number, lesions: number, choose: (a: Artery) => void): void {
    this.closeChooser();
    this.chooser = h(
      'div',
      { class: 'artery-chooser', role: 'menu', 'data-test': 'artery-chooser', style: `left:${Math.round(x)}px;top:${Math.round(y)}px` },
      h('div', { class: 'small muted' }, lesions === 1 ? 'Artery of this lesion' : `Artery of these ${lesions} lesions`),
      ...ARTERIES.map((a) =>
        h('button', { role: 'menuitem', 'data-test': `artery-${a.code}`, style: `border-left:4px solid ${a.color}`, title: a.name, onclick: () => (this.closeChooser(), choose(a.code)) }, `${a.code} · ${a.name}`),
      ),
      h('button', { class: 'muted', onclick: () => (this.closeChooser(), this.draw()) }, 'Cancel'),
    );
    this.pane.container.append(this.chooser);
  }

  private closeChooser(): void {
    this.chooser?.remove();
    this.chooser = undefined;
  }

  private draw(region?: number[][]): void {
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
    if (region) {
      ctx.strokeStyle = '#ffffff';
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(region[0][0], region[0][1], region[1][0] - region[0][0], region[1][1] - region[0][1]);
      ctx.setLineDash([]);
    }
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
