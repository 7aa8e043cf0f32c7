/**
 * A fake run context built from SDK types only — what a plugin author needs to test an app
 * without a host: synthetic source instances with frames, a `derive.write` that captures
 * its requests, and progress / log / warning recorders.
 */
import type {
  AppContext, DerivedObjectRef, DerivedObjectRequest, DicomValue, FrameData, SeriesGeometry, SourceInstance, SourceSeries,
} from '@atrium/sdk';

/** A frame request the fake instances saw. */
export interface FrameRequest {
  readonly sopInstanceUID: string;
  readonly index: number;
  readonly options: { readonly rescale?: boolean; readonly color?: 'native' | 'rgb' } | undefined;
}

/** A source instance with the given top-level attributes and decoded frames. */
export function fakeInstance(sopInstanceUID: string, attributes: Readonly<Record<string, DicomValue>>, frames: readonly FrameData[], requests: FrameRequest[] = []): SourceInstance {
  const numbers = (keyword: string): readonly number[] => {
    const v = attributes[keyword];
    if (typeof v === 'number') return [v];
    if (typeof v === 'string') return v.split('\\').map(Number).filter(Number.isFinite);
    if (Array.isArray(v)) return v.map(Number).filter(Number.isFinite);
    return [];
  };
  return {
    sopInstanceUID,
    sopClassUID: typeof attributes.SOPClassUID === 'string' ? attributes.SOPClassUID : '1.2.840.10008.5.1.4.1.1.2',
    numberOfFrames: frames.length,
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
      requests.push({ sopInstanceUID, index, options });
      const frame = frames[index];
      if (!frame) throw new RangeError(`${sopInstanceUID} has no frame ${index}`);
      return frame;
    },
  };
}

/** A series of the given instances. */
export function fakeSeries(instances: readonly SourceInstance[], geometry?: SeriesGeometry, seriesInstanceUID = '2.25.100'): SourceSeries {
  return {
    studyInstanceUID: '2.25.1',
    seriesInstanceUID,
    modality: instances[0]?.string('Modality'),
    instances,
    geometry,
  };
}

/** What a fake run recorded. */
export interface FakeRun {
  readonly ctx: AppContext;
  readonly controller: AbortController;
  readonly writes: { readonly output: string; readonly request: DerivedObjectRequest }[];
  readonly progress: { readonly fraction: number; readonly message: string | undefined }[];
  readonly warnings: string[];
  readonly logs: string[];
}

/** A run context whose `derive.write` captures requests and answers with fake UIDs. */
export function fakeRun(): FakeRun {
  const controller = new AbortController();
  const writes: FakeRun['writes'] = [];
  const progress: FakeRun['progress'] = [];
  const warnings: string[] = [];
  const logs: string[] = [];
  const stored = new Map<string, unknown>();
  const ctx: AppContext = Object.freeze({
    derive: {
      async write(output: string, request: DerivedObjectRequest): Promise<DerivedObjectRef> {
        writes.push({ output, request });
        return { output, studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.200', sopInstanceUID: `2.25.200${writes.length}` };
      },
    },
    progress: (fraction: number, message?: string) => void progress.push({ fraction, message }),
    log: {
      info: (m: string) => void logs.push(`info: ${m}`),
      warn: (m: string) => void logs.push(`warn: ${m}`),
      error: (m: string) => void logs.push(`error: ${m}`),
    },
    signal: controller.signal,
    storage: {
      get: async <T>(key: string) => stored.get(key) as T | undefined,
      set: async (key: string, value: unknown) => void stored.set(key, value),
      delete: async (key: string) => void stored.delete(key),
    },
    warn: (m: string) => void warnings.push(m),
  });
  return { ctx, controller, writes, progress, warnings, logs };
}
