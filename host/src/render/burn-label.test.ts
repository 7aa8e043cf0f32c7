import { describe, expect, it } from 'vitest';
import { burnLabel, labelText } from './burn-label.js';
import type { PrintImage } from './print-images.js';
import { readLabel } from './test-support/read-label.js';

const flat = (width: number, height: number, channels: 1 | 3, bits: 8 | 12, value: number): PrintImage => ({
  width, height, channels, bits, data: bits === 12 ? new Uint16Array(width * height).fill(value) : new Uint8Array(width * height * channels).fill(value),
});

describe('burned-in patient label', () => {
  it('labelText: name components as words, the ID, the study date as YYYY-MM-DD; other characters as ?', () => {
    expect(labelText({ PatientName: 'Yamada^Taro=山田^太郎', PatientID: 'P-7', StudyDate: '20260102' })).toBe('Yamada Taro  P-7  2026-01-02');
    expect(labelText({ PatientName: 'Müller^Ann', StudyDate: 'bad' })).toBe('M?ller Ann');
  });

  it('burns the text at the bottom on a black band, full intensity, and reads back (8-bit, 12-bit, RGB; scale 2 at 512)', () => {
    const text = 'DOE JOHN  ID-1  2026-01-02';
    for (const [image, white] of [[flat(256, 200, 1, 8, 100), 255], [flat(300, 300, 1, 12, 1000), 4095], [flat(512, 512, 3, 8, 90), 255]] as const) {
      const burned = burnLabel(image, text);
      expect(readLabel(burned.data, burned.width, burned.height, white, burned.channels)).toBe(text);
      expect(burned.data[0]).toBe(image.data[0]); // above the band: unchanged
      expect(Array.from(burned.data).reduce((m, v) => Math.max(m, v), 0)).toBe(white);
    }
    expect(readLabel(burnLabel(flat(64, 64, 1, 8, 0), text).data, 64, 64, 255)).toBe('DOE JOH...'); // 10 cells of 6 less the last blank column: 59 of 62 pixels
    expect(burnLabel(flat(64, 10, 1, 8, 7), text).data.every((v) => v === 7)).toBe(true); // too small for a band: untouched
  });
});
