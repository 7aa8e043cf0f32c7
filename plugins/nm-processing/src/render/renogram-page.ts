import type { Roi } from '../renogram/roi.js';
import { createCanvas, drawImage, drawLine, drawText, fillRect, GREY, greyMap, strokeRect, WHITE, type Canvas, type Rgb } from './canvas.js';

/** What the renogram page shows. */
export interface RenogramPage {
  readonly lines: readonly string[];
  /** The summed early frames and the size of their pixels (the image is drawn square per mm). */
  readonly image: { readonly width: number; readonly height: number; readonly data: ArrayLike<number>; readonly caption: string };
  readonly rois: { readonly left: Roi; readonly right: Roi; readonly background: Roi };
  /** Image edge labels [left edge, right edge], e.g. ['R', 'L']. */
  readonly sides: readonly [string, string];
  /** Curves: minutes and counts/s. */
  readonly t: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly diureticMinute: number | undefined;
  /** Table rows: label, left value, right value. */
  readonly table: readonly (readonly [string, string, string])[];
  readonly footer: string;
}

export const LEFT_COLOUR: Rgb = [255, 80, 80];
export const RIGHT_COLOUR: Rgb = [80, 220, 80];
export const BACKGROUND_COLOUR: Rgb = [80, 200, 255];

/**
 * The renogram display page (RGB): the summed early frames with the left kidney, right kidney and
 * background ROIs outlined (the edges of their pixels) and labelled; the background-corrected count-rate curves of both kidneys
 * against time with axes, ticks, units and a legend (the diuretic marked); the measures as a table.
 */
export function renogramPage(p: RenogramPage): Canvas {
  const c = createCanvas(720, 500);
  drawText(c, 'RENOGRAM', 8, 6, WHITE, { scale: 2 });
  p.lines.slice(0, 2).forEach((line, i) => drawText(c, line, 8, 26 + 9 * i, GREY));
  // The summed image, 4 display pixels per image pixel (at most 256 wide).
  const zoom = Math.max(1, Math.floor(256 / Math.max(p.image.width, p.image.height)));
  const box = { x: 8, y: 64, width: p.image.width * zoom, height: p.image.height * zoom };
  let max = 0;
  for (let i = 0; i < p.image.data.length; i++) max = Math.max(max, p.image.data[i]!);
  drawImage(c, p.image, box, 0, max, greyMap);
  for (const [roi, colour, label] of [[p.rois.left, LEFT_COLOUR, 'L'], [p.rois.right, RIGHT_COLOUR, 'R'], [p.rois.background, BACKGROUND_COLOUR, 'BG']] as const) {
    drawMaskEdges(c, roi.mask, p.image.width, box, zoom, colour);
    const top = roi.mask.indexOf(1);
    if (top >= 0) drawText(c, label, box.x + (top % p.image.width) * zoom - 2, box.y + Math.floor(top / p.image.width) * zoom - 10, colour);
  }
  drawText(c, p.sides[0], box.x + 2, box.y + box.height + 3, WHITE);
  drawText(c, p.sides[1], box.x + box.width - 8, box.y + box.height + 3, WHITE);
  drawText(c, p.image.caption, box.x, box.y + box.height + 14, GREY);
  plotCurves(c, p, { x: 330, y: 64, width: 370, height: 250 });
  p.table.forEach(([label, l, r], i) => {
    const y = 360 + 12 * i;
    drawText(c, label, 290, y, i === 0 ? GREY : WHITE);
    drawText(c, l, 520, y, i === 0 ? LEFT_COLOUR : WHITE);
    drawText(c, r, 620, y, i === 0 ? RIGHT_COLOUR : WHITE);
  });
  drawText(c, p.footer, 8, c.height - 12, [255, 200, 0]);
  return c;
}

/** The edges between a region's pixels and the others, on an image drawn `zoom` times into `box`. */
function drawMaskEdges(c: Canvas, mask: Uint8Array, width: number, box: { x: number; y: number }, zoom: number, colour: Rgb): void {
  const height = mask.length / width;
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x] === 1;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    if (!inside(x, y)) continue;
    const [x0, y0, x1, y1] = [box.x + x * zoom, box.y + y * zoom, box.x + (x + 1) * zoom - 1, box.y + (y + 1) * zoom - 1];
    if (!inside(x, y - 1)) drawLine(c, x0, y0, x1, y0, colour);
    if (!inside(x, y + 1)) drawLine(c, x0, y1, x1, y1, colour);
    if (!inside(x - 1, y)) drawLine(c, x0, y0, x0, y1, colour);
    if (!inside(x + 1, y)) drawLine(c, x1, y0, x1, y1, colour);
  }
}

/** The curves in a plot area with axes, ticks (nice steps), axis titles with units and a legend. */
function plotCurves(c: Canvas, p: RenogramPage, area: { x: number; y: number; width: number; height: number }): void {
  const tMax = Math.max(...p.t, 1);
  const vMax = Math.max(...p.left, ...p.right, 1);
  const xStep = niceStep(tMax / 6);
  const yStep = niceStep(vMax / 5);
  const xEnd = Math.ceil(tMax / xStep) * xStep;
  const yEnd = Math.ceil(vMax / yStep) * yStep;
  const px = (t: number) => area.x + (t / xEnd) * area.width;
  const py = (v: number) => area.y + area.height - (Math.max(0, v) / yEnd) * area.height;
  strokeRect(c, area.x, area.y, area.width + 1, area.height + 1, GREY);
  for (let t = 0; t <= xEnd + 1e-9; t += xStep) {
    drawLine(c, px(t), area.y + area.height, px(t), area.y + area.height + 4, GREY);
    const label = formatTick(t);
    drawText(c, label, px(t) - (label.length * 6) / 2, area.y + area.height + 7, GREY);
  }
  for (let v = 0; v <= yEnd + 1e-9; v += yStep) {
    drawLine(c, area.x - 4, py(v), area.x, py(v), GREY);
    const label = formatTick(v);
    drawText(c, label, area.x - 8 - label.length * 6, py(v) - 3, GREY);
  }
  drawText(c, 'time (min)', area.x + area.width / 2 - 30, area.y + area.height + 18, WHITE);
  drawText(c, 'counts/s', area.x - 40, area.y - 12, WHITE);
  if (p.diureticMinute !== undefined) {
    for (let y = area.y; y < area.y + area.height; y += 4) fillRect(c, Math.round(px(p.diureticMinute)), y, 1, 2, [255, 200, 0]);
    drawText(c, 'diuretic', px(p.diureticMinute) + 3, area.y + 3, [255, 200, 0]);
  }
  for (const [values, colour] of [[p.left, LEFT_COLOUR], [p.right, RIGHT_COLOUR]] as const) {
    for (let i = 1; i < p.t.length; i++) drawLine(c, px(p.t[i - 1]!), py(values[i - 1]!), px(p.t[i]!), py(values[i]!), colour);
  }
  const lx = area.x + area.width - 150;
  fillRect(c, lx, area.y + 6, 144, 30, [20, 20, 20]);
  strokeRect(c, lx, area.y + 6, 144, 30, GREY);
  drawLine(c, lx + 6, area.y + 14, lx + 22, area.y + 14, LEFT_COLOUR);
  drawText(c, 'left kidney', lx + 28, area.y + 11, WHITE);
  drawLine(c, lx + 6, area.y + 27, lx + 22, area.y + 27, RIGHT_COLOUR);
  drawText(c, 'right kidney', lx + 28, area.y + 24, WHITE);
}

/** 1, 2 or 5 × a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(v < 1 ? 2 : 1);
}
