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
  /** Method, acquisition and reading lines (at most {@link METHOD_LINES} drawn). */
  readonly method: readonly string[];
  /** Score table: header, one row per artery (at most 5), and the total. */
  readonly table: { readonly header: readonly string[]; readonly rows: readonly ReportRow[]; readonly total: readonly string[] };
  /** Risk line, drawn large; with `banner`, drawn on a filled bar in that colour (a "NOT SCORED" banner). */
  readonly risk: string;
  readonly riskColour?: Rgb;
  /** Drawn under the risk line (the CAC-DRS and classic categories). */
  readonly riskDetail?: string;
  readonly banner?: boolean;
  /** Status and warning notes, wrapped to the notes column (at most {@link MAX_NOTES} lines drawn). */
  readonly notes: readonly string[];
  /** The key image, at most {@link KEY_BOX} × unit square, with a label under it. */
  readonly keyImage?: { readonly image: Canvas; readonly label: string };
  readonly footer: string;
}

/** Layout of the page at unit 1 (512 × 512). */
export const REPORT_BASE_SIZE = 512;
const M = 16;
export const TITLE_Y = 14;
export const PATIENT_Y = 38;
export const METHOD_Y = 88;
export const METHOD_LINES = 6;
export const TABLE_Y = 162;
export const LINE_PITCH = 11;
export const ROW_PITCH = 12;
/** Left edge of each table column. */
export const TABLE_COLUMNS = [16, 80, 170, 270, 360] as const;
export const RISK_Y = 256;
export const NOTES_Y = 296;
export const MAX_NOTES = 17;
/** The key image box: top-left corner and size. */
export const KEY_AT = { x: 316, y: 292 } as const;
export const KEY_BOX = 180;
export const FOOTER_Y = 496;
/** The warning printed top right on every page. */
export const NOT_FOR_CLINICAL_USE = 'NOT FOR CLINICAL USE';

/**
 * Render the physician report page (pure) on a black page of 512 × `unit` pixels square: the
 * title (font ×2) with NOT FOR CLINICAL USE top right, patient lines, method / acquisition /
 * reading lines, the score table, the risk line (×2, or a filled banner) and its detail, notes
 * (wrapped at spaces) on the left and the outlined key image on the right, the footer. Every
 * length and font scale is multiplied by `unit`. `colour` false draws everything in white/grey
 * (for the 16-bit MONOCHROME2 page); true uses the row, risk and heading colours.
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
  page.method.slice(0, METHOD_LINES).forEach((line, i) => text(line, M, METHOD_Y + i * LINE_PITCH, style(1)));
  rule(METHOD_Y + METHOD_LINES * LINE_PITCH + 2);

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

  if (page.banner) {
    fillRect(c, u(M), u(RISK_Y - 4), room, u(22), colour && page.riskColour ? page.riskColour : grey(255));
    text(page.risk, M + 6, RISK_Y, { scale: 2 * unit, colour: [0, 0, 0] });
  } else {
    text(page.risk, M, RISK_Y, style(2, page.riskColour));
  }
  if (page.riskDetail) text(page.riskDetail, M, RISK_Y + 22, style(1));
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
