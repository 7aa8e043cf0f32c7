import type { Canvas, Rgb } from './canvas.js';
import { labelLesions, type LesionLabel } from './label-lesions.js';
import { drawText, fitText, textWidth } from './draw-text.js';
export type { LesionLabel } from './label-lesions.js';
import type { OrientationMarkers } from './orientation-markers.js';
import { renderSlice, type SliceImage } from './render-slice.js';

/** What a screen save shows. */
export interface ScreenSavePage {
  readonly slice: SliceImage;
  /** Lines at the top left (slice, position, window). */
  readonly header: readonly string[];
  readonly labels: readonly LesionLabel[];
  /** Patient directions at the middle of each edge. */
  readonly markers?: OrientationMarkers;
  /** Line at the bottom left. */
  readonly footer: string;
}

/** Narrower images have no room for orientation markers beside the header, labels and footer. */
export const MARKERS_MIN_WIDTH = 256;

/** Text scale of a screen save: 1 below 512 columns, 2 from 512, 4 from 1024. */
export function screenSaveTextScale(columns: number): number {
  return Math.max(1, 2 ** Math.floor(Math.log2(Math.max(1, columns / 256))));
}

/**
 * Render a screen save (pure): the slice at full size, windowed for calcium, lesion pixels
 * in their colours; header lines top left, each label right of its lesion (centred on its
 * row; left of or below it where it does not fit) on a black backdrop (so a dark artery colour reads on grey tissue), orientation markers
 * in yellow at the middle of the edges (images at least {@link MARKERS_MIN_WIDTH} wide), the footer bottom left. Header, markers and footer have
 * a one-pixel black shadow (down-right) so they read on bright bone; text too wide is shortened with "...".
 */
export function renderScreenSave(page: ScreenSavePage): Canvas {
  const c = renderSlice(page.slice);
  const scale = screenSaveTextScale(c.width);
  const pitch = 10 * scale;
  const margin = 4 * scale;
  const room = c.width - 2 * margin;
  const shadowed = (text: string, x: number, y: number, colour: Rgb): void => {
    drawText(c, text, x + 1, y + 1, { scale, colour: [0, 0, 0] });
    drawText(c, text, x, y, { scale, colour });
  };
  page.header.forEach((line, i) => shadowed(fitText(line, room, { scale }), margin, margin + i * pitch, [255, 255, 255]));
  labelLesions(c, page.labels, scale, margin);
  if (page.markers && c.width >= MARKERS_MIN_WIDTH) {
    const { left, right, top, bottom } = page.markers;
    const mid = (text: string): number => Math.floor((c.width - textWidth(text, { scale })) / 2);
    shadowed(left, margin, Math.floor((c.height - 7 * scale) / 2), [255, 255, 0]);
    shadowed(right, c.width - margin - textWidth(right, { scale }), Math.floor((c.height - 7 * scale) / 2), [255, 255, 0]);
    shadowed(top, mid(top), margin + 4 * pitch, [255, 255, 0]);
    shadowed(bottom, mid(bottom), c.height - margin - 7 * scale - pitch, [255, 255, 0]);
  }
  shadowed(fitText(page.footer, room, { scale }), margin, c.height - margin - 7 * scale, [255, 255, 255]);
  return c;
}
