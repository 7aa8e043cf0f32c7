import type { Heartbeat, HostHeartbeatTable } from './host-heartbeat-table.js';
import type { SettingTable } from './setting-table.js';
import { hostId } from '../core/host-id.js';
import { ownerMayBeWriting } from '../core/owner-may-be-writing.js';
import { backgroundFailure, backgroundRecovered } from '../core/background-failure.js';

/** The process that left an intent or a temp file: its host id (absent: this host) and process id. */
export interface StoreOwner {
  readonly host?: string;
  readonly pid?: number;
}

/** Default of the store setting `hostTimeout`, in seconds: six missed heartbeats. */
export const DEFAULT_HOST_TIMEOUT_S = 60;

/** The store setting `hostTimeout` in milliseconds (the default when unset or unreadable: `atrium config set` checks it). */
export function hostTimeoutMs(settings: SettingTable): number {
  const seconds = Number(settings.list('store.hostTimeout').get('store.hostTimeout'));
  return (Number.isInteger(seconds) && seconds >= 2 ? seconds : DEFAULT_HOST_TIMEOUT_S) * 1000;
}

/**
 * Which processes sharing the store may still be writing to it. Every process that opens the
 * store beats (table `host_heartbeat`, a sixth of the timeout apart, and at every store it
 * begins) and removes its row when it closes. A process of this host is alive while its
 * process id is (the operating system knows); one of another host while its last beat is
 * younger than the store setting `hostTimeout` (default 60 s; hosts' clocks are assumed
 * synchronized, NTP, to well within it). A reconcile leaves what a live process owns alone.
 */
export class HostLiveness {
  /** Running instances per database in this thread: the row is this process's, removed when the last one stops. */
  private static readonly running = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private lastBeat = 0;
  private stopped = false;
  /** The last timeout read (the store setting), used while the database cannot be read. */
  private knownTimeoutMs = DEFAULT_HOST_TIMEOUT_S * 1000;

  constructor(
    private readonly table: HostHeartbeatTable,
    private readonly timeoutMs: () => number,
    readonly self: { readonly host: string; readonly pid: number } = { host: hostId(), pid: process.pid },
    private readonly now: () => number = Date.now,
    /** Names the database (several may be open in one process, each with its instance). */
    private readonly database = '',
  ) {}

  /** Beat now and then every sixth of the timeout until {@link stop} (the timer does not hold the process open). */
  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    HostLiveness.running.set(this.database, (HostLiveness.running.get(this.database) ?? 0) + 1);
    this.beat();
    const next = (): void => {
      this.timer = setTimeout(() => {
        this.beat();
        next();
      }, Math.max(250, Math.floor(this.currentTimeoutMs() / 6)));
      this.timer.unref();
    };
    next();
  }

  /** Beat unless the last beat is younger than a sixth of the timeout (a store in progress: its event loop may be busy). */
  touch(): void {
    if (this.stopped) return;
    if (this.now() - this.lastBeat >= this.currentTimeoutMs() / 6) this.beat();
  }

  /** Stop beating; the last instance of this process on the database removes its row (it no longer writes). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.timer !== undefined) {
      const left = (HostLiveness.running.get(this.database) ?? 1) - 1;
      if (left > 0) {
        HostLiveness.running.set(this.database, left);
        return;
      }
      HostLiveness.running.delete(this.database);
    }
    try {
      this.table.forget(this.self.host, this.self.pid);
    } catch {
      // The database is gone (closed, unreachable): the row expires after the timeout.
    }
  }

  /** Whether `owner` may still be writing what it left: a reconcile must leave it alone. */
  mayBeWriting(owner: StoreOwner): boolean {
    if (owner.host === undefined || owner.host === this.self.host) return ownerMayBeWriting(owner.pid);
    if (owner.pid === undefined) return false;
    const beat = this.table.get(owner.host, owner.pid);
    return beat !== undefined && this.now() - beat.beatAt < this.timeoutMs();
  }

  /** Remove the rows of dead processes (this host's: process gone; another's: no beat within the timeout); returns them. */
  pruneDead(): Heartbeat[] {
    const dead = this.table.list().filter((b) => !(b.hostId === this.self.host && b.pid === this.self.pid) && !this.mayBeWriting({ host: b.hostId, pid: b.pid }));
    for (const b of dead) this.table.forget(b.hostId, b.pid);
    return dead;
  }

  private beat(): void {
    const what = `the heartbeat of host ${this.self.host}, process ${this.self.pid}, in the index ${this.database}`;
    try {
      this.table.beat(this.self.host, this.self.pid, this.now());
      this.lastBeat = this.now();
      backgroundRecovered(what);
    } catch (e) {
      // A missed beat is what the timeout allows for; the next one tries again.
      backgroundFailure(what, e);
    }
  }

  /** The timeout (the store setting); the last one read while the database cannot be read (the timer must not throw). */
  private currentTimeoutMs(): number {
    try {
      this.knownTimeoutMs = this.timeoutMs();
    } catch {
      // the index is unreachable: the beat reports it
    }
    return this.knownTimeoutMs;
  }
}
