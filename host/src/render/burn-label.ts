import { bitmapFont, fitText, plotText } from '@atrium/sdk';
import type { PrintImage } from './print-images.js';

/** Who and what a film shows: the patient's name and ID and the study date, as stored. */
export interface PrintLabel {
  readonly PatientName?: string;
  readonly PatientID?: string;
  readonly StudyDate?: string;
}

/** The text of a label: `NAME  ID  YYYY-MM-DD` (name components joined by spaces, characters outside ASCII as '?'). */
export function labelText(label: PrintLabel): string {
  const name = (label.PatientName ?? '').split('=')[0]!.replace(/\^+/g, ' ').trim();
  const date = /^\d{8}$/.test(label.StudyDate ?? '') ? `${label.StudyDate!.slice(0, 4)}-${label.StudyDate!.slice(4, 6)}-${label.StudyDate!.slice(6)}` : '';
  return [name, label.PatientID ?? '', date].filter((s) => s !== '').join('  ').replace(/[^\x20-\x7e]/g, '?');
}

/** Scale of the label's 5×7 glyphs: one glyph pixel per 256 pixels of the image's smaller side (at least 1). */
export const labelScale = (image: Pick<PrintImage, 'width' | 'height'>): number => Math.max(1, Math.floor(Math.min(image.width, image.height) / 256));

/**
 * `image` with `text` burned in at its bottom left: a black band one text line high (plus a
 * glyph pixel above and below) across the width, the text at full intensity (255, 4095 at
 * 12 bits, white in RGB), shortened with "..." to fit. The image box then identifies the
 * patient on a printer without Basic Annotation Box (PS3.4 §H.4.5).
 */
export function burnLabel(image: PrintImage, text: string): PrintImage {
  const scale = labelScale(image);
  const band = (bitmapFont.cellHeight + 1) * scale;
  if (text === '' || image.height < band * 2) return image;
  const data = image.data.slice();
  const top = image.height - band;
  const ch = image.channels;
  data.fill(0, top * image.width * ch);
  const white = image.bits === 12 ? 4095 : 255;
  plotText(fitText(text, image.width - 2 * scale, { scale }), scale, top + scale, (x, y) => {
    if (x < 0 || x >= image.width || y < 0 || y >= image.height) return;
    data.fill(white, (y * image.width + x) * ch, (y * image.width + x + 1) * ch);
  }, { scale });
  return { ...image, data };
}
