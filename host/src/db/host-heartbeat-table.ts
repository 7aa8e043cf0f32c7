import type { SqlDatabase } from './sql-database.js';
import { stmt } from './statement-cache.js';
import { serviceToken } from '../core/service-token.js';

/** One process that opened the store, on some host, and when it last said it is alive. */
export interface Heartbeat {
  readonly hostId: string;
  readonly pid: number;
  /** Milliseconds since 1970, by that process's clock. */
  readonly startedAt: number;
  readonly beatAt: number;
}

/**
 * The heartbeats of the processes using one store (table `host_heartbeat`): every process
 * that opens the store beats while it runs and removes its row when it closes, so that the
 * other hosts can tell a store still in progress from one a dead host left (see `HostLiveness`).
 */
export interface HostHeartbeatTable {
  /** Record that process `pid` of `hostId` is alive at `now` (started then, when it is its first beat). */
  beat(hostId: string, pid: number, now: number): void;
  /** The heartbeat of process `pid` of `hostId`, if it has one. */
  get(hostId: string, pid: number): Heartbeat | undefined;
  /** Every heartbeat, oldest beat first. */
  list(): Heartbeat[];
  /** Remove the row of process `pid` of `hostId` (it closed the store, or was found dead). */
  forget(hostId: string, pid: number): void;
}

/** DI token of {@link HostHeartbeatTable}. */
export const HostHeartbeatTable = serviceToken<HostHeartbeatTable>('HostHeartbeatTable');

interface Row {
  host_id: string;
  pid: number;
  started_at: number;
  beat_at: number;
}
const toHeartbeat = (r: Row): Heartbeat => ({ hostId: r.host_id, pid: Number(r.pid), startedAt: Number(r.started_at), beatAt: Number(r.beat_at) });

/** {@link HostHeartbeatTable} on a {@link SqlDatabase} (SQLite or PostgreSQL). */
export class HostHeartbeatTableImpl implements HostHeartbeatTable {
  constructor(private readonly db: SqlDatabase) {}

  beat(hostId: string, pid: number, now: number): void {
    stmt(this.db, `INSERT INTO host_heartbeat (host_id, pid, started_at, beat_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (host_id, pid) DO UPDATE SET beat_at = excluded.beat_at`).run(hostId, pid, now, now);
  }

  get(hostId: string, pid: number): Heartbeat | undefined {
    const row = stmt<Row>(this.db, 'SELECT host_id, pid, started_at, beat_at FROM host_heartbeat WHERE host_id = ? AND pid = ?').get(hostId, pid);
    return row ? toHeartbeat(row) : undefined;
  }

  list(): Heartbeat[] {
    return stmt<Row>(this.db, 'SELECT host_id, pid, started_at, beat_at FROM host_heartbeat ORDER BY beat_at, host_id, pid').all().map(toHeartbeat);
  }

  forget(hostId: string, pid: number): void {
    stmt(this.db, 'DELETE FROM host_heartbeat WHERE host_id = ? AND pid = ?').run(hostId, pid);
  }
}
