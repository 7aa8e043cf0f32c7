import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { deserializeError, serializeError, type MainToWorker, type WorkerToMain } from './worker-protocol.js';

/** What a worker task gets besides its data. */
export interface WorkerTaskIo {
  /** Calls handler `method` of the main thread (`runInWorker`'s `handlers`) and awaits its answer. */
  callMain<R = unknown>(method: string, ...args: unknown[]): Promise<R>;
  /** Sends an event to the main thread (`runInWorker`'s `onMessage`): progress, log lines. */
  emit(event: unknown): void;
}

const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
let nextCallId = 1;
let listening = false;

/**
 * The worker side of `runInWorker`: runs `task` on the worker's data and posts its
 * result, or the error it threw (code, message and details are kept). Call it once, from
 * the worker's entry module.
 *
 * @example
 * ```ts
 * // my-worker.ts, compiled to host/dist/.../my-worker.js
 * runWorkerTask(async (data: { n: number }, io) => {
 *   io.emit({ progress: 0.5 });
 *   return { doubled: await io.callMain<number>('double', data.n) };
 * });
 * ```
 */
export function runWorkerTask<D, R>(task: (data: D, io: WorkerTaskIo) => R | Promise<R>): void {
  const port = requirePort();
  const io: WorkerTaskIo = { callMain, emit: emitEvent };
  void (async () => {
    let message: WorkerToMain;
    try {
      message = { type: 'result', value: await task(workerData as D, io) };
    } catch (e) {
      message = { type: 'error', error: serializeError(e) };
    }
    try {
      port.postMessage(message);
    } catch (e) {
      // The result cannot be cloned (a function, a class instance with private state, ...).
      const message = `The worker's result cannot be sent: ${(e as Error).message}`;
      const error = { name: 'Error', code: 'ATRIUM_ERR_WORKER_RESULT_NOT_CLONEABLE' as const, message };
      port.postMessage({ type: 'error', error } satisfies WorkerToMain);
    }
  })();
}

/** See {@link WorkerTaskIo.callMain}. Rejects with an `AtriumError` carrying the main handler's code. */
export function callMain<R = unknown>(method: string, ...args: unknown[]): Promise<R> {
  const port = requirePort();
  if (!listening) {
    port.on('message', onReply);
    listening = true;
  }
  const id = nextCallId++;
  return new Promise<R>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    port.ref();
    port.postMessage({ type: 'call', id, method, args } satisfies WorkerToMain);
  });
}

/** See {@link WorkerTaskIo.emit}. */
export function emitEvent(event: unknown): void {
  requirePort().postMessage({ type: 'event', event } satisfies WorkerToMain);
}

function onReply(m: MainToWorker): void {
  if (m?.type !== 'reply') return;
  const call = pending.get(m.id);
  if (call === undefined) return;
  pending.delete(m.id);
  // Do not keep the thread alive for the reply listener once no call is waiting.
  if (pending.size === 0) parentPort?.unref();
  if (m.ok) call.resolve(m.value);
  else call.reject(deserializeError(m.error, 'ATRIUM_ERR_WORKER_CALL_FAILED'));
}

function requirePort(): MessagePort {
  if (isMainThread || parentPort === null) {
    throw new Error('runWorkerTask / callMain / emitEvent must be called inside a worker started by runInWorker');
  }
  return parentPort;
}
