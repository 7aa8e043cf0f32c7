import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { AtriumError } from '../errors/atrium-error.js';
import { runInWorker, type RunInWorkerOptions } from './run-in-worker.js';
import { TS_EXEC_ARGV } from './test-support/ts-loader.js';
import { Tag } from '@atrium/sdk';

/** Rows as an 8-hex key, the form an error's details carry. */
const ROWS_KEY = Tag.Rows.toString(16).toUpperCase().padStart(8, '0');

const WORKER = new URL('./test-support/task-worker.mjs', import.meta.url);

/** Runs the fixture worker; also reports when its thread has exited (and with which code). */
function run<T>(data: unknown, options: RunInWorkerOptions = {}) {
  let worker: Worker | undefined;
  let exited: Promise<number> | undefined;
  const promise = runInWorker<T>(WORKER, data, {
    execArgv: TS_EXEC_ARGV,
    ...options,
    onStart: (w) => {
      worker = w;
      exited = new Promise((r) => w.once('exit', r));
    },
  });
  return { promise, worker: () => worker!, exited: () => exited! };
}

async function rejection(p: Promise<unknown>): Promise<AtriumError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AtriumError);
  return e as AtriumError;
}

describe('runInWorker', () => {
  it('resolves with the result, forwards events, and the thread is gone afterwards', async () => {
    const events: unknown[] = [];
    const r = run<{ doubled: number; threadId: number }>({ mode: 'double', n: 21 }, { onMessage: (m) => events.push(m) });
    const result = await r.promise;
    expect(result.doubled).toBe(42);
    expect(result.threadId).toBeGreaterThan(0);
    expect(events).toEqual([{ progress: 0.5, threadId: result.threadId }]);
    expect(r.worker().threadId).toBe(-1); // Node sets -1 once the thread has stopped
  });

  it('rejects with the code, message and details of an AtriumError thrown in the task', async () => {
    const e = await rejection(run({ mode: 'throw-atrium' }).promise);
    expect(e.code).toBe('ATRIUM_ERR_TEST_BUSY');
    expect(e.message).toBe('peer is busy');
    expect(e.details).toEqual({ retryable: true, peer: 'PACS' });
    expect(e.stack).toContain('task-worker.mjs');
  });

  it('rejects with ATRIUM_ERR_WORKER_FAILED for a plain error thrown in the task', async () => {
    const e = await rejection(run({ mode: 'throw-plain' }).promise);
    expect(e.code).toBe('ATRIUM_ERR_WORKER_FAILED');
    expect(e.message).toBe('plain failure in worker');
  });

  it('reports a worker that calls process.exit(3) as crashed, with the exit code', async () => {
    const e = await rejection(run({ mode: 'exit' }).promise);
    expect(e.code).toBe('ATRIUM_ERR_WORKER_CRASHED');
    expect(e.message).toMatch(/task-worker\.mjs \(thread \d+\) exited with code 3 without a result/);
    expect(e.details.exitCode).toBe(3);
  });

  it('reports an uncaught exception in the worker as crashed, with its message', async () => {
    const e = await rejection(run({ mode: 'uncaught' }).promise);
    expect(e.code).toBe('ATRIUM_ERR_WORKER_CRASHED');
    expect(e.message).toContain('threw uncaught in a timer');
    expect((e.cause as Error).message).toBe('uncaught in a timer');
  });

  it('reports a worker module that does not load as crashed', async () => {
    const e = await rejection(runInWorker(new URL('./test-support/no-such-worker.mjs', import.meta.url), {}));
    expect(e.code).toBe('ATRIUM_ERR_WORKER_CRASHED');
  });

  it('reports a result that cannot be cloned', async () => {
    const e = await rejection(run({ mode: 'unclonable' }).promise);
    expect(e.code).toBe('ATRIUM_ERR_WORKER_RESULT_NOT_CLONEABLE');
  });

  it('terminates a hung (busy-looping) worker on timeout', async () => {
    const started = Date.now();
    const r = run({ mode: 'hang' }, { timeoutMs: 1500 });
    const e = await rejection(r.promise);
    expect(e.code).toBe('ATRIUM_ERR_WORKER_TIMEOUT');
    expect(e.message).toContain('did not finish within 1500 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(r.worker().threadId).toBe(-1);
    expect(await r.exited()).toBe(1); // terminate() ends a thread with code 1
  });

  it('terminates a hung worker when the signal is aborted', async () => {
    const controller = new AbortController();
    let hanging: unknown;
    const r = run(
      { mode: 'hang' },
      {
        signal: controller.signal,
        onMessage: (m) => {
          hanging = m;
          controller.abort();
        },
      },
    );
    const e = await rejection(r.promise);
    expect(e.code).toBe('ATRIUM_ERR_WORKER_CANCELLED');
    expect(hanging).toEqual({ hanging: e.details.threadId });
    expect(r.worker().threadId).toBe(-1);
    expect(await r.exited()).toBe(1);
  });

  it('does not start a worker when the signal is already aborted', async () => {
    let started = false;
    const e = await rejection(runInWorker(WORKER, { mode: 'double', n: 1 }, { signal: AbortSignal.abort(), onStart: () => (started = true) }));
    expect(e.code).toBe('ATRIUM_ERR_WORKER_CANCELLED');
    expect(started).toBe(false);
  });

  it('answers callMain: values, structured data, a handler error with its code, an unknown method', async () => {
    const calls: unknown[][] = [];
    const result = await run(
      { mode: 'call' },
      {
        handlers: {
          add: (a: number, b: number) => a + b,
          store: async (obj: { bytes: Uint8Array }) => {
            calls.push([obj.bytes]);
            await new Promise((r) => setTimeout(r, 10));
            return { stored: obj.bytes.length };
          },
          refuse: () => {
            throw new AtriumError('ATRIUM_ERR_DERIVE_INVALID', 'Rows (0028,0010) is missing', { tag: ROWS_KEY });
          },
        },
      },
    ).promise;
    expect(result).toEqual({
      sum: 5,
      stored: { stored: 3 },
      refused: { name: 'AtriumError', code: 'ATRIUM_ERR_DERIVE_INVALID', message: 'Rows (0028,0010) is missing', details: { tag: ROWS_KEY } },
      missing: 'ATRIUM_ERR_WORKER_NO_HANDLER',
    });
    expect(calls).toEqual([[new Uint8Array([1, 2, 3])]]);
  });
});
