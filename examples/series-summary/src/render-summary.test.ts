import { describe, expect, it } from 'vitest';
import { drawText, textWidth } from './draw-text.js';
import { createRaster } from './raster.js';
import { LINE_PITCH, LINE_STYLE, LINES_AT, renderSummary, SUMMARY_SIZE, thumbnailBoxes, TITLE_AT, TITLE_STYLE } from './render-summary.js';
import { rasterRegion } from './test-support/raster-region.js';

describe('thumbnailBoxes', () => {
  it('centres rows of up to 8 boxes of 56 px, 6 px apart, from y = 300', () => {
    expect(thumbnailBoxes(3)).toEqual([
      { x: 166, y: 300, size: 56 },
      { x: 228, y: 300, size: 56 },
      { x: 290, y: 300, size: 56 },
    ]);
    const sixteen = thumbnailBoxes(16);
    expect(sixteen.map((b) => b.x).slice(0, 8)).toEqual([11, 73, 135, 197, 259, 321, 383, 445]);
    expect(sixteen[8]).toEqual({ x: 11, y: 376, size: 56 });
    expect(Math.max(...sixteen.map((b) => b.x + b.size))).toBeLessThanOrEqual(SUMMARY_SIZE);
    expect(thumbnailBoxes(0)).toEqual([]);
  });
});

describe('renderSummary', () => {
  const thumb = (value: number, width = 56, height = 56) => ({ width, height, data: new Uint8Array(width * height).fill(value) });
  const page = renderSummary({
    title: 'Series summary',
    lines: ['Patient: DOE JANE', 'Slice increment: 2.5 mm'],
    thumbnails: [{ image: thumb(50), label: '1' }, { image: thumb(150, 56, 28), label: '12' }],
    footer: 'not for clinical use',
  });

  it('is a 512×512 8-bit image', () => {
    expect([page.width, page.height, page.data.length]).toEqual([512, 512, 512 * 512]);
  });

  it('has the title and each text line exactly as drawText draws them', () => {
    const expected = createRaster(SUMMARY_SIZE, SUMMARY_SIZE);
    drawText(expected, 'Series summary', TITLE_AT.x, TITLE_AT.y, TITLE_STYLE);
    drawText(expected, 'Slice increment: 2.5 mm', LINES_AT.x, LINES_AT.y + LINE_PITCH, LINE_STYLE);
    const title = [TITLE_AT.x, TITLE_AT.y, textWidth('Series summary', TITLE_STYLE), 21] as const;
    expect(rasterRegion(page, ...title)).toEqual(rasterRegion(expected, ...title));
    expect(rasterRegion(page, ...title).filter((v) => v === 255).length).toBeGreaterThan(100);
    const line = [LINES_AT.x, LINES_AT.y + LINE_PITCH, textWidth('Slice increment: 2.5 mm', LINE_STYLE), 14] as const;
    expect(rasterRegion(page, ...line)).toEqual(rasterRegion(expected, ...line));
  });

  it('places thumbnails centred in outlined boxes', () => {
    const [a, b] = thumbnailBoxes(2);
    expect(rasterRegion(page, a!.x, a!.y, 56, 56).every((v) => v === 50)).toBe(true);
    expect(rasterRegion(page, a!.x - 1, a!.y - 1, 58, 1).every((v) => v === 96)).toBe(true);
    // 56×28 thumbnail: rows 14..41 of its box, black above and below
    expect(rasterRegion(page, b!.x, b!.y + 14, 56, 28).every((v) => v === 150)).toBe(true);
    expect(rasterRegion(page, b!.x, b!.y, 56, 14).every((v) => v === 0)).toBe(true);
    expect(rasterRegion(page, b!.x, b!.y + 42, 56, 14).every((v) => v === 0)).toBe(true);
  });
});
