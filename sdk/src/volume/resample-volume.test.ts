import { describe, expect, it } from 'vitest';
import { SdkError } from '../sdk-error.js';
import type { Phantom } from './test-support/fake-source.js';
import { grid, phantomVolume, rotation } from './test-support/phantom-volume.js';
import type { Vec3, Volume } from './volume.js';
import { resampleVolume } from './resample-volume.js';
import { volumeTransform } from './volume-transform.js';

const affine: Phantom = (x, y, z) => 2 * x - 3 * y + 5 * z + 1;
const thrown = (f: () => unknown): SdkError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SdkError);
    return e as SdkError;
  }
  throw new Error('expected an SdkError');
};
/** Every voxel of `v` against `expected` at its centre. */
function eachVoxel(v: Volume, check: (value: number, at: [number, number, number]) => void): void {
  const t = volumeTransform(v);
  const [nx, ny, nz] = v.dimensions;
  let p = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) check(v.voxels[p++]!, t.indexToPatient([i, j, k]));
}

describe('resampleVolume: trilinear', () => {
  const source = phantomVolume(grid([8, 8, 8], [1, 1, 1], [0, 0, 0]), affine);

  it('reproduces an affine function exactly between the voxel centres (quarter-voxel offsets: exact in Float32)', () => {
    const target = grid([10, 10, 10], [0.5, 0.5, 0.5], [0.5, 0.25, 0.75]);
    const v = resampleVolume(source, target);
    expect(v.voxels).toBeInstanceOf(Float32Array);
    expect([v.dimensions, v.spacing, v.origin, v.frameOfReferenceUID, v.unit]).toEqual([[10, 10, 10], [0.5, 0.5, 0.5], [0.5, 0.25, 0.75], '2.25.77', 'HU']);
    eachVoxel(v, (value, [x, y, z]) => expect(value).toBe(affine(x, y, z)));
  });

  it('reproduces it on an oblique grid (rotated 30° about (1,1,1)/√3) to float precision', () => {
    const axis: Vec3 = [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)];
    const target = grid([6, 5, 4], [0.7, 0.9, 1.1], [2.5, 2, 2.2], rotation(axis, Math.PI / 6));
    let checked = 0;
    eachVoxel(resampleVolume(source, target, { fill: NaN }), (value, [x, y, z]) => {
      expect(Number.isNaN(value), `(${x}, ${y}, ${z}) is inside the source`).toBe(false);
      expect(value).toBeCloseTo(affine(x, y, z), 4);
      checked++;
    });
    expect(checked).toBe(120);
  });

  it('extracts an oblique plane: a target one voxel thick', () => {
    const t = 0.4;
    const plane = grid([9, 7, 1], [0.75, 0.75, 1], [1, 1.5, 2], [[Math.cos(t), 0, Math.sin(t)], [0, 1, 0], [-Math.sin(t), 0, Math.cos(t)]]);
    const v = resampleVolume(source, plane, { fill: NaN });
    expect(v.dimensions).toEqual([9, 7, 1]);
    eachVoxel(v, (value, [x, y, z]) => expect(value).toBeCloseTo(affine(x, y, z), 4));
  });

  it('fills what lies outside (default: the smallest source value) and extends the edge within half a voxel', () => {
    const v = resampleVolume(source, grid([4, 1, 1], [0.25, 1, 1], [6.75, 0, 0]));
    // x = 6.75, 7 (last centre), 7.25 and 7.5 (within half a voxel: the edge value), none beyond
    expect(Array.from(v.voxels)).toEqual([affine(6.75, 0, 0), affine(7, 0, 0), affine(7, 0, 0), affine(7, 0, 0)]);
    const outside = resampleVolume(source, grid([2, 1, 1], [1, 1, 1], [8, 0, 0]));
    expect(Array.from(outside.voxels)).toEqual([affine(0, 7, 0), affine(0, 7, 0)]); // the minimum: x = 0, y = 7, z = 0
    expect(Array.from(resampleVolume(source, grid([1, 1, 1], [1, 1, 1], [-9, 0, 0]), { fill: -1000 }).voxels)).toEqual([-1000]);
  });
});

