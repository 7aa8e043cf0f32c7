import { describe, expect, it } from 'vitest';
import { SdkError } from '../sdk-error.js';
import { axialPlanes, classicSeries, fakeInstance, sampleFrame, type Phantom, type Plane } from './test-support/fake-source.js';
import type { Vec3 } from './volume.js';
import { volumeFromSeries } from './volume-from-series.js';
import { volumeTransform } from './volume-transform.js';

const coded = async (p: Promise<unknown>): Promise<SdkError> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(SdkError);
  return e as SdkError;
};
const voxel = (v: { dimensions: readonly number[]; voxels: ArrayLike<number> }, i: number, j: number, k: number): number =>
  v.voxels[i + v.dimensions[0]! * (j + v.dimensions[1]! * k)]!;

describe('volumeFromSeries: geometry', () => {
  // An oblique stack given out of order: rows along (0.6, 0.8, 0), columns along −z, normal (−0.8, 0.6, 0).
  const row: Vec3 = [0.6, 0.8, 0];
  const column: Vec3 = [0, 0, -1];
  const normal: Vec3 = [-0.8, 0.6, 0];
  const p0: Vec3 = [10, -20, 30];
  const planes: Plane[] = [0, 1, 2, 3].map((k) => ({ position: [p0[0] + 2 * k * normal[0], p0[1] + 2 * k * normal[1], p0[2]], orientation: [...row, ...column] as Plane['orientation'], pixelSpacing: [0.5, 0.75] }));
  const linear: Phantom = (x, y, z) => 3 * x - 2 * y + 5 * z + 7;
  const shuffled = [2, 0, 3, 1].map((k) => planes[k]!);

  it('sorts the slices along the normal and puts every voxel where PS3.3 C.7.6.2.1.1 says (an oblique stack given out of order)', async () => {
    const v = await volumeFromSeries(classicSeries({ rows: 6, columns: 5, planes: shuffled, phantom: linear, type: 'float64' }));
    expect(v.dimensions).toEqual([5, 6, 4]);
    expect(v.spacing[0]).toBe(0.75); // between columns: Pixel Spacing value 2
    expect(v.spacing[1]).toBe(0.5); // between rows: Pixel Spacing value 1
    expect(v.spacing[2]).toBeCloseTo(2, 12);
    expect(v.origin).toEqual(p0);
    expect(v.direction[0]).toEqual(row);
    expect(v.direction[1]).toEqual(column);
    v.direction[2].forEach((c, a) => expect(c).toBeCloseTo(normal[a]!, 12));
    expect(v.frameOfReferenceUID).toBe('2.25.77');
    expect(v.unit).toBe('HU');
    // Input i holds planes[[2, 0, 3, 1][i]]: slice k comes from the input holding planes[k].
    expect(v.sliceSources).toEqual([1, 3, 0, 2].map((i) => ({ sopInstanceUID: `2.25.100.${i + 1}`, frame: 0 })));
    const t = volumeTransform(v);
    expect(v.voxels).toBeInstanceOf(Float32Array); // 3x − 2y + 5z + 7 is fractional at these centres
    for (let k = 0; k < 4; k++) for (let j = 0; j < 6; j++) for (let i = 0; i < 5; i++) {
      const [x, y, z] = t.indexToPatient([i, j, k]);
      expect(voxel(v, i, j, k)).toBeCloseTo(linear(x, y, z), 3);
    }
  });

  it('keeps whole HU values in an Int16Array, exactly', async () => {
    const hu: Phantom = (x, y, z) => 2 * x + 4 * y + z - 1000;
    const v = await volumeFromSeries(classicSeries({ rows: 8, columns: 7, planes: axialPlanes([-30, -27, -24, -21, -18]), phantom: hu }));
    expect(v.voxels).toBeInstanceOf(Int16Array);
    expect(v.spacing).toEqual([0.5, 0.5, 3]);
    const t = volumeTransform(v);
    for (const [i, j, k] of [[0, 0, 0], [6, 7, 4], [3, 2, 1]] as const) expect(voxel(v, i, j, k)).toBe(hu(...t.indexToPatient([i, j, k])));
  });

  it('puts a sphere where the geometry says, within half a voxel', async () => {
    const centre: Vec3 = [1.3, -0.7, 12.4];
    const sphere: Phantom = (x, y, z) => (Math.hypot(x - centre[0], y - centre[1], z - centre[2]) <= 4 ? 1000 : 0);
    const v = await volumeFromSeries(classicSeries({ rows: 40, columns: 40, planes: axialPlanes(Array.from({ length: 30 }, (_, k) => k)), phantom: sphere }));
    const t = volumeTransform(v);
    const sum = [0, 0, 0];
    let n = 0;
    for (let k = 0; k < 30; k++) for (let j = 0; j < 40; j++) for (let i = 0; i < 40; i++) {
      if (voxel(v, i, j, k) !== 1000) continue;
      t.indexToPatient([i, j, k]).forEach((c, a) => (sum[a]! += c));
      n++;
    }
    sum.forEach((s, a) => expect(Math.abs(s / n - centre[a]!)).toBeLessThanOrEqual(v.spacing[a]! / 2));
    const nearest = t.patientToIndex(centre).map(Math.round) as [number, number, number];
    expect(voxel(v, ...nearest)).toBe(1000);
  });

  it('sorts a feet-first series (positions decreasing) and reports progress per slice', async () => {
    const progress: number[] = [];
    const v = await volumeFromSeries(classicSeries({ rows: 2, columns: 2, planes: axialPlanes([9, 6, 3, 0]), phantom: (_x, _y, z) => z }), { onProgress: (done) => progress.push(done) });
    expect(v.origin[2]).toBe(0);
    expect([0, 1, 2, 3].map((k) => voxel(v, 0, 0, k))).toEqual([0, 3, 6, 9]);
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('gives a one-slice volume the spacing of Slice Thickness', async () => {
    const v = await volumeFromSeries(classicSeries({ rows: 2, columns: 2, planes: axialPlanes([5]), phantom: () => 1, override: () => ({ SliceThickness: 2.5 }) }));
    expect(v.dimensions).toEqual([2, 2, 1]);
    expect(v.spacing).toEqual([0.5, 0.5, 2.5]);
  });
});

describe('volumeFromSeries: gaps and uneven spacing', () => {
  const linearZ: Phantom = (x, _y, z) => 10 * z + x;
  const gap = axialPlanes([0, 2, 4, 8, 10], [1, 1]);

  it('refuses a gap by default, naming the slices on each side', async () => {
    const e = await coded(volumeFromSeries(classicSeries({ rows: 2, columns: 2, planes: gap, phantom: linearZ })));
    expect(e.code).toBe('ATRIUM_ERR_VOLUME_GEOMETRY');
    expect(e.message).toContain('spacing 4 mm differs from 2 mm (slice 3 (instance 3) 2.25.100.3, slice 4 (instance 4) 2.25.100.4)');
    expect(e.message).toContain('resampling interpolates, on request');
  });

  it('resamples on request onto the median increment: the missing slice is interpolated exactly for a linear phantom', async () => {
    const v = await volumeFromSeries(classicSeries({ rows: 2, columns: 2, planes: gap, phantom: linearZ }), { unevenSpacing: 'resample' });
    expect(v.dimensions).toEqual([2, 2, 6]);
    expect(v.spacing).toEqual([1, 1, 2]);
    expect(v.sliceSources).toBeUndefined();
    expect([0, 1, 2, 3, 4, 5].map((k) => voxel(v, 1, 0, k))).toEqual([0, 20, 40, 60, 80, 100].map((z) => z - 7));
  });

  it('resamples to a given slice spacing', async () => {
    const v = await volumeFromSeries(classicSeries({ rows: 2, columns: 2, planes: axialPlanes([0, 2, 4], [1, 1]), phantom: linearZ }), { sliceSpacing: 0.5 });
    expect(v.dimensions[2]).toBe(9);
    expect(Array.from({ length: 9 }, (_, k) => voxel(v, 0, 0, k))).toEqual(Array.from({ length: 9 }, (_, k) => 5 * k - 8));
  });

  it('refuses slices that drift from a regular grid although each step is within 1 % of the median', async () => {
    const zs = [0];
    for (let k = 1; k < 100; k++) zs.push(zs[k - 1]! + (k <= 50 ? 0.996 : 1.004));
    // Mean step 0.99996 mm; slice k (k ≤ 50) lies 0.00396·k mm short of the grid: past 5 % from k = 13.
    const e = await coded(volumeFromSeries(classicSeries({ rows: 1, columns: 1, planes: axialPlanes(zs), phantom: () => 0 })));
    expect(e.code).toBe('ATRIUM_ERR_VOLUME_GEOMETRY');
    expect(e.message).toBe('the slices do not form one regular stack: slice 14 (instance 14) 2.25.100.14 lies 0.051 mm from its place on a regular grid of 1 mm (a gap or uneven spacing: resampling interpolates, on request)');
    const v = await volumeFromSeries(classicSeries({ rows: 1, columns: 1, planes: axialPlanes(zs), phantom: (_x, _y, z) => z, type: 'float64' }), { unevenSpacing: 'resample', voxelType: 'float32' });
    expect(v.spacing[2]).toBeCloseTo(0.996, 12); // the median step
    expect(voxel(v, 0, 0, 60)).toBeCloseTo(60 * 0.996, 4); // z along the grid, interpolated between the true slices
  });
});

describe('volumeFromSeries: what is refused, with the reason', () => {
  const base = { rows: 2, columns: 2, planes: axialPlanes([0, 2, 4, 6]), phantom: () => 0 };
  const refusal = async (series: Parameters<typeof volumeFromSeries>[0], options = {}) => coded(volumeFromSeries(series, options));

  it('mixed orientations, duplicates, tilt, several Frames of Reference', async () => {
    const rotated = classicSeries({ ...base, override: (i) => (i === 2 ? { ImageOrientationPatient: [Math.cos(0.1), Math.sin(0.1), 0, -Math.sin(0.1), Math.cos(0.1), 0] } : {}) });
    let e = await refusal(rotated);
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_GEOMETRY', 'the slices do not form one regular stack: Image Orientation (Patient) differs from slice 1 (slice 3 (instance 3) 2.25.100.3)']);
    e = await refusal(classicSeries({ ...base, planes: axialPlanes([0, 2, 2, 4]) }));
    expect(e.message).toBe('the slices do not form one regular stack: same position along the normal (slice 2 (instance 2) 2.25.100.2, slice 3 (instance 3) 2.25.100.3)');
    e = await refusal(classicSeries({ ...base, planes: [0, 2, 4].map((z) => ({ position: [0, z / 2, z], orientation: [1, 0, 0, 0, 1, 0], pixelSpacing: [1, 1] })) }));
    expect(e.message).toContain('across the image plane (tilted or sheared stack)');
    e = await refusal(classicSeries({ ...base, override: (i) => (i === 3 ? { FrameOfReferenceUID: '2.25.78' } : {}) }));
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_GEOMETRY', 'the slices belong to 2 Frames of Reference (2.25.77, 2.25.78); slice 4 (instance 4) 2.25.100.4 differs from slice 1']);
  });

  it('an orientation that is not two orthogonal unit vectors, a slice without position, frames of another size', async () => {
    let e = await refusal(classicSeries({ ...base, override: () => ({ ImageOrientationPatient: [1, 0, 0, 1, 0, 0] }) }));
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_GEOMETRY', 'slice 1 (instance 1) 2.25.100.1 has Image Orientation (Patient) 1\\0\\0\\1\\0\\0, which is not two orthogonal unit vectors (PS3.3 C.7.6.2.1.1)']);
    e = await refusal(classicSeries({ ...base, override: (i) => (i === 1 ? { ImagePositionPatient: undefined } : {}) }));
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_INPUT', 'slice 2 (instance 2) 2.25.100.2 has no usable Image Position (Patient), Image Orientation (Patient) or Pixel Spacing (3, 6 and 2 numbers)']);
    e = await refusal(classicSeries({ ...base, override: (i) => (i === 1 ? { Rows: 3 } : {}) }));
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_INPUT', 'slice 2 (instance 2) 2.25.100.2 is 2×3; slice 1 is 2×2']);
  });

  it('colour frames, a value a forced Int16 cannot hold, no instances, no pixels, multi-frame mixed with slices', async () => {
    const plane = axialPlanes([0])[0]!;
    const rgb = fakeInstance('2.25.9', { Rows: 2, Columns: 2, ImagePositionPatient: [0, 0, 0], ImageOrientationPatient: [1, 0, 0, 0, 1, 0], PixelSpacing: [1, 1] }, () => ({ ...sampleFrame(plane, 2, 2, () => 0), samplesPerPixel: 3 }));
    let e = await refusal({ ...classicSeries(base), instances: [rgb] });
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_INPUT', 'slice 1 2.25.9 is 2×2 with 3 sample(s) per pixel; the volume needs 2×2 greyscale frames']);
    e = await refusal(classicSeries({ ...base, phantom: () => 0.5, type: 'float32' }), { voxelType: 'int16' });
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_VALUES', 'slice 1 (instance 1) 2.25.100.1 has the value 0.5 at pixel 0, which a 16-bit integer volume cannot hold (use Float32)']);
    e = await refusal({ ...classicSeries(base), instances: [] });
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_INPUT', 'series 2.25.100 has no instances']);
    const sr = fakeInstance('2.25.8', { SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.33' }, () => sampleFrame(plane, 1, 1, () => 0), 0);
    e = await refusal({ ...classicSeries(base), instances: [sr] });
    expect(e.message).toBe('slice 1 2.25.8 has no pixels (SOP Class 1.2.840.10008.5.1.4.1.1.88.33)');
    const multi = fakeInstance('2.25.7', {}, () => sampleFrame(plane, 1, 1, () => 0), 5);
    e = await refusal({ ...classicSeries(base), instances: [...classicSeries(base).instances, multi] });
    expect(e.message).toBe('series 2.25.100 mixes 1 multi-frame image(s) with 4 other instance(s); build a volume per multi-frame image');
  });

  it('stops when the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(volumeFromSeries(classicSeries(base), { signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});
