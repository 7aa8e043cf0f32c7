import type { StoreOutcome } from './store-outcome.js';

/** An instance the store accepted (`stored` or `replaced`), and where it came from. */
export type InstanceStoredInfo = Extract<StoreOutcome, { status: 'stored' | 'replaced' }> & {
  /** Who sent it: `import:<path>`, `dicom:<AE>@<address>`, `app:<app>`. */
  readonly source: string;
};

/** A series the store considers complete: nothing new for the stable age, the end of an import, or a derivation done. */
export interface SeriesCompleteInfo {
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
  /** Instances stored in the series. */
  readonly instances: number;
}

/** What a listener of {@link StoreEvents} may hear. */
export interface StoreListener {
  instanceStored?(info: InstanceStoredInfo): void;
  seriesComplete?(info: SeriesCompleteInfo): void;
}

/**
 * The events of the store's one commit path: every instance stored — imported, received
 * by C-STORE or derived by an app — and every series completed. The host turns them into
 * its `instanceStored` / `seriesComplete` hooks (and so into plugin events). A listener
 * that throws is reported through `onError` and never undoes or stops a store.
 */
export class StoreEvents {
  private readonly listeners = new Set<StoreListener>();

  constructor(private readonly onError: (error: unknown) => void = (e) => process.emitWarning(`a store event listener threw: ${(e as Error).message ?? String(e)}`)) {}

  /** Add a listener; returns the function that removes it. */
  listen(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  instanceStored(info: InstanceStoredInfo): void {
    for (const l of [...this.listeners]) this.safely(() => l.instanceStored?.(info));
  }

  seriesComplete(info: SeriesCompleteInfo): void {
    for (const l of [...this.listeners]) this.safely(() => l.seriesComplete?.(info));
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.onError(e);
    }
  }
}