describe('resampleVolume: a CT μ-map on a SPECT grid', () => {
  // CT: 0.75 mm voxels, a rod of bone (1000 HU) of radius 6 mm along z at (20, 22) in air (−1000 HU), and a water sphere.
  const rodAxis = [20, 22] as const;
  const rod: Phantom = (x, y) => (Math.hypot(x - rodAxis[0], y - rodAxis[1]) <= 6 ? 1000 : -1000);
  const ct = phantomVolume(grid([64, 64, 40], [0.75, 0.75, 0.75], [0, 0, 0]), rod, 'int16');
  // SPECT: 4.42 mm voxels, origin not on the CT grid.
  const spect = grid([10, 10, 6], [4.42, 4.42, 4.42], [1.3, 2.1, 3.7]);

  it('nearest: every SPECT voxel more than half a CT voxel diagonal from the rod surface takes the side it lies on', () => {
    const v = resampleVolume(ct, spect, { interpolation: 'nearest' });
    expect(v.voxels).toBeInstanceOf(Int16Array);
    const halfDiagonal = (Math.sqrt(2) * 0.75) / 2;
    let inside = 0;
    eachVoxel(v, (value, [x, y]) => {
      const r = Math.hypot(x - rodAxis[0], y - rodAxis[1]);
      if (r < 6 - halfDiagonal) {
        expect(value).toBe(1000);
        inside++;
      } else if (r > 6 + halfDiagonal) expect(value).toBe(-1000);
    });
    expect(inside).toBeGreaterThan(0);
  });

  it('trilinear: the rod centre of mass in the SPECT grid lies on the rod axis within half a SPECT voxel', () => {
    const v = resampleVolume(ct, spect);
    let sx = 0, sy = 0, w = 0;
    eachVoxel(v, (value, [x, y]) => {
      const m = (value + 1000) / 2000; // 0 in air, 1 in bone
      sx += m * x;
      sy += m * y;
      w += m;
    });
    expect(Math.abs(sx / w - rodAxis[0])).toBeLessThanOrEqual(4.42 / 2);
    expect(Math.abs(sy / w - rodAxis[1])).toBeLessThanOrEqual(4.42 / 2);
  });

  it('refuses a target in another Frame of Reference unless the caller vouches for a registration', () => {
    const other = { ...spect, frameOfReferenceUID: '2.25.99' };
    const e = thrown(() => resampleVolume(ct, other));
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_RESAMPLE', 'the source is in Frame of Reference 2.25.77 and the target grid in 2.25.99: their coordinates are not known to agree (register them, then pass ignoreFrameOfReference)']);
    expect(resampleVolume(ct, other, { ignoreFrameOfReference: true }).frameOfReferenceUID).toBe('2.25.99');
    expect(thrown(() => resampleVolume({ ...ct, frameOfReferenceUID: undefined }, { ...spect, frameOfReferenceUID: undefined })).code).toBe('ATRIUM_ERR_VOLUME_RESAMPLE');
  });

  it('refuses an empty or singular target grid and a fill value Int16 cannot hold', () => {
    expect(thrown(() => resampleVolume(ct, { ...spect, dimensions: [0, 10, 6] })).message).toBe('target dimensions 0×10×6 are not whole numbers ≥ 1');
    expect(thrown(() => resampleVolume(ct, { ...spect, spacing: [4, 0, 4] })).message).toBe('target spacing 4\\0\\4 mm is not positive');
    expect(thrown(() => resampleVolume(ct, { ...spect, direction: [[1, 0, 0], [1, 0, 0], [0, 0, 1]] })).message).toBe('the target grid is singular (a spacing is zero or two directions are parallel)');
    const e = thrown(() => resampleVolume(ct, spect, { interpolation: 'nearest', fill: 0.5 }));
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_VALUES', 'fill value 0.5 does not fit a 16-bit integer volume']);
  });
});

describe('volumeTransform', () => {
  it('index → patient follows PS3.3 C.7.6.2.1.1 (columns along the row cosines, rows along the column cosines) and inverts exactly', () => {
    const g = grid([5, 6, 7], [0.75, 0.5, 2], [10, -20, 30], [[0.6, 0.8, 0], [0, 0, -1], [-0.8, 0.6, 0]]);
    const t = volumeTransform(g);
    expect(t.indexToPatient([0, 0, 0])).toEqual([10, -20, 30]);
    // column 2, row 3, slice 1: IPP + 2·0.75·row + 3·0.5·column + 1·2·normal
    const p = t.indexToPatient([2, 3, 1]);
    [10 + 1.5 * 0.6 - 1.6, -20 + 1.5 * 0.8 + 1.2, 30 - 1.5].forEach((c, a) => expect(p[a]).toBeCloseTo(c, 12));
    t.patientToIndex(p).forEach((c, a) => expect(c).toBeCloseTo([2, 3, 1][a]!, 12));
    expect(t.affine).toHaveLength(16);
    expect(t.affine.slice(12)).toEqual([0, 0, 0, 1]);
  });

  it('throws RangeError for a singular grid', () => {
    expect(() => volumeTransform(grid([1, 1, 1], [1, 1, 0], [0, 0, 0]))).toThrow(RangeError);
  });
});
