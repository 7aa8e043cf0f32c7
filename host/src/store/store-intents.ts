import type { IntentTable } from '../db/intent-table.js';
import { ownerMayBeWriting } from './owner-may-be-writing.js';

/**
 * The write-ahead intent log of the store: a path is recorded (and committed) before its
 * file is renamed into place, and forgotten once the index holds it. After a crash the
 * intents left are exactly the files whose index state is in doubt (see `reconcileStore`).
 * Each intent records the process that wrote it, so that a reconcile in another process
 * leaves the intents of a store still in progress alone.
 */
export class StoreIntents {
  constructor(private readonly table: IntentTable) {}

  begin(path: string): void {
    this.table.record(path, process.pid);
  }
  end(path: string): void {
    this.table.forget(path);
  }
  /** Intents left by stores that were interrupted (their process is gone, or is this one). */
  pending(): string[] {
    return this.table.list().filter((r) => !ownerMayBeWriting(r.ownerPid)).map((r) => r.path);
  }
}
