import type { Disposable } from '@atrium/sdk';
import type { WarningCode } from '../errors/codes.js';

/**
 * A minimal typed event source: `event(listener)` subscribes and returns a
 * {@link Disposable}; `fire(e)` calls the listeners in subscription order. A listener that
 * throws does not stop the others nor the operation that fired (it is reported as a
 * process warning).
 */
export class Emitter<T> {
  private readonly listeners = new Set<(e: T) => void>();

  /** Subscribes `listener`; dispose the result to unsubscribe. */
  readonly event = (listener: (e: T) => void): Disposable => {
    const wrapped = (e: T): void => listener(e);
    this.listeners.add(wrapped);
    return { dispose: () => void this.listeners.delete(wrapped) };
  };

  fire(e: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(e);
      } catch (err) {
        process.emitWarning(`A job event listener threw: ${(err as Error)?.message ?? String(err)}`, {
          code: 'ATRIUM_WARN_JOB_LISTENER' satisfies WarningCode,
        });
      }
    }
  }
}
