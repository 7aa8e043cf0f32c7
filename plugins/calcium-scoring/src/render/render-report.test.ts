import { describe, expect, it } from 'vitest';
import { createCanvas, getPixel, type Canvas } from './canvas.js';
import { drawText } from './draw-text.js';
import { KEY_AT, KEY_BOX, NOT_FOR_CLINICAL_USE, renderReport, TITLE_Y, type ReportPage } from './render-report.js';

const page: ReportPage = {
  title: 'CORONARY CALCIUM SCORE',
  patient: ['Patient: Phantom Calcium   ID: CAC-1'],
  method: ['Agatston method: threshold 130 HU'],
  table: { header: ['Artery', 'Agatston', 'Volume mm3', 'Mass mg', 'Lesions'], rows: [{ cells: ['LAD', '16.0', '24.0', '-', '1'], colour: [255, 0, 0] }], total: ['Total', '16.0', '24.0', '-', '1'] },
  risk: 'Agatston 16.0: risk category 11-100',
  riskColour: [255, 230, 0],
  notes: ['UNVERIFIED: a note long enough to be wrapped onto a second line of the notes column'],
  footer: 'NOT FOR CLINICAL USE. test',
};

/** Pixels of a canvas region, row by row. */
const region = (c: Canvas, x: number, y: number, w: number, h: number) => Array.from({ length: h }, (_, yy) => Array.from({ length: w }, (_, xx) => getPixel(c, x + xx, y + yy).join(',')));

describe('renderReport', () => {
  it('draws the title at 2× font and NOT FOR CLINICAL USE top right, exactly as drawText would', () => {
    const c = renderReport(page, 1, false);
    expect([c.width, c.height]).toEqual([512, 512]);
    const expected = createCanvas(512, 512);
    drawText(expected, page.title, 16, TITLE_Y, { scale: 2 });
    const warnX = 512 - 16 - (NOT_FOR_CLINICAL_USE.length * 6 - 1);
    drawText(expected, NOT_FOR_CLINICAL_USE, warnX, TITLE_Y + 4);
    expect(region(c, 0, 0, 512, 30)).toEqual(region(expected, 0, 0, 512, 30));
  });

  it('is grey only without colour; uses the artery and risk colours with colour', () => {
    const grey = renderReport(page, 1, false);
    for (let i = 0; i < grey.data.length; i += 3) if (grey.data[i] !== grey.data[i + 1] || grey.data[i] !== grey.data[i + 2]) throw new Error(`colour at pixel ${i / 3}`);
    const colour = renderReport(page, 1, true);
    const colours = new Set<string>();
    for (let i = 0; i < colour.data.length; i += 3) colours.add(`${colour.data[i]},${colour.data[i + 1]},${colour.data[i + 2]}`);
    expect([...colours]).toEqual(expect.arrayContaining(['255,0,0', '255,230,0', '255,80,80', '120,200,255']));
  });

  it('centres the key image in its outlined box', () => {
    const image = createCanvas(100, 50, [9, 9, 9]);
    const c = renderReport({ ...page, keyImage: { image, label: 'Key' } }, 1, false);
    const x0 = KEY_AT.x + (KEY_BOX - 100) / 2;
    const y0 = KEY_AT.y + (KEY_BOX - 50) / 2;
    expect([getPixel(c, x0, y0), getPixel(c, x0 + 99, y0 + 49), getPixel(c, x0 - 1, y0), getPixel(c, x0, y0 + 50)]).toEqual([[9, 9, 9], [9, 9, 9], [0, 0, 0], [0, 0, 0]]);
    expect(getPixel(c, KEY_AT.x - 1, KEY_AT.y - 1)).toEqual([128, 128, 128]);
    expect(getPixel(c, KEY_AT.x + KEY_BOX, KEY_AT.y + KEY_BOX)).toEqual([128, 128, 128]);
  });
});
