/**
 * A fake run context built from SDK types only: `derive.write` captures its requests,
 * `readSeries` answers from the series given, progress and warnings are recorded. For testing
 * the apps without a host.
 */
import { SdkError, type AppContext, type DerivedObjectRef, type DerivedObjectRequest, type SourceSeries } from '@atrium/sdk';

/** What a fake run recorded. */
export interface FakeRun {
  readonly ctx: AppContext;
  readonly controller: AbortController;
  readonly writes: { readonly output: string; readonly request: DerivedObjectRequest }[];
  readonly progress: { readonly fraction: number; readonly message: string | undefined }[];
  readonly warnings: string[];
}

/** A run context whose `derive.write` captures requests; `others` are the series `readSeries` can give. */
export function fakeRun(others: readonly SourceSeries[] = []): FakeRun {
  const controller = new AbortController();
  const writes: FakeRun['writes'] = [];
  const progress: FakeRun['progress'] = [];
  const warnings: string[] = [];
  const ctx: AppContext = Object.freeze({
    derive: {
      async write(output: string, request: DerivedObjectRequest): Promise<DerivedObjectRef> {
        writes.push({ output, request });
        return { output, studyInstanceUID: '2.25.1', seriesInstanceUID: `2.25.2.${output.length}`, sopInstanceUID: `2.25.3.${writes.length}` };
      },
    },
    progress: (fraction: number, message?: string) => void progress.push({ fraction, message }),
    log: { info: () => {}, warn: () => {}, error: () => {} },
    signal: controller.signal,
    storage: { get: async () => undefined, set: async () => {}, delete: async () => {} },
    warn: (m: string) => void warnings.push(m),
    readSeries: async (uid: string) => {
      const s = others.find((o) => o.seriesInstanceUID === uid);
      if (!s) throw new SdkError('ATRIUM_ERR_APP_INPUT', `no series ${uid} is stored in the study`);
      return s;
    },
  });
  return { ctx, controller, writes, progress, warnings };
}
