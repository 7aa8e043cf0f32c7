/**
 * Synthetic CT series for app tests, built from SDK types only: source instances with the
 * attributes the app reads and HU frames (already rescaled, as `frame(0, { rescale: true })`
 * returns them), and the series geometry computed as the host does ({@link seriesGeometry}).
 */
import { seriesGeometry, type DicomValue, type FrameData, type SourceInstance, type SourceSeries } from '@atrium/sdk';

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

/** Patient coordinates (mm) of pixel (row, column) of slice i of an unmodified series. */
export function pixelToPatient(i: number, row: number, column: number, spacing = 0.5, increment = 3): [number, number, number] {
  return [ORIGIN[0] + column * spacing, ORIGIN[1] + row * spacing, ORIGIN[2] + i * increment];
}

/** A series of axial slices (background 0 HU) with the given calcified boxes. */
export function calciumSeries(o: CalciumSeriesOptions = {}): SourceSeries {
  const count = o.slices ?? 10;
  const size = o.size ?? 64;
  const spacing = o.spacing ?? 0.5;
  const increment = o.increment ?? 3;
  const instances: SourceInstance[] = Array.from({ length: count }, (_, i) => {
    const hu = new Int16Array(size * size);
    for (const b of o.boxes ?? []) {
      if (!b.slices.includes(i)) continue;
      for (let r = b.row; r < b.row + b.height; r++) for (let c = b.column; c < b.column + b.width; c++) hu[r * size + c] = b.hu;
    }
    const attributes: Record<string, DicomValue | undefined> = {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
      Modality: 'CT',
      PatientName: 'Phantom^Calcium',
      PatientID: 'CAC-1',
      StudyDate: '20240305',
      StudyInstanceUID: '2.25.1',
      SeriesInstanceUID: '2.25.100',
      FrameOfReferenceUID: '2.25.7',
      InstanceNumber: i + 1,
      Rows: size,
      Columns: size,
      PixelSpacing: [spacing, spacing],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      ImagePositionPatient: [ORIGIN[0], ORIGIN[1], ORIGIN[2] + i * increment],
      RescaleSlope: 1,
      RescaleIntercept: -1024,
      KVP: 120,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      BitsAllocated: 16,
      ...o.override?.(i),
    };
    const frame: FrameData = { rows: size, columns: size, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', data: hu };
    return fakeInstance(`2.25.100.${i + 1}`, attributes, frame);
  });
  return { studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.100', modality: 'CT', instances, geometry: geometryOf(instances) };
}

/** The series geometry as the host computes it, or undefined when a slice lacks Image Plane attributes. */
export function geometryOf(instances: readonly SourceInstance[]): SourceSeries['geometry'] {
  const planes = instances.map((s) => ({ imagePositionPatient: s.numbers('ImagePositionPatient'), imageOrientationPatient: s.numbers('ImageOrientationPatient'), pixelSpacing: s.numbers('PixelSpacing') }));
  if (planes.some((p) => p.imagePositionPatient.length !== 3 || p.imageOrientationPatient.length !== 6 || p.pixelSpacing.length !== 2)) return undefined;
  return seriesGeometry(planes);
}

function fakeInstance(sopInstanceUID: string, attributes: Readonly<Record<string, DicomValue | undefined>>, frame: FrameData): SourceInstance {
  const numbers = (keyword: string): readonly number[] => {
    const v = attributes[keyword];
    if (typeof v === 'number') return [v];
    if (typeof v === 'string') return v.split('\\').map(Number).filter(Number.isFinite);
    if (Array.isArray(v)) return v.map(Number).filter(Number.isFinite);
    return [];
  };
  return {
    sopInstanceUID,
    sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
    numberOfFrames: 1,
    attribute: (keyword) => attributes[keyword],
    string(keyword) {
      const v = attributes[keyword];
      const first = Array.isArray(v) ? v[0] : v;
      const text = typeof first === 'string' || typeof first === 'number' ? String(first).trim() : undefined;
      return text === '' ? undefined : text;
    },
    numbers,
    number: (keyword) => numbers(keyword)[0],
    async frame(index, options) {
      if (index !== 0) throw new RangeError(`${sopInstanceUID} has no frame ${index}`);
      if (options?.rescale !== true) throw new Error('the calcium app must read HU (rescale: true)');
      return frame;
    },
  };
}
