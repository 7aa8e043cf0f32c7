import type { DicomValue } from '@atrium/sdk';
import { testSeries, type TestSeries } from '@atrium/testing';

/** What {@link analyticSeries} samples. */
export interface AnalyticSeriesOptions {
  /** Rows and columns of every slice. */
  readonly size: number;
  readonly slices: number;
  /** Pixel Spacing (mm); default 1. */
  readonly spacing?: number;
  /** Distance between slices and their thickness (mm); default 1. */
  readonly sliceSpacing?: number;
  /** `CT` (default: values in HU, window 40/400) or `MR`. */
  readonly modality?: 'CT' | 'MR';
  /** Seed of the kit's UIDs: one per series of a test. */
  readonly seed?: string;
  /** More attributes of every instance. */
  readonly attributes?: Readonly<Record<string, DicomValue>>;
}

/**
 * An axial series (Image Orientation 1\0\0\0\1\0, slice k at z = k × sliceSpacing, centred on
 * x = y = 0) as the kit's Part 10 files: each pixel holds `value(x, y, z)` at its centre in patient
 * coordinates (mm), rounded to a signed 16-bit value (HU for CT).
 */
export function analyticSeries(value: (x: number, y: number, z: number) => number, options: AnalyticSeriesOptions): TestSeries {
  const { size, slices } = options;
  const spacing = options.spacing ?? 1;
  const sliceSpacing = options.sliceSpacing ?? 1;
  const x0 = (-(size - 1) * spacing) / 2;
  const images = Array.from({ length: slices }, (_, k) => {
    const pixels = new Int16Array(size * size);
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) pixels[r * size + c] = Math.round(value(x0 + c * spacing, x0 + r * spacing, k * sliceSpacing));
    return pixels;
  });
  const modality = options.modality ?? 'CT';
  return testSeries({
    rows: size,
    columns: size,
    modality,
    images,
    pixelSpacing: spacing,
    sliceSpacing,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    attributes: { ...(modality === 'CT' ? { WindowCenter: 40, WindowWidth: 400 } : {}), ...options.attributes },
    instance: (k) => ({ ImagePositionPatient: [x0, x0, k * sliceSpacing] }),
  });
}
