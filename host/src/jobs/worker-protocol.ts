import { isWellFormedErrorCode, type ErrorCode } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { AtriumErrorCode } from '../errors/codes.js';

/** An error as it crosses a thread boundary (structured clone keeps no class). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: ErrorCode;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly stack?: string;
}

/**
 * Messages of the worker protocol, worker → main thread: the task's `result` or `error`
 * (one of them, last), any number of `event`s (progress, logs: given to `onMessage`),
 * and `call`s of a main-thread handler, each answered by a `reply` with the same id.
 */
export type WorkerToMain =
  | { readonly type: 'result'; readonly value: unknown }
  | { readonly type: 'error'; readonly error: SerializedError }
  | { readonly type: 'event'; readonly event: unknown }
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly args: readonly unknown[] };

/** Main thread → worker: the answer to a `call`. */
export type MainToWorker =
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: SerializedError };

/** `e` as plain data: name, message, its string `code` and plain `details` when it has them, stack. */
export function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: 'Error', message: typeof e === 'string' ? e : String(e) };
  const { code, details } = e as { code?: unknown; details?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(typeof code === 'string' && isWellFormedErrorCode(code) ? { code } : {}),
    ...(details !== null && typeof details === 'object' ? { details: details as Record<string, unknown> } : {}),
    ...(e.stack === undefined ? {} : { stack: e.stack }),
  };
}

/**
 * The {@link AtriumError} for an error that came over the protocol: its own code (or
 * `fallbackCode`), message and details — so `details.retryable` survives the crossing —
 * with the stack of the other thread.
 */
export function deserializeError(s: SerializedError, fallbackCode: AtriumErrorCode): AtriumError {
  const e = AtriumError.relay(s.code, fallbackCode, s.message, s.details ?? {});
  if (s.stack !== undefined) e.stack = s.stack;
  return e;
}
