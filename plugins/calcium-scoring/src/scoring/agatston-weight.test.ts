import { describe, expect, it } from 'vitest';
import { agatstonWeight } from './agatston-weight.js';
import { riskCategory } from './risk-category.js';
import { thresholdForKvp } from './threshold-for-kvp.js';

describe('agatstonWeight', () => {
  it('bands at 130 / 200 / 300 / 400 HU, half-open', () => {
    const table: [number, number][] = [
      [129, 0], [130, 1], [199, 1], [199.9, 1], [200, 2], [299, 2], [300, 3], [399, 3], [400, 4], [3000, 4], [-1000, 0], [Number.NaN, 0],
    ];
    for (const [hu, w] of table) expect(agatstonWeight(hu), `${hu} HU`).toBe(w);
  });
});

describe('riskCategory', () => {
  it('switches category right after 0, 10, 100 and 400', () => {
    const table: [number, string][] = [
      [0, '0'], [1, '1-10'], [10, '1-10'], [11, '11-100'], [100, '11-100'], [101, '101-400'], [400, '101-400'], [401, '>400'],
      [0.25, '1-10'], [10.5, '11-100'], [400.5, '>400'],
    ];
    for (const [total, category] of table) expect(riskCategory(total), `total ${total}`).toBe(category);
  });
});

describe('thresholdForKvp', () => {
  it('120 kVp → 130 HU (Agatston), 100 kVp → 147 HU (Nakazato 2009), others: no entry', () => {
    expect(thresholdForKvp(120)?.threshold).toBe(130);
    expect(thresholdForKvp(100)?.threshold).toBe(147);
    expect(thresholdForKvp(100.4)?.reference).toMatch(/Nakazato .*2009/);
    expect(thresholdForKvp(140)).toBeUndefined();
    expect(thresholdForKvp(80)).toBeUndefined();
  });

  it('scales the band edges with the threshold: at 147 HU (× 147/130) 226 / 339 / 452 HU', () => {
    const scale = 147 / 130;
    const table: [number, number][] = [[146, 0], [147, 1], [225, 1], [227, 2], [338, 2], [340, 3], [451, 3], [453, 4]];
    for (const [hu, w] of table) expect(agatstonWeight(hu, scale), `${hu} HU`).toBe(w);
  });
});
