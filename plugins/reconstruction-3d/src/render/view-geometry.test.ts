import { describe, expect, it } from 'vitest';
import { orientationLabel } from './orientation-label.js';
import { viewFrame } from './view-camera.js';
import { presetTransfer } from './transfer-presets.js';
import { analyticVolume } from '../test-support/analytic-volume.js';

describe('view geometry', () => {
  it('names directions with the patient orientation letters, the dominant first', () => {
    expect([orientationLabel([1, 0, 0]), orientationLabel([-1, 0, 0]), orientationLabel([0, 1, 0]), orientationLabel([0, -1, 0]), orientationLabel([0, 0, 1]), orientationLabel([0, 0, -1])]).toEqual(['L', 'R', 'P', 'A', 'H', 'F']);
    expect(orientationLabel([0.8, -0.6, 0])).toBe('LA');
    expect(orientationLabel([0.95, 0.1, -0.2])).toBe('L');
  });

  it('sees the patient from the front at azimuth 0 (right on the left, head up), from the left at 90, from above at elevation 90', () => {
    const round = (v: readonly number[]) => v.map((x) => Math.round(x * 1e9) / 1e9 + 0);
    expect(round(viewFrame({ azimuth: 0, elevation: 0, zoom: 1 }).right)).toEqual([1, 0, 0]);
    expect(round(viewFrame({ azimuth: 0, elevation: 0, zoom: 1 }).up)).toEqual([0, 0, 1]);
    expect(round(viewFrame({ azimuth: 90, elevation: 0, zoom: 1 }).direction)).toEqual([-1, 0, 0]);
    expect(round(viewFrame({ azimuth: 0, elevation: 90, zoom: 1 }).direction)).toEqual([0, 0, -1]);
  });

  it('lays a preset over an MR\'s value range (no HU scale) and keeps the CT table in HU', () => {
    const ct = analyticVolume({ dimensions: [4, 4, 4], spacing: [1, 1, 1], origin: [0, 0, 0] }, (x) => x);
    expect(presetTransfer('bone', ct).transfer[0]!.value).toBe(-1024);
    const mr = { ...analyticVolume({ dimensions: [20, 20, 20], spacing: [1, 1, 1], origin: [0, 0, 0] }, (x, y, z) => 10 * (x + y + z)), unit: undefined };
    const values = presetTransfer('bone', mr).transfer.map((p) => p.value);
    expect(values[0]).toBeGreaterThanOrEqual(0);
    expect(values.at(-1)).toBeLessThanOrEqual(570);
    expect(values.every((v, i) => i === 0 || v > values[i - 1]!)).toBe(true);
  });
});
