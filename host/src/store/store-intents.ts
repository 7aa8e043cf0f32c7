import type { IntentRecord, IntentTable } from '../db/intent-table.js';
import type { HostLiveness } from '../db/host-liveness.js';

/**
 * The write-ahead intent log of the store: a path is recorded (and committed) before its
 * file is renamed into place, and forgotten once the index holds it. After a crash the
 * intents left are exactly the files whose index state is in doubt (see `reconcileStore`).
 * Each intent records the host and process that wrote it, so that a reconcile in another
 * process, on this host or another sharing the store, leaves a store still in progress alone
 * (see `HostLiveness`: a process of another host is alive while it beats).
 */
export class StoreIntents {
  constructor(
    private readonly table: IntentTable,
    readonly liveness: HostLiveness,
  ) {}

  begin(path: string): void {
    this.liveness.touch();
    this.table.record(path, this.liveness.self.pid, this.liveness.self.host);
  }
  end(path: string): void {
    this.table.forget(path);
  }
  /** Intents left by stores that were interrupted (their process is dead, or is this one). */
  pending(): string[] {
    return this.table.list().filter((r) => !this.ownerMayBeWriting(r)).map((r) => r.path);
  }
  /** Paths of stores another live process (of this host or another) has in progress. */
  inProgress(): string[] {
    return this.table.list().filter((r) => this.ownerMayBeWriting(r)).map((r) => r.path);
  }

  private ownerMayBeWriting(r: IntentRecord): boolean {
    return this.liveness.mayBeWriting({ ...(r.ownerHost === undefined ? {} : { host: r.ownerHost }), ...(r.ownerPid === undefined ? {} : { pid: r.ownerPid }) });
  }
}
