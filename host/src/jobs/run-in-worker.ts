import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AtriumError } from '../errors/atrium-error.js';
import type { AtriumErrorCode } from '../errors/codes.js';
import { deserializeError, serializeError, type MainToWorker, type WorkerToMain } from './worker-protocol.js';
import type { WarningCode } from '../errors/codes.js';

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
  const where = workerUrl.pathname.split('/').pop() ?? workerUrl.href;
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new AtriumError('ATRIUM_ERR_WORKER_CANCELLED', `Worker ${where} was cancelled before it started`, { worker: workerUrl.href }));
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
      reject(new AtriumError('ATRIUM_ERR_WORKER_CRASHED', `Worker ${where} could not start: ${(e as Error).message}`, { worker: workerUrl.href }, { cause: e }));
      return;
    }
    supervise(worker, { workerUrl, where, options, resolve: resolve as (value: unknown) => void, reject });
    options.onStart?.(worker);
  });
}

/** A running worker's task: where it came from, what it was given, how its promise settles. */
interface Task {
  readonly workerUrl: URL;
  /** The worker module's file name, for messages. */
  readonly where: string;
  readonly options: RunInWorkerOptions;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Follows `worker` until its task settles once: its result or error, its exit without one,
 * the abort signal, the time limit; answers its calls to the main thread and hands its
 * events to `onMessage`. The thread is terminated before the promise settles (except when
 * it exited by itself).
 */
function supervise(worker: Worker, task: Task): void {
  const { workerUrl, where, options } = task;
  const { signal, timeoutMs } = options;
  const threadId = worker.threadId;
  let settled = false;
  let uncaught: unknown;
  let timer: NodeJS.Timeout | undefined;
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
  const fail = (code: AtriumErrorCode, message: string, cause?: unknown): void => settle(() => task.reject(error(code, message, cause)), true);
  const onAbort = (): void => fail('ATRIUM_ERR_WORKER_CANCELLED', `Worker ${where} (thread ${threadId}) was cancelled and terminated`, signal?.reason);
  const call = mainThreadCalls(worker, options.handlers ?? {}, where, () => settled);

  worker.on('message', (m: WorkerToMain) => {
    if (settled) return;
    if (m?.type === 'result') settle(() => task.resolve(m.value), true);
    else if (m?.type === 'error') settle(() => task.reject(deserializeError(m.error, 'ATRIUM_ERR_WORKER_FAILED')), true);
    else if (m?.type === 'event') deliverEvent(options, where, m.event);
    else if (m?.type === 'call') call(m);
    // anything else is not of the protocol
  });
  worker.on('error', (e) => {
    uncaught = e; // 'exit' follows
  });
  worker.on('exit', (exitCode) => {
    const why = uncaught === undefined ? `exited with code ${exitCode}` : `threw ${(uncaught as Error)?.message ?? String(uncaught)}`;
    settle(() => task.reject(error('ATRIUM_ERR_WORKER_CRASHED', `Worker ${where} (thread ${threadId}) ${why} without a result`, uncaught, { exitCode })), false);
  });
  signal?.addEventListener('abort', onAbort, { once: true });
  if (timeoutMs !== undefined) {
    timer = setTimeout(() => fail('ATRIUM_ERR_WORKER_TIMEOUT', `Worker ${where} (thread ${threadId}) did not finish within ${timeoutMs} ms and was terminated`), timeoutMs);
  }
}

/** A worker's event to `onMessage`; a listener that throws is a warning, never the task's failure. */
function deliverEvent(options: RunInWorkerOptions, where: string, event: unknown): void {
  try {
    options.onMessage?.(event);
  } catch (e) {
    process.emitWarning(`onMessage of worker ${where} threw: ${(e as Error)?.message ?? String(e)}`, { code: 'ATRIUM_WARN_WORKER_LISTENER' satisfies WarningCode });
  }
}

/**
 * Answers the worker's calls to the main thread (`callMain`): the handler's value or error
 * is posted back as a reply; a method nobody handles, or an answer that cannot be cloned, is
 * an error reply. Nothing is posted once the task has settled.
 */
function mainThreadCalls(worker: Worker, handlers: Readonly<Record<string, MainHandler>>, where: string, settled: () => boolean): (m: Extract<WorkerToMain, { type: 'call' }>) => void {
  const reply = (m: MainToWorker): void => {
    if (settled()) return;
    try {
      worker.postMessage(m);
    } catch (e) {
      const why = new AtriumError('ATRIUM_ERR_WORKER_REPLY_NOT_CLONEABLE', `The answer cannot be sent to the worker: ${(e as Error).message}`);
      worker.postMessage({ type: 'reply', id: m.id, ok: false, error: serializeError(why) } satisfies MainToWorker);
    }
  };
  return (m) => {
    const handler = Object.hasOwn(handlers, m.method) ? handlers[m.method] : undefined;
    if (handler === undefined) {
      const e = new AtriumError('ATRIUM_ERR_WORKER_NO_HANDLER', `Worker ${where} called ${m.method}, which the main thread does not provide`, { method: m.method });
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
}
