import { fillRect, type Canvas, type Rgb } from './canvas.js';
import { drawText, textWidth } from './draw-text.js';

/** A label drawn next to a lesion. */
export interface LesionLabel {
  readonly text: string;
  readonly colour: Rgb;
  /** Where the lesion is: [row, column] on the canvas. */
  readonly at: readonly [number, number];
}

/**
 * Draw each label right of its lesion (centred on its row; left of or below it where it does not
 * fit, kept inside `margin`) on a black backdrop, so that a dark artery colour, or white on a
 * grey page, reads on tissue and bone.
 */
export function labelLesions(c: Canvas, labels: readonly LesionLabel[], scale: number, margin: number): void {
  for (const label of labels) {
    const width = textWidth(label.text, { scale });
    const [x, y] = labelPlace(label.at, width, scale, c, margin);
    fillRect(c, x - scale, y - scale, width + 2 * scale, 9 * scale, [0, 0, 0]);
    drawText(c, label.text, x, y, { scale, colour: label.colour });
  }
}

/** Where a label goes: right of its lesion (centred on its row), else left of it, else below it, kept inside the margins. */
function labelPlace(at: readonly [number, number], width: number, scale: number, c: Canvas, margin: number): [number, number] {
  const [row, column] = at.map(Math.round) as [number, number];
  const gap = 6 * scale;
  const y = Math.max(margin, Math.min(row - Math.floor((7 * scale) / 2), c.height - margin - 7 * scale));
  if (column + gap + width <= c.width - margin) return [column + gap, y];
  if (column - gap - width >= margin) return [column - gap - width, y];
  const x = Math.max(margin, Math.min(column - Math.floor(width / 2), c.width - margin - width));
  return [x, row + gap + 7 * scale <= c.height - margin ? row + gap : Math.max(margin, row - gap - 7 * scale)];
}
