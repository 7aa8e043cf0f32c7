/**
 * Memory: a 512×512×1000 CT (HU) fits as one Int16 array of 500 MiB, the slices decoded one at a
 * time (each frame is generated when asked for and dropped after it is copied).
 */
import { describe, expect, it } from 'vitest';
import type { FrameData, SourceSeries } from '../context/source-series.js';
import { fakeInstance } from './test-support/fake-source.js';
import { volumeFromSeries } from './volume-from-series.js';

const SIZE = 512;
const SLICES = 1000;
/** HU of pixel (row, column) of slice k: every value of −1024…2047 occurs. */
const hu = (k: number, row: number, column: number): number => ((k * 7 + row * 3 + column) % 3072) - 1024;

function frame(k: number): FrameData {
  const data = new Int32Array(SIZE * SIZE);
  for (let r = 0, p = 0; r < SIZE; r++) for (let c = 0; c < SIZE; c++) data[p++] = hu(k, r, c);
  return { rows: SIZE, columns: SIZE, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', data };
}

describe('volumeFromSeries: memory', () => {
  it('builds a 512×512×1000 CT as 500 MiB of Int16 with every value in place', async () => {
    const instances = Array.from({ length: SLICES }, (_, k) =>
      fakeInstance(`2.25.500.${k + 1}`, { Modality: 'CT', FrameOfReferenceUID: '2.25.5', InstanceNumber: k + 1, Rows: SIZE, Columns: SIZE, ImagePositionPatient: [-250, -250, -k * 0.625], ImageOrientationPatient: [1, 0, 0, 0, 1, 0], PixelSpacing: [0.977, 0.977] }, () => frame(k)),
    );
    const series: SourceSeries = { studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.500', modality: 'CT', instances, geometry: undefined };
    const v = await volumeFromSeries(series);
    expect(v.voxels).toBeInstanceOf(Int16Array);
    expect(v.voxels.byteLength).toBe(SIZE * SIZE * SLICES * 2); // 500 MiB
    expect(v.dimensions).toEqual([SIZE, SIZE, SLICES]);
    expect(v.spacing[2]).toBeCloseTo(0.625, 9);
    // Slices are sorted head-ward: volume slice k is instance SLICES − k (z = −(SLICES − 1 − k)·0.625).
    for (const [i, j, k] of [[0, 0, 0], [511, 511, 999], [17, 300, 500], [511, 0, 1]] as const) {
      expect(v.voxels[i + SIZE * (j + SIZE * k)]).toBe(hu(SLICES - 1 - k, j, i));
    }
  }, 300_000);
});
