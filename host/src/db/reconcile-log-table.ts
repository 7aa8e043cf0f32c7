import type BetterSqlite3 from 'better-sqlite3';
import { stmt } from './statement-cache.js';
import { serviceToken } from '../core/service-token.js';

/** A reconcile report kept in the log, as JSON text (its shape belongs to the store). */
export interface ReconcileLogRecord {
  readonly id: number;
  /** When the pass ran (ISO 8601). */
  readonly at: string;
  readonly report: string;
}

/**
 * The log of what the start-up reconcile passes repaired (table `reconcile_log`): each kept
 * until `atrium reconcile` has shown it.
 */
export interface ReconcileLogTable {
  /** Keep the JSON `report` of a start-up pass run at `at` (ISO 8601). */
  recordStartup(at: string, report: string): void;
  /** Start-up reports not shown yet, oldest first. */
  unshown(): ReconcileLogRecord[];
  /** Mark reports as shown, in one transaction. */
  markShown(ids: readonly number[]): void;
}

/** DI token of {@link ReconcileLogTable}. */
export const ReconcileLogTable = serviceToken<ReconcileLogTable>('ReconcileLogTable');

/** {@link ReconcileLogTable} on SQLite. */
export class ReconcileLogTableImpl implements ReconcileLogTable {
  constructor(private readonly db: BetterSqlite3.Database) {}

  recordStartup(at: string, report: string): void {
    stmt(this.db, `INSERT INTO reconcile_log (at, kind, report) VALUES (?, 'startup', ?)`).run(at, report);
  }

  unshown(): ReconcileLogRecord[] {
    return stmt<ReconcileLogRecord>(this.db, `SELECT id, at, report FROM reconcile_log WHERE kind = 'startup' AND shown = 0 ORDER BY id`).all();
  }

  markShown(ids: readonly number[]): void {
    const mark = stmt(this.db, 'UPDATE reconcile_log SET shown = 1 WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => mark.run(id)))();
  }
}
