import { createCanvas, fillRect, grey, setPixel, strokeRect, type Canvas, type Rgb } from './canvas.js';
import { drawText, fitText, wrapText, type TextStyle } from './draw-text.js';

/** One row of the score table: cells left to right, and the colour of the first cell. */
export interface ReportRow {
  readonly cells: readonly string[];
  readonly colour?: Rgb;
}

/** What a report page shows (all text already formatted). */
export interface ReportPage {
  readonly title: string;
  /** Patient and study lines (at most 4 drawn). */
  readonly patient: readonly string[];
  /** Method and parameter lines (at most 4 drawn). */
  readonly method: readonly string[];
  /** Score table: header, one row per artery (at most 5), and the total. */
  readonly table: { readonly header: readonly string[]; readonly rows: readonly ReportRow[]; readonly total: readonly string[] };
  /** Risk line, drawn large. */
  readonly risk: string;
  readonly riskColour?: Rgb;
  /** Status and warning notes, wrapped to the notes column (at most {@link MAX_NOTES} lines drawn). */
  readonly notes: readonly string[];
  /** The key image, at most {@link KEY_BOX} × unit square, with a label under it. */
  readonly keyImage?: { readonly image: Canvas; readonly label: string };
  readonly footer: string;
}

/** Layout of the page at unit 1 (512 × 512); a 1024 page is the same layout at unit 2. */
export const REPORT_BASE_SIZE = 512;
const M = 16;
export const TITLE_Y = 14;
export const PATIENT_Y = 40;
export const METHOD_Y = 94;
export const TABLE_Y = 150;
export const LINE_PITCH = 11;
export const ROW_PITCH = 12;
/** Left edge of each table column. */
export const TABLE_COLUMNS = [16, 80, 170, 270, 360] as const;
export const RISK_Y = 246;
export const NOTES_Y = 276;
export const MAX_NOTES = 16;
/** The key image box: top-left corner and size. */
export const KEY_AT = { x: 296, y: 270 } as const;
export const KEY_BOX = 200;
export const FOOTER_Y = 496;
/** The warning printed top right on every page. */
export const NOT_FOR_CLINICAL_USE = 'NOT FOR CLINICAL USE';

/**
 * Render a report page (pure) on a black page of 512 × `unit` pixels square: the title
 * (font ×2) with NOT FOR CLINICAL USE top right, patient lines, method lines, the score
 * table, the risk line (×2), notes (wrapped at spaces) on the left and the outlined key image on the right,
 * the footer. Every length and font scale is multiplied by `unit` (the 1024 patient report
 * is the 512 layout at unit 2). `colour` false draws everything in white/grey (for the
 * 16-bit MONOCHROME2 physician report); true uses the row, risk and heading colours.
 */
export function renderReport(page: ReportPage, unit: 1 | 2, colour: boolean): Canvas {
  const size = REPORT_BASE_SIZE * unit;
  const c = createCanvas(size, size);
  const u = (v: number): number => v * unit;
  const room = u(REPORT_BASE_SIZE - 2 * M);
  const style = (scale: number, tint?: Rgb): TextStyle => ({ scale: scale * unit, colour: colour && tint ? tint : [255, 255, 255] });
  const heading: Rgb = [120, 200, 255];
  const text = (t: string, x: number, y: number, st: TextStyle, maxWidth = room): void => void drawText(c, fitText(t, maxWidth, st), u(x), u(y), st);
  const rule = (y: number): void => fillRect(c, u(M), u(y), room, unit, colour ? heading : grey(128));

  const warn = style(1, [255, 80, 80]);
  const warnWidth = NOT_FOR_CLINICAL_USE.length * 6 - 1;
  text(page.title, M, TITLE_Y, style(2, heading), u(REPORT_BASE_SIZE - 3 * M - warnWidth));
  text(NOT_FOR_CLINICAL_USE, REPORT_BASE_SIZE - M - warnWidth, TITLE_Y + 4, warn);
  page.patient.slice(0, 4).forEach((line, i) => text(line, M, PATIENT_Y + i * LINE_PITCH, style(1)));
  rule(PATIENT_Y + 4 * LINE_PITCH + 4);
  page.method.slice(0, 4).forEach((line, i) => text(line, M, METHOD_Y + i * LINE_PITCH, style(1)));
  rule(METHOD_Y + 4 * LINE_PITCH + 4);

  const cells = (row: readonly string[], y: number, first: TextStyle, rest: TextStyle): void => {
    row.forEach((cell, k) => {
      const x = TABLE_COLUMNS[k];
      if (x === undefined) return;
      const next = TABLE_COLUMNS[k + 1] ?? REPORT_BASE_SIZE - M;
      text(cell, x, y, k === 0 ? first : rest, u(next - x - 4));
    });
  };
  cells(page.table.header, TABLE_Y, style(1, heading), style(1, heading));
  const rows = page.table.rows.slice(0, 5);
  rows.forEach((row, i) => cells(row.cells, TABLE_Y + (i + 1) * ROW_PITCH + 2, style(1, row.colour), style(1)));
  const totalY = TABLE_Y + (rows.length + 1) * ROW_PITCH + 8;
  fillRect(c, u(M), u(totalY - 4), u(TABLE_COLUMNS[4] + 50 - M), unit, colour ? heading : grey(128));
  cells(page.table.total, totalY, style(1), style(1));

  text(page.risk, M, RISK_Y, style(2, page.riskColour));
  const notesStyle = style(1, [255, 200, 80]);
  const noteLines = page.notes.flatMap((note) => wrapText(note, u(KEY_AT.x - 2 * M), notesStyle));
  noteLines.slice(0, MAX_NOTES).forEach((line, i) => text(line, M, NOTES_Y + i * LINE_PITCH, notesStyle, u(KEY_AT.x - 2 * M)));
  if (page.keyImage) {
    const { image, label } = page.keyImage;
    const x0 = u(KEY_AT.x) + Math.floor((u(KEY_BOX) - image.width) / 2);
    const y0 = u(KEY_AT.y) + Math.floor((u(KEY_BOX) - image.height) / 2);
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const i = 3 * (y * image.width + x);
        setPixel(c, x0 + x, y0 + y, [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!]);
      }
    }
    strokeRect(c, u(KEY_AT.x) - 1, u(KEY_AT.y) - 1, u(KEY_BOX) + 2, u(KEY_BOX) + 2, grey(128));
    text(label, KEY_AT.x, KEY_AT.y + KEY_BOX + 4, style(1), u(KEY_BOX));
  }
  text(page.footer, M, FOOTER_Y, style(1, [180, 180, 180]));
  return c;
}
