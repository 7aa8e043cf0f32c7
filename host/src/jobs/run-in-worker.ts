import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AtriumError } from '../errors/atrium-error.js';
import type { AtriumErrorCode } from '../errors/codes.js';
import { deserializeError, serializeError, type MainToWorker, type WorkerToMain } from './worker-protocol.js';

/** A main-thread function a worker may call through `callMain(method, ...args)`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers take whatever the worker sends
export type MainHandler = (...args: any[]) => unknown;

/** Options of {@link runInWorker}. */
export interface RunInWorkerOptions {
  /** Aborting terminates the worker; the promise rejects with `ATRIUM_ERR_WORKER_CANCELLED`. */
  readonly signal?: AbortSignal;
  /** Receives every `event` the worker emits (`emitEvent` / `io.emit`). */
  readonly onMessage?: (event: unknown) => void;
  /** After this many ms the worker is terminated; the promise rejects with `ATRIUM_ERR_WORKER_TIMEOUT`. */
  readonly timeoutMs?: number;
  /** What the worker may ask of the main thread (`callMain`); the answer (or error) is sent back. */
  readonly handlers?: Readonly<Record<string, MainHandler>>;
  /** Node options of the worker (tests load TypeScript workers with `['--import', <loader>]`). */
  readonly execArgv?: readonly string[];
  readonly resourceLimits?: ResourceLimits;
  /** Called with the worker once it is created (its `threadId`, to follow its exit). */
  readonly onStart?: (worker: Worker) => void;
}

/**
 * Runs the task of the worker module `workerUrl` (which calls `runWorkerTask`) on `data`
 * in a new `worker_threads` Worker, and resolves with its result. The worker is gone by
 * the time the promise settles. Production workers are compiled JavaScript under
 * `host/dist`.
 *
 * @throws AtriumError the task's own error (its code, or `ATRIUM_ERR_WORKER_FAILED`, with
 *   its message and details); `ATRIUM_ERR_WORKER_CANCELLED` (aborted),
 *   `ATRIUM_ERR_WORKER_TIMEOUT`, `ATRIUM_ERR_WORKER_CRASHED` (the worker exited without a
 *   result: `process.exit`, an uncaught exception, a module that does not load, out of memory).
 */
export function runInWorker<T>(workerUrl: URL, data: unknown, options: RunInWorkerOptions = {}): Promise<T> {
  const { signal, timeoutMs, handlers = {} } = options;
  const where = workerUrl.pathname.split('/').pop() ?? workerUrl.href;
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      const message = `Worker ${where} was cancelled before it started`;
      reject(new AtriumError('ATRIUM_ERR_WORKER_CANCELLED', message, { worker: workerUrl.href }));
      return;
    }
    let worker: Worker;
    try {
      worker = new Worker(workerUrl, {
        workerData: data,
        ...(options.execArgv === undefined ? {} : { execArgv: [...options.execArgv] }),
        ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
      });
    } catch (e) {
      const message = `Worker ${where} could not start: ${(e as Error).message}`;
      reject(new AtriumError('ATRIUM_ERR_WORKER_CRASHED', message, { worker: workerUrl.href }, { cause: e }));
      return;
    }
    const threadId = worker.threadId;
    let settled = false;
    let uncaught: unknown;
    let timer: NodeJS.Timeout | undefined;

    /** Settles once; with `terminate`, only after the thread has stopped. */
    const settle = (outcome: () => void, terminate: boolean): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (terminate) void worker.terminate().then(outcome, outcome);
      else outcome();
    };
    const error = (code: AtriumErrorCode, message: string, cause: unknown, details: Record<string, unknown> = {}): AtriumError =>
      new AtriumError(code, message, { worker: workerUrl.href, threadId, ...details }, cause === undefined ? undefined : { cause });
    const fail = (code: AtriumErrorCode, message: string, cause?: unknown): void => settle(() => reject(error(code, message, cause)), true);
    const onAbort = (): void =>
      fail('ATRIUM_ERR_WORKER_CANCELLED', `Worker ${where} (thread ${threadId}) was cancelled and terminated`, signal?.reason);

    const reply = (m: MainToWorker): void => {
      if (settled) return;
      try {
        worker.postMessage(m);
      } catch (e) {
        const why = new AtriumError('ATRIUM_ERR_WORKER_REPLY_NOT_CLONEABLE', `The answer cannot be sent to the worker: ${(e as Error).message}`);
        worker.postMessage({ type: 'reply', id: m.id, ok: false, error: serializeError(why) } satisfies MainToWorker);
      }
    };
    const call = (m: Extract<WorkerToMain, { type: 'call' }>): void => {
      const handler = Object.hasOwn(handlers, m.method) ? handlers[m.method] : undefined;
      if (handler === undefined) {
        const message = `Worker ${where} called ${m.method}, which the main thread does not provide`;
        const e = new AtriumError('ATRIUM_ERR_WORKER_NO_HANDLER', message, { method: m.method });
        reply({ type: 'reply', id: m.id, ok: false, error: serializeError(e) });
        return;
      }
      Promise.resolve()
        .then(() => handler(...m.args))
        .then(
          (value) => reply({ type: 'reply', id: m.id, ok: true, value }),
          (e: unknown) => reply({ type: 'reply', id: m.id, ok: false, error: serializeError(e) }),
        );
    };

    worker.on('message', (m: WorkerToMain) => {
      if (settled) return;
      switch (m?.type) {
        case 'result':
          settle(() => resolve(m.value as T), true);
          break;
        case 'error':
          settle(() => reject(deserializeError(m.error, 'ATRIUM_ERR_WORKER_FAILED')), true);
          break;
        case 'event':
          try {
            options.onMessage?.(m.event);
          } catch (e) {
            const message = `onMessage of worker ${where} threw: ${(e as Error)?.message ?? String(e)}`;
            process.emitWarning(message, { code: 'ATRIUM_WARN_WORKER_LISTENER' });
          }
          break;
        case 'call':
          call(m);
          break;
        default:
          break; // not of the protocol
      }
    });
    worker.on('error', (e) => {
      uncaught = e; // 'exit' follows
    });
    worker.on('exit', (exitCode) => {
      const why = uncaught === undefined ? `exited with code ${exitCode}` : `threw ${(uncaught as Error)?.message ?? String(uncaught)}`;
      const message = `Worker ${where} (thread ${threadId}) ${why} without a result`;
      settle(() => reject(error('ATRIUM_ERR_WORKER_CRASHED', message, uncaught, { exitCode })), false);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) {
      const message = `Worker ${where} (thread ${threadId}) did not finish within ${timeoutMs} ms and was terminated`;
      timer = setTimeout(() => fail('ATRIUM_ERR_WORKER_TIMEOUT', message), timeoutMs);
    }
    options.onStart?.(worker);
  });
}
