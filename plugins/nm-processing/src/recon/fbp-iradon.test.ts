import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { havePeers, runSkimage } from '../../../../test/support/peers.js';
import { analyticProjections } from '../test-support/analytic-projections.js';
import type { AnalyticPhantom } from '../test-support/analytic-phantom.js';
import { fbp } from './fbp.js';
import type { ParallelView } from './projections.js';

// One slice of an off-centre disc phantom (65 bins, odd, so that scikit-image's centre n // 2 is
// the grid centre (n − 1) / 2), 90 views over 180°, given to both reconstructions as the same sinogram.
const N = 65;
const ANGLES = Array.from({ length: 90 }, (_, v) => v * 2);
const PHANTOM: AnalyticPhantom = {
  ellipsoids: [
    { center: [0, 0, 0], semiAxes: [26, 20, 100], value: 1 },
    { center: [-10, 6, 0], semiAxes: [6, 6, 100], value: 3 },
    { center: [9, -5, 0], semiAxes: [5, 8, 100], value: -0.8, angle: 30 },
  ],
};
// scikit-image's iradon back-projects column c, row r at t = (c − n//2) cos θ − (r − n//2) sin θ + n//2.
const VIEWS: ParallelView[] = ANGLES.map((deg) => {
  const t = (deg * Math.PI) / 180;
  return { s: [Math.cos(t), -Math.sin(t)], d: [Math.sin(t), Math.cos(t)], center: (N - 1) / 2 };
});

const IRADON = `
import sys, numpy as np
from skimage.transform import iradon
n, views, name = int(sys.argv[1]), int(sys.argv[2]), sys.argv[4]
sino = np.fromfile(sys.argv[3], dtype=np.float32).reshape(views, n).T.astype(np.float64)
theta = np.arange(views) * 2.0
rec = iradon(sino, theta=theta, output_size=n, filter_name=name, interpolation='linear', circle=False)
rec.astype(np.float32).tofile(sys.argv[5])
`;

describe.skipIf(!havePeers('skimage'))('FBP against scikit-image iradon (one slice, 65 bins, 90 views over 180°)', () => {
  const sino = analyticProjections(PHANTOM, VIEWS, { bins: N, slices: 1, pixel: 1, sliceSpacing: 1 });

  it.each([
    ['ramp', { name: 'ramp' }],
    ['shepp-logan', { name: 'shepp-logan' }],
    ['hann', { name: 'hann' }],
    ['hamming', { name: 'hamming' }],
  ] as const)('equals iradon with the %s filter (ramp, Shepp-Logan: within 0.02 percent of the maximum, float32 rounding; Hann, Hamming: within 0.1 percent, scikit-image samples the window half a bin apart)', (skName, window) => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-iradon-'));
    try {
      writeFileSync(join(dir, 'sino.f32'), Buffer.from(sino.data.buffer));
      runSkimage(IRADON, [String(N), String(ANGLES.length), join(dir, 'sino.f32'), skName, join(dir, 'rec.f32')]);
      const theirs = new Float32Array(readFileSync(join(dir, 'rec.f32')).buffer.slice(0));
      const ours = fbp(sino, VIEWS, { size: N, slices: 1 }, { window, circle: false });
      // theirs is [row][column]; ours [(row · N + column) · slices + slice] with one slice: the same.
      let max = 0;
      let diff = 0;
      for (let i = 0; i < N * N; i++) {
        max = Math.max(max, Math.abs(theirs[i]!));
        diff = Math.max(diff, Math.abs(theirs[i]! - ours[i]!));
      }
      const tolerance = skName === 'hann' || skName === 'hamming' ? 1e-3 : 2e-4;
      console.log(`iradon ${skName}: max |ours − iradon| = ${(diff / max * 100).toFixed(4)} % of the maximum ${max.toFixed(3)}`);
      expect(diff / max).toBeLessThan(tolerance);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
