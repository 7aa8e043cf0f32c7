/**
 * A fake run context built from SDK types only: a `derive.write` that captures its
 * requests, and progress / log / warning recorders. For testing the app without a host.
 */
import type { AppContext, DerivedObjectRef, DerivedObjectRequest } from '@atrium/sdk';

/** What a fake run recorded. */
export interface FakeRun {
  readonly ctx: AppContext;
  readonly controller: AbortController;
  readonly writes: { readonly output: string; readonly request: DerivedObjectRequest }[];
  readonly progress: { readonly fraction: number; readonly message: string | undefined }[];
  readonly warnings: string[];
}

/** A run context whose `derive.write` captures requests and answers with fake UIDs. */
export function fakeRun(): FakeRun {
  const controller = new AbortController();
  const writes: FakeRun['writes'] = [];
  const progress: FakeRun['progress'] = [];
  const warnings: string[] = [];
  const stored = new Map<string, unknown>();
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
    storage: {
      get: async <T>(key: string) => stored.get(key) as T | undefined,
      set: async (key: string, value: unknown) => void stored.set(key, value),
      delete: async (key: string) => void stored.delete(key),
    },
    warn: (m: string) => void warnings.push(m),
  });
  return { ctx, controller, writes, progress, warnings };
}
