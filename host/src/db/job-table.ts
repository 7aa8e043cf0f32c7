import type { JobEvent } from '@atrium/sdk';
import type BetterSqlite3 from 'better-sqlite3';
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
  setRunning(id: number, at: string, ownerPid: number): void;
  setCancelRequested(id: number): void;
  /** Progress of a running job (a null message keeps the last); its type and message, undefined when not running. */
  setProgress(id: number, progress: number, message: string | null): { type: string; message: string | null } | undefined;
  setCompleted(id: number, result: string | null, at: string): void;
  setRetrying(id: number, error: string, dueAt: string): void;
  setFailed(id: number, error: string, at: string): void;
  setCancelled(id: number, error: string, at: string): void;
}

const LIVE_STATES = `('pending', 'running', 'retrying', 'completed')`;
const TYPES_FILTER = `(@types IS NULL OR type IN (SELECT value FROM json_each(@types)))`;
const jsonList = (types: readonly string[] | undefined): string | null => (types === undefined ? null : JSON.stringify(types));

/** DI token of {@link JobTable}. */
export const JobTable = serviceToken<JobTable>('JobTable');

/** {@link JobTable} on SQLite. */
export class JobTableImpl implements JobTable {
  constructor(private readonly db: BetterSqlite3.Database) {}

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
    return stmt<JobRow>(
      this.db,
      `SELECT * FROM job WHERE (@states IS NULL OR state IN (SELECT value FROM json_each(@states))) AND (@type IS NULL OR type = @type)
       ORDER BY id DESC LIMIT @limit`,
    ).all({ states: jsonList(filter.states), type: filter.type ?? null, limit: filter.limit ?? -1 });
  }

  running(): JobRow[] {
    return stmt<JobRow>(this.db, `SELECT * FROM job WHERE state = 'running' ORDER BY id`).all();
  }

  nextDue(at: string, types?: readonly string[]): number | undefined {
    return stmt<{ id: number }>(
      this.db,
      `SELECT id FROM job WHERE state IN ('pending', 'retrying') AND next_run_at <= @at AND ${TYPES_FILTER} ORDER BY next_run_at, id LIMIT 1`,
    ).get({ at, types: jsonList(types) })?.id;
  }

  nextRunAt(types?: readonly string[]): string | undefined {
    const row = stmt<{ at: string | null }>(this.db, `SELECT MIN(next_run_at) AS at FROM job WHERE state IN ('pending', 'retrying') AND ${TYPES_FILTER}`)
      .get({ types: jsonList(types) });
    return row?.at ?? undefined;
  }

  cancelRequested(ids: readonly number[]): number[] {
    return stmt<{ id: number }>(this.db, `SELECT id FROM job WHERE state = 'running' AND cancel_requested = 1 AND id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify(ids))
      .map((r) => r.id);
  }

  setRunning(id: number, at: string, ownerPid: number): void {
    stmt(
      this.db,
      `UPDATE job SET state = 'running', attempts = attempts + 1, started_at = ?, finished_at = NULL, owner_pid = ?,
         progress = 0, message = NULL, cancel_requested = 0 WHERE id = ?`,
    ).run(at, ownerPid, id);
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
