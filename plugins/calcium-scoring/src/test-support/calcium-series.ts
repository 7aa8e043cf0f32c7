/**
 * Small CT series for the app's tests, written by the test kit (real CT Image Storage files):
 * axial slices of a 0 HU background with calcified boxes, the attributes the app reads, and
 * every attribute overridable per slice.
 */
import type { DicomValue } from '@atrium/sdk';
import { testSeries, type TestSeries } from '@atrium/testing';

/** A calcified box: HU over rows [row, row+height), columns [column, column+width) of some slices. */
export interface CalciumBox {
  readonly slices: readonly number[];
  readonly row: number;
  readonly column: number;
  readonly height: number;
  readonly width: number;
  readonly hu: number;
}

/** Options of {@link calciumSeries}; every attribute can be overridden per slice. */
export interface CalciumSeriesOptions {
  readonly slices?: number;
  readonly size?: number;
  /** Pixel spacing (mm, both directions), default 0.5. */
  readonly spacing?: number;
  /** Slice increment (mm), default 3; slice i at z = −30 + i × increment. */
  readonly increment?: number;
  readonly boxes?: readonly CalciumBox[];
  /** Attribute overrides of slice i (a value of `undefined` removes the attribute). */
  readonly override?: (i: number) => Readonly<Record<string, DicomValue | undefined>>;
}

/** Origin of slice 0: Image Position (Patient) of its first pixel. */
export const ORIGIN = [-8, -8, -30] as const;

/** Frame of Reference UID of every slice (unless overridden). */
export const FRAME_OF_REFERENCE = '2.25.7';

/** Patient coordinates (mm) of pixel (row, column) of slice i of an unmodified series. */
export function pixelToPatient(i: number, row: number, column: number, spacing = 0.5, increment = 3): [number, number, number] {
  return [ORIGIN[0] + column * spacing, ORIGIN[1] + row * spacing, ORIGIN[2] + i * increment];
}

/** A series of axial slices (background 0 HU, 120 kVp) with the given calcified boxes; files in slice order. */
export function calciumSeries(o: CalciumSeriesOptions = {}): TestSeries {
  const count = o.slices ?? 10;
  const size = o.size ?? 64;
  const increment = o.increment ?? 3;
  const images = Array.from({ length: count }, (_, i) => {
    const hu = new Int16Array(size * size);
    for (const b of o.boxes ?? []) {
      if (!b.slices.includes(i)) continue;
      for (let r = b.row; r < b.row + b.height; r++) hu.fill(b.hu, r * size + b.column, r * size + b.column + b.width);
    }
    return hu;
  });
  return testSeries({
    rows: size,
    columns: size,
    images,
    pixelSpacing: o.spacing ?? 0.5,
    sliceSpacing: increment,
    attributes: { PatientName: 'Phantom^Calcium', PatientID: 'CAC-1', StudyDate: '20240305', FrameOfReferenceUID: FRAME_OF_REFERENCE },
    instance: (i) => ({ ImagePositionPatient: [ORIGIN[0], ORIGIN[1], ORIGIN[2] + i * increment], ...o.override?.(i) }),
  });
}
