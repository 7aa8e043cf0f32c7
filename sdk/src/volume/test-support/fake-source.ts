/**
 * Source instances for volume tests, built from SDK types only: attributes by keyword and frames
 * that sample an analytic function of patient position (LPS mm) at the pixel centres, as the
 * host's `frame(index, { rescale: true })` returns them.
 */
import type { DicomValue } from '../../app/dicom-value.js';
import type { FrameData, SourceInstance, SourceSeries } from '../../context/source-series.js';
import type { Vec3 } from '../volume.js';

/** A value at a patient position. */
export type Phantom = (x: number, y: number, z: number) => number;

/** A read-only instance over `attributes`, whose frame `f` is `frames(f)`. */
export function fakeInstance(sopInstanceUID: string, attributes: Readonly<Record<string, DicomValue | undefined>>, frames: (f: number) => FrameData, numberOfFrames = 1): SourceInstance {
  const numbers = (keyword: string): readonly number[] => {
    const v = attributes[keyword];
    if (typeof v === 'number') return [v];
    if (typeof v === 'string') return v.split('\\').map(Number).filter(Number.isFinite);
    if (Array.isArray(v)) return (v as readonly unknown[]).map(Number).filter(Number.isFinite);
    return [];
  };
  return {
    sopInstanceUID,
    sopClassUID: String(attributes.SOPClassUID ?? '1.2.840.10008.5.1.4.1.1.2'),
    numberOfFrames,
    attribute: (keyword) => attributes[keyword],
    string(keyword) {
      const v = attributes[keyword];
      const first = Array.isArray(v) ? (v as readonly unknown[])[0] : v;
      const text = typeof first === 'string' || typeof first === 'number' ? String(first).trim() : undefined;
      return text === '' ? undefined : text;
    },
    numbers,
    number: (keyword) => numbers(keyword)[0],
    async frame(index, options) {
      if (index < 0 || index >= numberOfFrames) throw new RangeError(`${sopInstanceUID} has no frame ${index}`);
      if (options?.rescale !== true) throw new Error('volumes are built from modality values (rescale: true)');
      return frames(index);
    },
  };
}

/** Plane of one slice: Image Position (Patient), Image Orientation (Patient), Pixel Spacing [row, column]. */
export interface Plane {
  readonly position: Vec3;
  readonly orientation: readonly [number, number, number, number, number, number];
  readonly pixelSpacing: readonly [number, number];
}

/** The frame of `rows`×`columns` values of `phantom` at the pixel centres of `plane` (Float64 unless `type`). */
export function sampleFrame(plane: Plane, rows: number, columns: number, phantom: Phantom, type: 'int32' | 'float32' | 'float64' = 'int32'): FrameData {
  const data = type === 'int32' ? new Int32Array(rows * columns) : type === 'float32' ? new Float32Array(rows * columns) : new Float64Array(rows * columns);
  const [rx, ry, rz, cx, cy, cz] = plane.orientation;
  const [dr, dc] = plane.pixelSpacing;
  const [px, py, pz] = plane.position;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) data[r * columns + c] = phantom(px + c * dc * rx + r * dr * cx, py + c * dc * ry + r * dr * cy, pz + c * dc * rz + r * dr * cz);
  }
  return { rows, columns, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', data };
}

/** Options of {@link classicSeries}. */
export interface ClassicSeriesOptions {
  readonly rows: number;
  readonly columns: number;
  readonly planes: readonly Plane[];
  readonly phantom: Phantom;
  readonly type?: 'int32' | 'float32' | 'float64';
  /** Attribute overrides of slice i (`undefined` removes one). */
  readonly override?: (i: number) => Readonly<Record<string, DicomValue | undefined>>;
}

/** A CT series of single-frame slices in the order given (not sorted), sampling `phantom`. */
export function classicSeries(o: ClassicSeriesOptions): SourceSeries {
  const instances = o.planes.map((plane, i) => {
    const attributes: Record<string, DicomValue | undefined> = {
      Modality: 'CT',
      FrameOfReferenceUID: '2.25.77',
      InstanceNumber: i + 1,
      Rows: o.rows,
      Columns: o.columns,
      ImagePositionPatient: [...plane.position],
      ImageOrientationPatient: [...plane.orientation],
      PixelSpacing: [...plane.pixelSpacing],
      RescaleSlope: 1,
      RescaleIntercept: -1024,
      ...o.override?.(i),
    };
    return fakeInstance(`2.25.100.${i + 1}`, attributes, () => sampleFrame(plane, o.rows, o.columns, o.phantom, o.type));
  });
  return { studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.100', modality: 'CT', instances, geometry: undefined };
}

/** Planes of an axial stack: slice k at z0 + k·increment (or at each of `zs`). */
export function axialPlanes(zs: readonly number[], spacing: readonly [number, number] = [0.5, 0.5], x0 = -8, y0 = -6): Plane[] {
  return zs.map((z) => ({ position: [x0, y0, z], orientation: [1, 0, 0, 0, 1, 0], pixelSpacing: spacing }));
}
