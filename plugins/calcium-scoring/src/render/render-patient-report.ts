import type { PatientPage } from '../report/build-patient-page.js';
import { createCanvas, fillRect, strokeRect, type Canvas, type Rgb } from './canvas.js';
import { drawText, fitText, textWidth, wrapText } from './draw-text.js';
import { NOT_FOR_CLINICAL_USE } from './render-report.js';

/** The patient page: 1024 × 1024 RGB. */
export const PATIENT_PAGE_SIZE = 1024;
const M = 48;
const WHITE: Rgb = [255, 255, 255];
/** The page's background. */
export const PATIENT_PAGE_BACKGROUND: Rgb = [16, 24, 40];
/** The outlined box holding the score label (font ×3) and the score (font ×9). */
export const PATIENT_SCORE_BOX = { x: M, y: 280, width: PATIENT_PAGE_SIZE - 2 * M, height: 150 } as const;

/**
 * Render the patient report (pure) in large type on a dark page: the title (font ×5) with NOT
 * FOR CLINICAL USE top right, who and when (×3), a box with the score (×9) in the colour of its
 * category, what it means and what the score is (×3, wrapped), the footer (×2).
 */
export function renderPatientReport(page: PatientPage): Canvas {
  const size = PATIENT_PAGE_SIZE;
  const c = createCanvas(size, size, PATIENT_PAGE_BACKGROUND);
  const room = size - 2 * M;
  const line = (text: string, x: number, y: number, scale: number, colour: Rgb = WHITE): void => void drawText(c, fitText(text, room, { scale }), x, y, { scale, colour });
  const warn = { scale: 2, colour: [255, 90, 90] as Rgb };
  drawText(c, NOT_FOR_CLINICAL_USE, size - M - textWidth(NOT_FOR_CLINICAL_USE, warn), 24, warn);
  line(page.title, M, 56, 5);
  page.who.forEach((w, i) => line(w, M, 128 + i * 32, 3));
  const boxY = PATIENT_SCORE_BOX.y;
  strokeRect(c, M, boxY, room, PATIENT_SCORE_BOX.height, page.colour);
  strokeRect(c, M + 1, boxY + 1, room - 2, 148, page.colour);
  line(page.scoreLabel, M + 24, boxY + 18, 3, page.colour);
  line(page.score, M + 24, boxY + 58, 9, page.colour);
  let y = 460;
  page.meaning.forEach((text, i) => {
    const scale = i === 0 ? 4 : 3;
    for (const l of wrapText(text, room, { scale })) {
      line(l, M, y, scale, i === 0 ? page.colour : WHITE);
      y += scale * 11;
    }
    y += 10;
  });
  y += 16;
  fillRect(c, M, y, room, 2, [90, 110, 140]);
  y += 24;
  for (const text of page.about) {
    for (const l of wrapText(text, room, { scale: 3 })) {
      line(l, M, y, 3, [220, 228, 240]);
      y += 33;
    }
    y += 12;
  }
  for (const [i, l] of wrapText(page.footer, room, { scale: 2 }).entries()) line(l, M, size - 64 + i * 22, 2, [190, 190, 190]);
  return c;
}
