import type { Projections } from '../recon/projections.js';
import { createCanvas, drawImage, drawLine, drawText, fillRect, GREY, greyMap, strokeRect, WHITE, type Canvas, type GreyImage } from './canvas.js';

/** What the gated SPECT quality-control page shows. */
export interface GatedQcPage {
  readonly lines: readonly string[];
  /** The summed projections (all slots), views in acquisition order. */
  readonly projections: Projections;
  /** Per-slot counts relative to the median, and the flagged slots (1-based). */
  readonly deviation: readonly number[];
  readonly flagged: readonly number[];
  readonly tolerance: number;
  /** Counts in the LV region per slot, when a region was given. */
  readonly lvCurve: readonly number[] | undefined;
  readonly footer: string;
}

/**
 * The motion quality-control page of a gated SPECT (RGB): the sinogram of the summed projections at
 * the row with the most counts (patient motion shows as a break in the sinusoids), eight projections
 * evenly spread over the views (a still cine), the counts of each time slot against the median with the
 * tolerance band (flagged slots in red), and the counts in the LV region per slot.
 */
export function gatedQcPage(p: GatedQcPage): Canvas {
  const c = createCanvas(640, 520);
  drawText(c, 'GATED SPECT QUALITY CONTROL', 8, 6, WHITE, { scale: 2 });
  p.lines.slice(0, 2).forEach((line, i) => drawText(c, line, 8, 26 + 9 * i, GREY));
  const { views, bins, slices, data } = p.projections;
  // The row (slice) with the most counts.
  let best = 0;
  let bestSum = -1;
  for (let z = 0; z < slices; z++) {
    let s = 0;
    for (let v = 0; v < views; v++) for (let b = 0; b < bins; b++) s += data[(v * bins + b) * slices + z]!;
    if (s > bestSum) {
      bestSum = s;
      best = z;
    }
  }
  const sinogram: GreyImage = { width: bins, height: views, data: Float32Array.from({ length: views * bins }, (_, i) => data[i * slices + best]!) };
  drawText(c, `SINOGRAM, ROW ${slices - best} FROM THE TOP`, 8, 50, GREY);
  const sbox = { x: 8, y: 62, width: 256, height: Math.min(440, Math.max(views * 2, 128)) };
  drawImage(c, sinogram, sbox, 0, maxOf(sinogram.data), greyMap);
  strokeRect(c, sbox.x - 1, sbox.y - 1, sbox.width + 2, sbox.height + 2, [60, 60, 60]);
  drawText(c, 'views top to bottom', sbox.x, sbox.y + sbox.height + 4, GREY);
  drawText(c, 'PROJECTIONS (ALL SLOTS SUMMED)', 290, 50, GREY);
  for (let n = 0; n < 8; n++) {
    const v = Math.floor((n * views) / 8);
    const image: GreyImage = { width: bins, height: slices, data: Float32Array.from({ length: bins * slices }, (_, i) => data[(v * bins + (i % bins)) * slices + (slices - 1 - Math.floor(i / bins))]!) };
    const box = { x: 290 + (n % 4) * 86, y: 62 + Math.floor(n / 4) * 96, width: 80, height: Math.max(8, Math.round((80 * slices) / bins)) };
    drawImage(c, image, box, 0, maxOf(image.data), greyMap);
    drawText(c, `view ${v + 1}`, box.x, box.y + box.height + 2, GREY);
  }
  slotChart(c, p, { x: 300, y: 280, width: 320, height: 90 });
  if (p.lvCurve) curveChart(c, p.lvCurve, { x: 300, y: 400, width: 320, height: 70 });
  else drawText(c, 'No LV region given: no time-activity curve', 300, 410, GREY);
  drawText(c, p.footer, 8, c.height - 12, [255, 200, 0]);
  return c;
}

function slotChart(c: Canvas, p: GatedQcPage, a: { x: number; y: number; width: number; height: number }): void {
  drawText(c, `COUNTS PER TIME SLOT / MEDIAN (TOLERANCE ${Math.round(p.tolerance * 100)} %)`, a.x, a.y - 12, GREY);
  const n = p.deviation.length;
  const w = Math.max(2, Math.floor(a.width / n) - 2);
  const y1 = (r: number) => a.y + a.height - Math.max(0, Math.min(1.5, r) / 1.5) * a.height;
  fillRect(c, a.x, Math.round(y1(1 + p.tolerance)), a.width, Math.max(1, Math.round(y1(1 - p.tolerance) - y1(1 + p.tolerance))), [30, 40, 30]);
  p.deviation.forEach((d, i) => {
    const x = a.x + i * (w + 2);
    const top = Math.round(y1(1 + d));
    fillRect(c, x, top, w, a.y + a.height - top, p.flagged.includes(i + 1) ? [255, 70, 70] : [120, 170, 255]);
    drawText(c, String(i + 1), x + w / 2 - 3, a.y + a.height + 3, GREY);
  });
  drawLine(c, a.x, y1(1), a.x + a.width, y1(1), WHITE);
  drawText(c, '1.0', a.x - 22, y1(1) - 3, GREY);
}

function curveChart(c: Canvas, values: readonly number[], a: { x: number; y: number; width: number; height: number }): void {
  drawText(c, 'COUNTS IN THE LV REGION PER TIME SLOT', a.x, a.y - 12, GREY);
  strokeRect(c, a.x, a.y, a.width, a.height, GREY);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const px = (i: number) => a.x + 4 + (i * (a.width - 8)) / Math.max(1, values.length - 1);
  const py = (v: number) => a.y + a.height - 4 - ((v - lo) / (hi - lo || 1)) * (a.height - 8);
  for (let i = 1; i < values.length; i++) drawLine(c, px(i - 1), py(values[i - 1]!), px(i), py(values[i]!), [255, 200, 80]);
  drawText(c, `${Math.round(lo)}-${Math.round(hi)} counts`, a.x + 4, a.y + a.height + 3, GREY);
}

function maxOf(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, a[i]!);
  return m;
}
