import type { PlacedVolume } from '../recon/volume-layout.js';
import { createCanvas, drawImage, drawText, GREY, hotMap, strokeRect, WHITE, type Canvas, type GreyImage } from './canvas.js';

/** Text of a volume page. */
export interface VolumePageText {
  readonly title: string;
  /** Up to three lines under the title (patient, method, …). */
  readonly lines: readonly string[];
  readonly footer: string;
}

export const PAGE_WIDTH = 512;
const PANEL = 248;
const HEADER = 52;
const LABEL = 12;

/**
 * A display page of a transaxial volume (axes x, y, z of the patient) for viewers that cannot show
 * NM volumes: transaxial, coronal and sagittal slices through the count-weighted centre, and the
 * maximum intensity projection seen from the front, on the hot-iron scale from 0 to the volume's
 * maximum, each labelled with its position and the patient directions at its edges (radiological
 * convention: the patient's right on the viewer's left).
 */
export function volumePage(v: PlacedVolume, text: VolumePageText): Canvas {
  const c = createCanvas(PAGE_WIDTH, HEADER + 2 * (PANEL + LABEL) + 20);
  drawText(c, text.title, 8, 6, WHITE, { scale: 2 });
  text.lines.slice(0, 3).forEach((line, i) => drawText(c, line, 8, 24 + 9 * i, GREY));
  const [ci, cj, ck] = centroid(v);
  let max = 0;
  for (const x of v.data) max = Math.max(max, x);
  const [dx, dy, dz] = v.spacing;
  const z = (k: number) => (v.origin[2] + k * dz).toFixed(0);
  const panels: { image: GreyImage; mm: [number, number]; label: string; edges: [string, string, string, string] }[] = [
    { image: plane(v, 'transaxial', ck), mm: [v.columns * dx, v.rows * dy], label: `TRANSAXIAL z ${z(ck)} mm`, edges: ['A', 'P', 'R', 'L'] },
    { image: plane(v, 'coronal', cj), mm: [v.columns * dx, v.slices * dz], label: `CORONAL y ${(v.origin[1] + cj * dy).toFixed(0)} mm`, edges: ['S', 'I', 'R', 'L'] },
    { image: plane(v, 'sagittal', ci), mm: [v.rows * dy, v.slices * dz], label: `SAGITTAL x ${(v.origin[0] + ci * dx).toFixed(0)} mm`, edges: ['S', 'I', 'A', 'P'] },
    { image: plane(v, 'mip', 0), mm: [v.columns * dx, v.slices * dz], label: 'MIP, ANTERIOR VIEW', edges: ['S', 'I', 'R', 'L'] },
  ];
  panels.forEach((p, n) => {
    const x0 = 4 + (n % 2) * (PANEL + 8);
    const y0 = HEADER + Math.floor(n / 2) * (PANEL + LABEL);
    drawText(c, p.label, x0, y0, GREY);
    const scale = Math.min((PANEL - 16) / p.mm[0], (PANEL - 20) / p.mm[1]);
    const w = Math.max(1, Math.round(p.mm[0] * scale));
    const h = Math.max(1, Math.round(p.mm[1] * scale));
    const box = { x: x0 + Math.round((PANEL - w) / 2), y: y0 + LABEL + Math.round((PANEL - LABEL - h) / 2), width: w, height: h };
    drawImage(c, p.image, box, 0, max, hotMap);
    strokeRect(c, box.x - 1, box.y - 1, w + 2, h + 2, [60, 60, 60]);
    drawText(c, p.edges[0], box.x + w / 2 - 2, box.y - 9, WHITE);
    drawText(c, p.edges[1], box.x + w / 2 - 2, box.y + h + 2, WHITE);
    drawText(c, p.edges[2], box.x - 8, box.y + h / 2 - 3, WHITE);
    drawText(c, p.edges[3], box.x + w + 3, box.y + h / 2 - 3, WHITE);
  });
  drawText(c, text.footer, 8, c.height - 12, [255, 200, 0]);
  return c;
}

/** The count-weighted centre (column, row, slice), rounded; the grid centre for an empty volume. */
export function centroid(v: PlacedVolume): [number, number, number] {
  let w = 0;
  let si = 0;
  let sj = 0;
  let sk = 0;
  for (let j = 0; j < v.rows; j++) for (let i = 0; i < v.columns; i++) for (let k = 0; k < v.slices; k++) {
    const x = Math.max(0, v.data[(j * v.columns + i) * v.slices + k]!);
    w += x;
    si += x * i;
    sj += x * j;
    sk += x * k;
  }
  if (w === 0) return [v.columns >> 1, v.rows >> 1, v.slices >> 1];
  return [Math.round(si / w), Math.round(sj / w), Math.round(sk / w)];
}

/**
 * A plane of the volume as an image, top row first: transaxial slice k (rows = y), coronal row j and
 * sagittal column i (top = highest slice), or the maximum over y (anterior view).
 */
export function plane(v: PlacedVolume, kind: 'transaxial' | 'coronal' | 'sagittal' | 'mip', at: number): GreyImage {
  const { columns, rows, slices, data } = v;
  const value = (i: number, j: number, k: number) => data[(j * columns + i) * slices + k]!;
  if (kind === 'transaxial') return { width: columns, height: rows, data: Float32Array.from({ length: columns * rows }, (_, p) => value(p % columns, Math.floor(p / columns), at)) };
  if (kind === 'sagittal') return { width: rows, height: slices, data: Float32Array.from({ length: rows * slices }, (_, p) => value(at, p % rows, slices - 1 - Math.floor(p / rows))) };
  const out = new Float32Array(columns * slices);
  for (let r = 0; r < slices; r++) for (let i = 0; i < columns; i++) {
    const k = slices - 1 - r;
    if (kind === 'coronal') out[r * columns + i] = value(i, at, k);
    else {
      let m = 0;
      for (let j = 0; j < rows; j++) m = Math.max(m, value(i, j, k));
      out[r * columns + i] = m;
    }
  }
  return { width: columns, height: slices, data: out };
}
