import type { JobEvent } from '@atrium/sdk';
import type { SqlDatabase } from './sql-database.js';
import { stmt } from './statement-cache.js';
import { serviceToken } from '../core/service-token.js';

/** A row of the `job` table (migration step 4). Times are ISO 8601; payload, result and error JSON text. */
export interface JobRow {
  id: number;
  type: string;
  key: string | null;
  label: string | null;
  payload: string;
  state: JobEvent['state'];
  progress: number;
  message: string | null;
  attempts: number;
  max_attempts: number;
  next_run_at: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  result: string | null;
  error: string | null;
  cancel_requested: number;
  owner_pid: number | null;
  /** The host id of the process that runs it (`hostId()`); null for rows claimed before hosts were recorded. */
  owner_host: string | null;
}

/** A new row: pending, due at `at`. */
export interface NewJobRow {
  readonly type: string;
  readonly key?: string;
  readonly label?: string;
  readonly payload: string;
  readonly maxAttempts: number;
  readonly at: string;
}

/**
 * The persistent job queue's rows (table `job`). Every method is one statement; the queue
 * (jobs/) groups them with {@link JobTable.transaction}. `types` filters are lists of job
 * types, undefined for all.
 */
export interface JobTable {
  /** Run `fn` in one IMMEDIATE transaction (a job is claimed by one process only). */
  transaction<T>(fn: () => T): T;
  insert(row: NewJobRow): number;
  get(id: number): JobRow | undefined;
  /** The pending, running, retrying or completed job holding `key`. */
  liveWithKey(key: string): JobRow | undefined;
  /** Newest first. */
  list(filter: { readonly states?: readonly string[]; readonly type?: string; readonly limit?: number }): JobRow[];
  running(): JobRow[];
  /** The id of the oldest due pending or retrying job. */
  nextDue(at: string, types?: readonly string[]): number | undefined;
  /** When the earliest pending or retrying job is due. */
  nextRunAt(types?: readonly string[]): string | undefined;
  /** Those of `ids` that are running with a cancel requested, by id. */
  cancelRequested(ids: readonly number[]): number[];
  setRunning(id: number, at: string, ownerPid: number, ownerHost: string): void;
  setCancelRequested(id: number): void;
  /** Progress of a running job (a null message keeps the last); its type and message, undefined when not running. */
  setProgress(id: number, progress: number, message: string | null): { type: string; message: string | null } | undefined;
  setCompleted(id: number, result: string | null, at: string): void;
  setRetrying(id: number, error: string, dueAt: string): void;
  setFailed(id: number, error: string, at: string): void;
  setCancelled(id: number, error: string, at: string): void;
}

const LIVE_STATES = `('pending', 'running', 'retrying', 'completed')`;
/** `column IN (?, ...)` for a list of values (no condition when the list is undefined; false when empty). */
const inList = (column: string, values: readonly unknown[] | undefined): string =>
  values === undefined ? 'TRUE' : values.length === 0 ? 'FALSE' : `${column} IN (${values.map(() => '?').join(', ')})`;

/** DI token of {@link JobTable}. */
export const JobTable = serviceToken<JobTable>('JobTable');

/** {@link JobTable} on a {@link SqlDatabase} (SQLite or PostgreSQL). */
export class JobTableImpl implements JobTable {
  constructor(private readonly db: SqlDatabase) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  insert(r: NewJobRow): number {
    const result = stmt(
      this.db,
      `INSERT INTO job (type, key, label, payload, state, max_attempts, next_run_at, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
    ).run(r.type, r.key ?? null, r.label ?? null, r.payload, r.maxAttempts, r.at, r.at);
    return Number(result.lastInsertRowid);
  }

  get(id: number): JobRow | undefined {
    return stmt<JobRow>(this.db, 'SELECT * FROM job WHERE id = ?').get(id);
  }

  liveWithKey(key: string): JobRow | undefined {
    return stmt<JobRow>(this.db, `SELECT * FROM job WHERE key = ? AND state IN ${LIVE_STATES}`).get(key);
  }

  list(filter: { readonly states?: readonly string[]; readonly type?: string; readonly limit?: number }): JobRow[] {
    const typeFilter = filter.type === undefined ? 'TRUE' : 'type = ?';
    const limit = filter.limit === undefined ? '' : ' LIMIT ?';
    const params = [...(filter.states ?? []), ...(filter.type === undefined ? [] : [filter.type]), ...(filter.limit === undefined ? [] : [filter.limit])];
    return stmt<JobRow>(this.db, `SELECT * FROM job WHERE ${inList('state', filter.states)} AND ${typeFilter} ORDER BY id DESC${limit}`).all(...params);
  }

  running(): JobRow[] {
    return stmt<JobRow>(this.db, `SELECT * FROM job WHERE state = 'running' ORDER BY id`).all();
  }

  nextDue(at: string, types?: readonly string[]): number | undefined {
    return stmt<{ id: number }>(
      this.db,
      `SELECT id FROM job WHERE state IN ('pending', 'retrying') AND next_run_at <= ? AND ${inList('type', types)} ORDER BY next_run_at, id LIMIT 1`,
    ).get(at, ...(types ?? []))?.id;
  }

  nextRunAt(types?: readonly string[]): string | undefined {
    const row = stmt<{ at: string | null }>(this.db, `SELECT MIN(next_run_at) AS at FROM job WHERE state IN ('pending', 'retrying') AND ${inList('type', types)}`)
      .get(...(types ?? []));
    return row?.at ?? undefined;
  }

  cancelRequested(ids: readonly number[]): number[] {
    if (ids.length === 0) return [];
    return stmt<{ id: number }>(this.db, `SELECT id FROM job WHERE state = 'running' AND cancel_requested = 1 AND ${inList('id', ids)} ORDER BY id`)
      .all(...ids)
      .map((r) => r.id);
  }

  setRunning(id: number, at: string, ownerPid: number, ownerHost: string): void {
    stmt(
      this.db,
      `UPDATE job SET state = 'running', attempts = attempts + 1, started_at = ?, finished_at = NULL, owner_pid = ?, owner_host = ?,
         progress = 0, message = NULL, cancel_requested = 0 WHERE id = ?`,
    ).run(at, ownerPid, ownerHost, id);
  }

  setCancelRequested(id: number): void {
    stmt(this.db, 'UPDATE job SET cancel_requested = 1 WHERE id = ?').run(id);
  }

  setProgress(id: number, progress: number, message: string | null): { type: string; message: string | null } | undefined {
    return stmt<{ type: string; message: string | null }>(
      this.db,
      `UPDATE job SET progress = ?, message = COALESCE(?, message) WHERE id = ? AND state = 'running' RETURNING type, message`,
    ).get(progress, message, id);
  }

  setCompleted(id: number, result: string | null, at: string): void {
    stmt(this.db, `UPDATE job SET state = 'completed', progress = 1, result = ?, error = NULL, finished_at = ? WHERE id = ?`).run(result, at, id);
  }

  setRetrying(id: number, error: string, dueAt: string): void {
    stmt(this.db, `UPDATE job SET state = 'retrying', error = ?, next_run_at = ? WHERE id = ?`).run(error, dueAt, id);
  }

  setFailed(id: number, error: string, at: string): void {
    stmt(this.db, `UPDATE job SET state = 'failed', error = ?, finished_at = ? WHERE id = ?`).run(error, at, id);
  }

  setCancelled(id: number, error: string, at: string): void {
    stmt(this.db, `UPDATE job SET state = 'cancelled', error = ?, finished_at = ? WHERE id = ?`).run(error, at, id);
  }
}
