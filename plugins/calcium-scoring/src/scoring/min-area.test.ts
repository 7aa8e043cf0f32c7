import { describe, expect, it } from 'vitest';
import { passesMinArea } from './min-area.js';

describe('passesMinArea', () => {
  // pixel 0.5 × 0.5 mm = 0.25 mm²: 4 px = 1 mm², 2 px = 0.5 mm², 3 px = 0.75 mm²
  it('literature / ge need ≥ 1 mm²', () => {
    for (const mode of ['literature', 'ge'] as const) {
      expect(passesMinArea(mode, 4, 1)).toBe(true);
      expect(passesMinArea(mode, 3, 0.75)).toBe(false);
    }
    // 100 px of 0.1 × 0.1 mm: 0.1*0.1*100 is 1.0000000000000002 in floating point; 0.01 * 100 style sums may fall below
    expect(passesMinArea('literature', 100, 0.9999999999999999)).toBe(true);
  });
  it('philips needs ≥ 0.5 mm²', () => {
    expect(passesMinArea('philips', 2, 0.5)).toBe(true);
    expect(passesMinArea('philips', 1, 0.25)).toBe(false);
  });
  it('canon needs ≥ 3 pixels, whatever the area', () => {
    expect(passesMinArea('canon', 3, 0.75)).toBe(true);
    expect(passesMinArea('canon', 2, 8)).toBe(false);
  });
  it('siemens has no minimum', () => {
    expect(passesMinArea('siemens', 1, 0.25)).toBe(true);
  });
});
