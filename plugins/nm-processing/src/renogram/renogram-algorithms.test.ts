import { describe, expect, it } from 'vitest';
import { fitGammaVariate, gammaVariate, gammaVariatePeak } from './gamma-variate.js';
import { kidneyMeasures, splitFunction } from './renogram-measures.js';
import { rasterise } from './roi.js';

describe('gamma variate', () => {
  const g = { k: 50, t0: 8, alpha: 2.4, beta: 55 };
  const t = Array.from({ length: 80 }, (_, i) => 2 + i * 6);
  const y = t.map((x) => gammaVariate(g, x));

  it('peaks at t0 + αβ', () => {
    expect(gammaVariatePeak(g)).toBeCloseTo(8 + 2.4 * 55, 10);
    const peak = 8 + 2.4 * 55;
    expect(gammaVariate(g, peak)).toBeGreaterThan(gammaVariate(g, peak - 0.01));
    expect(gammaVariate(g, peak)).toBeGreaterThan(gammaVariate(g, peak + 0.01));
  });

  it('is recovered exactly from noise-free samples (α, β within 1 %, t0 within 0.5 s)', () => {
    const fit = fitGammaVariate(t, y)!;
    expect(Math.abs(fit.alpha / g.alpha - 1)).toBeLessThan(0.01);
    expect(Math.abs(fit.beta / g.beta - 1)).toBeLessThan(0.01);
    expect(Math.abs(fit.t0 - g.t0)).toBeLessThan(0.5);
    expect(Math.abs(gammaVariatePeak(fit) - gammaVariatePeak(g))).toBeLessThan(1);
  });

  it('refuses too few samples', () => {
    expect(fitGammaVariate([1, 2, 3], [1, 2, 1])).toBeUndefined();
  });
});

describe('renogram measures', () => {
  it('splits by the integral over the interval, weighting frames by their overlap', () => {
    // Frames of 20 s centred at 10, 30, … ; left = 2, right = 3 everywhere → 40 / 60.
    const t = Array.from({ length: 12 }, (_, i) => 10 + 20 * i);
    const d = t.map(() => 20);
    expect(splitFunction(t, d, t.map(() => 2), t.map(() => 3), 60, 120)).toEqual([40, 60]);
    // Only the frame [60, 80) counts half when the interval is [70, 80): left 10 there, right 10 → 50 / 50.
    const left = t.map((x) => (x === 70 ? 10 : 0));
    const right = t.map((x) => (x === 70 ? 10 : 1000));
    expect(splitFunction(t, d, left, right, 70, 80)).toEqual([50, 50]);
    expect(splitFunction(t, d, t.map(() => 0), t.map(() => 0), 60, 120)).toBeUndefined();
  });

  it('finds Tmax, T½ by linear interpolation, T½ after the diuretic and the 20-min/peak ratio', () => {
    const t = [30, 90, 150, 210, 270, 330, 390, 450, 900, 1250];
    const rate = [10, 40, 100, 80, 60, 50, 40, 30, 20, 10];
    const m = kidneyMeasures(t, rate, 400);
    expect(m.tmax).toBe(150);
    // Half the peak (50) is reached at 330 s: T½ = 180 s.
    expect(m.tHalf).toBeCloseTo(180, 10);
    // At 400 s the rate is 40 − 10 × 10/60 = 38.33; half is 19.17, between 900 (20) and 1250 (10).
    expect(m.tHalfDiuretic).toBeCloseTo(900 + ((20 - 38.333333 / 2) * 350) / 10 - 400, 4);
    expect(m.ratio20).toBeCloseTo((20 - (10 * 300) / 350) / 100, 10);
    expect(kidneyMeasures([30, 60], [1, 2]).tHalf).toBeUndefined();
    expect(kidneyMeasures([30, 60], [1, 2]).ratio20).toBeUndefined();
  });

  it('rasterises ellipses and polygons in pixels or mm (pixel centres inside)', () => {
    const e = rasterise({ shape: 'ellipse', center: [10, 10], radii: [3, 2] }, 32, 32, [2, 2]);
    expect(e.pixels).toBe(19);
    const mm = rasterise({ shape: 'ellipse', center: [20, 20], radii: [6, 4], units: 'mm' }, 32, 32, [2, 2]);
    expect(mm.pixels).toBe(19);
    const square = rasterise({ shape: 'polygon', points: [[1.5, 1.5], [5.5, 1.5], [5.5, 4.5], [1.5, 4.5]] }, 10, 10, [1, 1]);
    expect(square.pixels).toBe(12);
    expect(() => rasterise({ shape: 'polygon', points: [[1, 1], [2, 2]] }, 10, 10, [1, 1])).toThrow(/at least 3 points/);
  });
});
