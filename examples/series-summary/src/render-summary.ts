import { drawText, fitText, textWidth, type TextStyle } from './draw-text.js';
import { blit, createRaster, strokeRect, type Raster } from './raster.js';

/** What the summary image shows. */
export interface SummaryPage {
  readonly title: string;
  /** Text lines under the title (at most {@link MAX_LINES} are drawn). */
  readonly lines: readonly string[];
  /** Thumbnails, each at most {@link THUMBNAIL_SIZE} square, with a label drawn under it. */
  readonly thumbnails: readonly { readonly image: Raster; readonly label: string }[];
  /** A line at the bottom (provenance). */
  readonly footer: string;
}

/** A thumbnail's square box in the summary image. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly size: number;
}

/** Width and height of the summary image. */
export const SUMMARY_SIZE = 512;
const MARGIN = 16;
/** Title: top-left corner and text style. */
export const TITLE_AT = { x: MARGIN, y: MARGIN } as const;
export const TITLE_STYLE: TextStyle = { scale: 3, value: 255 };
/** Text lines: top-left corner of the first, line pitch, style. */
export const LINES_AT = { x: MARGIN, y: 52 } as const;
export const LINE_PITCH = 20;
export const LINE_STYLE: TextStyle = { scale: 2, value: 255 };
export const MAX_LINES = 12;
/** Thumbnail strip: box size, gap, boxes per row, top of the first row, row pitch (box + label). */
export const THUMBNAIL_SIZE = 56;
const GAP = 6;
const PER_ROW = 8;
const STRIP_TOP = 300;
const ROW_PITCH = THUMBNAIL_SIZE + 20;
const OUTLINE = 96;
const LABEL_STYLE: TextStyle = { scale: 1, value: 200 };
const FOOTER_STYLE: TextStyle = { scale: 1, value: 160 };

/**
 * The boxes of `count` thumbnails: rows of up to 8, each row centred, from y = 300 down.
 * (16 thumbnails fill two rows.)
 */
export function thumbnailBoxes(count: number): Box[] {
  const boxes: Box[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / PER_ROW);
    const inRow = Math.min(PER_ROW, count - row * PER_ROW);
    const rowWidth = inRow * THUMBNAIL_SIZE + (inRow - 1) * GAP;
    const x0 = Math.floor((SUMMARY_SIZE - rowWidth) / 2);
    boxes.push({ x: x0 + (i % PER_ROW) * (THUMBNAIL_SIZE + GAP), y: STRIP_TOP + row * ROW_PITCH, size: THUMBNAIL_SIZE });
  }
  return boxes;
}

/**
 * Render the summary page into a 512×512 8-bit greyscale image (pure): black background,
 * white title (5×7 font at 3×), text lines (2×), a strip of outlined thumbnails centred in
 * their boxes with labels under them, and a footer. Text too wide is shortened with "...".
 */
export function renderSummary(page: SummaryPage): Raster {
  const r = createRaster(SUMMARY_SIZE, SUMMARY_SIZE, 0);
  const textRoom = SUMMARY_SIZE - 2 * MARGIN;
  drawText(r, fitText(page.title, textRoom, TITLE_STYLE), TITLE_AT.x, TITLE_AT.y, TITLE_STYLE);
  page.lines.slice(0, MAX_LINES).forEach((line, i) => {
    drawText(r, fitText(line, textRoom, LINE_STYLE), LINES_AT.x, LINES_AT.y + i * LINE_PITCH, LINE_STYLE);
  });
  const boxes = thumbnailBoxes(page.thumbnails.length);
  page.thumbnails.forEach(({ image, label }, i) => {
    const box = boxes[i]!;
    strokeRect(r, box.x - 1, box.y - 1, box.size + 2, box.size + 2, OUTLINE);
    blit(r, image, box.x + Math.floor((box.size - image.width) / 2), box.y + Math.floor((box.size - image.height) / 2));
    const text = fitText(label, box.size, LABEL_STYLE);
    drawText(r, text, box.x + Math.floor((box.size - textWidth(text, LABEL_STYLE)) / 2), box.y + box.size + 5, LABEL_STYLE);
  });
  drawText(r, fitText(page.footer, textRoom, FOOTER_STYLE), MARGIN, SUMMARY_SIZE - MARGIN - 8, FOOTER_STYLE);
  return r;
}
