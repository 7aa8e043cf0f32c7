/**
 * A run context and a source series built from SDK types only, for testing the apps without a
 * host: `derive.write` captures its requests; `render` (optional) answers with blank images; the
 * series is an axial stack sampling an analytic function at its pixel centres, as the host's
 * `frame(index, { rescale: true })` returns modality values.
 */
import type { AppContext, DerivedObjectRef, DerivedObjectRequest, DicomValue, FrameData, Scene, SceneRenderer, SourceInstance, SourceSeries } from '@atrium/sdk';

export interface FakeRun {
  readonly ctx: AppContext;
  readonly writes: { readonly output: string; readonly request: DerivedObjectRequest }[];
  readonly scenes: Scene[];
  readonly progress: number[];
}

export function fakeRun(options: { readonly render?: boolean } = {}): FakeRun {
  const writes: FakeRun['writes'] = [];
  const scenes: Scene[] = [];
  const progress: number[] = [];
  const render: SceneRenderer = {
    async scene(scene) {
      scenes.push(scene);
      return scene.cameras.map(() => ({ width: scene.width, height: scene.height, rgb: new Uint8Array(scene.width * scene.height * 3), renderMs: 1 }));
    },
  };
  const ctx: AppContext = Object.freeze({
    derive: {
      async write(output: string, request: DerivedObjectRequest): Promise<DerivedObjectRef> {
        writes.push({ output, request });
        return { output, studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.2', sopInstanceUID: `2.25.3.${writes.length}` };
      },
    },
    progress: (fraction: number) => void progress.push(fraction),
    log: { info: () => {}, warn: () => {}, error: () => {} },
    signal: new AbortController().signal,
    storage: { get: async () => undefined, set: async () => {}, delete: async () => {} },
    warn: () => {},
    ...(options.render ? { render } : {}),
  });
  return { ctx, writes, scenes, progress };
}

/**
 * An axial series (Image Orientation 1\0\0\0\1\0, slices advancing to the head) of `slices` images
 * of `size`×`size` pixels of `spacing` mm, slice k at z = k·`sliceSpacing`, centred on x = y = 0,
 * values `value(x, y, z)` rounded (HU), Modality CT.
 */
export function fakeAxialSeries(value: (x: number, y: number, z: number) => number, options: { readonly size: number; readonly slices: number; readonly spacing: number; readonly sliceSpacing: number; readonly modality?: string }): SourceSeries {
  const { size, slices, spacing, sliceSpacing } = options;
  const x0 = (-(size - 1) * spacing) / 2;
  const instances = Array.from({ length: slices }, (_, k): SourceInstance => {
    const z = k * sliceSpacing;
    const attributes: Record<string, DicomValue> = {
      Modality: options.modality ?? 'CT', Rows: size, Columns: size, ImagePositionPatient: [x0, x0, z], ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      PixelSpacing: [spacing, spacing], FrameOfReferenceUID: '2.25.77', InstanceNumber: k + 1, SeriesInstanceUID: '2.25.70', StudyInstanceUID: '2.25.71',
      RescaleSlope: 1, RescaleIntercept: 0, WindowCenter: 40, WindowWidth: 400, PatientPosition: 'HFS', BodyPartExamined: 'CHEST',
    };
    const frame = (): FrameData => {
      const data = new Int32Array(size * size);
      for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) data[r * size + c] = Math.round(value(x0 + c * spacing, x0 + r * spacing, z));
      return { rows: size, columns: size, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', data };
    };
    const numbers = (keyword: string): readonly number[] => {
      const v = attributes[keyword];
      return typeof v === 'number' ? [v] : Array.isArray(v) ? (v as readonly number[]) : [];
    };
    return {
      sopInstanceUID: `2.25.80.${k + 1}`,
      sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
      numberOfFrames: 1,
      attribute: (keyword) => attributes[keyword],
      string: (keyword) => (typeof attributes[keyword] === 'string' ? (attributes[keyword] as string) : undefined),
      numbers,
      number: (keyword) => numbers(keyword)[0],
      frame: async () => frame(),
    };
  });
  return { studyInstanceUID: '2.25.71', seriesInstanceUID: '2.25.70', modality: options.modality ?? 'CT', instances, geometry: undefined };
}
